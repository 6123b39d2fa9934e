import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryIo } from '../cli-io.js';
import { exitCodeFor } from '../main.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-recommend-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 30 users in two taste groups over 16 items, headerless and tab-separated like MovieLens u.data.
const lines: string[] = [];
for (let u = 1; u <= 30; u++) {
  for (let t = 0; t < 8; t++) lines.push(`${u}\t${(u % 2) * 8 + ((u + t) % 8) + 1}\t${1 + (t % 5)}\t${880000000 + u * 100 + t}`);
}
writeFileSync(path.join(dir, 'u.data'), lines.join('\n') + '\n');
writeFileSync(path.join(dir, 'events.csv'), 'user,product\n' + lines.map((l) => l.split('\t').slice(0, 2).join(',')).join('\n') + '\n');
writeFileSync(path.join(dir, 'empty.csv'), '');

async function cli(args: string[]) {
  const io = createMemoryIo({ cwd: dir, env: {} });
  const error = await runCli(args, io);
  return { io, error, code: exitCodeFor(error) };
}

describe('northstar recommend eval', () => {
  it('--json prints one { model, precision, recall, ndcg, map, coverage, trainSeconds } per model', async () => {
    const { io, code } = await cli(['recommend', 'eval', '--interactions', 'u.data', '--models', 'popularity,ease:lambda=10,sar', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(io.text()) as Record<string, unknown>[];
    expect(rows.map((r) => r.model)).toEqual(['popularity', 'ease:lambda=10', 'sar']);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['coverage', 'map', 'model', 'ndcg', 'precision', 'recall', 'trainSeconds']);
      expect(r.ndcg).toBeGreaterThanOrEqual(0);
      expect(r.ndcg).toBeLessThanOrEqual(1);
    }
  });

  it('prints a table for a CSV with a header, named columns and the random protocol', async () => {
    const { io, code } = await cli(['recommend', 'eval', '--interactions', 'events.csv', '--user-col', 'user', '--item-col', 'product', '--protocol', 'random', '--k', '5', '--models', 'itemknn']);
    expect(code).toBe(0);
    expect(io.text()).toMatch(/30 users, 16 items, 240 interactions/);
    expect(io.text()).toMatch(/nDCG@5[\s\S]*itemknn/);
  });

  it('runs the temporal protocol with positions', async () => {
    const { code, io } = await cli(['recommend', 'eval', '--interactions', 'u.data', '--user-col', '1', '--item-col', '2', '--time-col', '4', '--protocol', 'temporal', '--models', 'popularity', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(io.text())).toHaveLength(1);
  });

  it.each([
    [['--interactions', 'missing.tsv'], 'IMPORT_FILE_NOT_FOUND'],
    [['--interactions', 'empty.csv'], 'NO_INTERACTIONS'],
    [['--interactions', 'events.csv', '--item-col', 'sku'], 'UNKNOWN_COLUMN'],
    [['--interactions', 'u.data', '--k', '0'], 'INVALID_ARGUMENT'],
    [['--interactions', 'u.data', '--protocol', 'weekly'], 'INVALID_ARGUMENT'],
    [['--interactions', 'u.data', '--models', 'magic'], 'INVALID_ARGUMENT'],
    [[], 'INVALID_ARGUMENT'],
  ])('bad input %j → %s, exit status 2', async (extra, code) => {
    const { error, code: exit, io } = await cli(['recommend', 'eval', ...extra]);
    expect(error?.code).toBe(code);
    expect(exit).toBe(2);
    expect(io.stderr.join('')).toMatch(new RegExp(`^error ${code}: .*\\nhint: `));
  });
});
