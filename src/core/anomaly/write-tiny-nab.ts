/**
 * Writes a tiny NAB-layout folder (two series of 400 five-minute rows; `cat/a.csv` has a spike at row 300 inside
 * its window on rows 290..330, `cat/b.csv` has no window). Used by tests and docs examples to exercise the
 * `anomaly nab` path without the real corpus.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Creates the folder under the OS temp dir and returns its path (the caller removes it). */
export function writeTinyNabFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nab-'));
  mkdirSync(path.join(dir, 'data', 'cat'), { recursive: true });
  mkdirSync(path.join(dir, 'labels'));
  mkdirSync(path.join(dir, 'config'));
  const stamp = (i: number): string => new Date(Date.UTC(2020, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
  const csv = (spike: number | undefined): string =>
    'timestamp,value\n' + Array.from({ length: 400 }, (_, i) => `${stamp(i)},${i === spike ? 90 : 10 + (i % 5)}`).join('\n') + '\n';
  writeFileSync(path.join(dir, 'data', 'cat', 'a.csv'), csv(300));
  writeFileSync(path.join(dir, 'data', 'cat', 'b.csv'), csv(undefined));
  writeFileSync(path.join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'cat/a.csv': [[`${stamp(290)}.000000`, `${stamp(330)}.000000`]], 'cat/b.csv': [] }));
  const cm = (fp: number, fn: number): unknown => ({ CostMatrix: { tpWeight: 1, fpWeight: fp, fnWeight: fn, tnWeight: 1 } });
  writeFileSync(path.join(dir, 'config', 'profiles.json'), JSON.stringify({ standard: cm(0.11, 1), reward_low_FP_rate: cm(0.22, 1), reward_low_FN_rate: cm(0.11, 2) }));
  return dir;
}
