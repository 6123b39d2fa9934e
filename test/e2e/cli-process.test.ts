import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './helpers/cli.js';
import { assertBuilt, CLI_BIN, cliEnv, REPO_ROOT } from './helpers/server-process.js';

// The built `northstar` binary as a real process: exit statuses from src/cli/main.ts, stdout vs stderr.
let data: { dir: string; remove: () => Promise<void> };

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd: REPO_ROOT, env: cliEnv(data.dir), encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

beforeAll(async () => {
  assertBuilt();
  data = await tempDataDir('cli-process');
});
afterAll(async () => {
  await data.remove();
});

describe('northstar binary', () => {
  it('exits 0 with data on stdout, 2 for bad input with `error CODE` + hint on stderr', async () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('EXAMPLES');

    const created = run(['project', 'create', 'Proc', '--id', 'proc', '--json']);
    expect(created.status).toBe(0);
    expect(Object.keys(JSON.parse(created.stdout) as object).sort()).toEqual(['apiKey', 'id', 'token']);

    const file = path.join(data.dir, 'e.ndjson');
    await writeFile(file, '{"event":"a","distinct_id":"u","timestamp":"2021-06-01T00:00:00Z"}\n{"event":""}\n');
    const imported = run(['import', file, '--project', 'proc', '--json']);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 2, stored: 1, quarantined: 1 });

    const missing = run(['import', path.join(data.dir, 'missing.csv'), '--project', 'proc']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^error IMPORT_FILE_NOT_FOUND: .*\nhint: /);

    const unknown = run(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/error INVALID_ARGUMENT: Unknown command frobnicate/);

    const json = run(['import', 'x.txt', '--project', 'proc', '--json']);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'IMPORT_FORMAT' } });
  });
});
