import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules/.bin/depcruise');

function cruise(cwd: string): { status: number; output: string } {
  try {
    const output = execFileSync(depcruise, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: e.stdout + e.stderr };
  }
}

describe('dependency rule (ARCHITECTURE.md)', () => {
  it('holds for the source tree', () => {
    const result = cruise(root);
    expect(result.output).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  // The rule set must be able to fail: a planted upward import and a driver import outside store/<backend>/.
  it('catches an upward import and a driver import in the wrong layer', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ns-depcruise-'));
    try {
      cpSync(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
      cpSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
      mkdirSync(path.join(dir, 'src/common'), { recursive: true });
      mkdirSync(path.join(dir, 'src/core'), { recursive: true });
      mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
      cpSync(path.join(root, 'node_modules/@duckdb'), path.join(dir, 'node_modules/@duckdb'), { recursive: true, dereference: false });
      writeFileSync(path.join(dir, 'src/core/service.ts'), "export const x = 1;\n");
      writeFileSync(path.join(dir, 'src/common/bad.ts'), "import { x } from '../core/service.js';\nexport const y = x;\n");
      writeFileSync(path.join(dir, 'src/core/driver.ts'), "import { DuckDBInstance } from '@duckdb/node-api';\nexport const z = DuckDBInstance;\n");
      const result = cruise(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('common-imports-only-nothing');
      expect(result.output).toContain('only-store-backends-import-drivers');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
