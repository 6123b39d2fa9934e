import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyNabFolder } from '../../core/anomaly/write-tiny-nab.js';
import { createMemoryIo } from '../cli-io.js';
import { exitCodeFor } from '../main.js';
import { runCli } from '../run-cli.js';

const dir = writeTinyNabFolder();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ out: string; err: string; code: number }> {
  const io = createMemoryIo({ cwd: dir, env: {} });
  const error = await runCli(args, io);
  return { out: io.stdout.join(''), err: io.stderr.join(''), code: exitCodeFor(error) };
}

describe('northstar anomaly nab', () => {
  it('prints { detector, standard, rewardLowFP, rewardLowFN, files } with --json', async () => {
    const r = await cli(['anomaly', 'nab', '--data', '.', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { detector: string; standard: number; rewardLowFP: number; rewardLowFN: number; files: Array<{ file: string }> };
    expect(j.detector).toBe('streaming'); // the default
    expect(j.files.map((f) => f.file)).toEqual(['cat/a.csv', 'cat/b.csv']);
    for (const k of ['standard', 'rewardLowFP', 'rewardLowFN'] as const) expect(j[k]).toBeGreaterThan(90);
  });

  it('prints a scoreboard table, and a coded error for a missing folder', async () => {
    const ok = await cli(['anomaly', 'nab', '--data', '.', '--detector', 'rolling-mad', '--files']);
    expect(ok.out).toMatch(/» rolling-mad/);
    expect(ok.out).toContain('cat/a.csv');
    const bad = await cli(['anomaly', 'nab', '--data', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error NOT_FOUND/);
  });
});
