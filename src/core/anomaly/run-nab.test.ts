import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NAB_PROFILES, readCsvColumns, readPublishedFileScores } from './nab-folder.js';
import { runNabBenchmark } from './run-nab.js';
import type { NabRunResult } from './run-nab.js';
import { writeTinyNabFolder } from './write-tiny-nab.js';

const NAB = path.resolve(import.meta.dirname, '../../../../shared/data/nab');
const hasNab = existsSync(path.join(NAB, 'results', 'windowedGaussian'));
let wg: NabRunResult | undefined;
/** The windowedGaussian rescoring, computed once (it reads ~20 MB of published outputs). */
const windowedGaussian = (): NabRunResult => (wg ??= runNabBenchmark(NAB, 'windowedGaussian'));

const tinyNab = writeTinyNabFolder;

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('runNabBenchmark on a tiny folder', () => {
  it('scores our detector with optimised thresholds and no published table', () => {
    const dir = tinyNab();
    tmp.push(dir);
    const r = runNabBenchmark(dir, 'rolling-mad');
    expect(r.fileCount).toBe(2);
    expect(r.windowCount).toBe(1);
    // The spike is the first scored row of the window's detections, 10 rows in: close to perfect.
    expect(r.standard).toBeGreaterThan(90);
    expect(r.thresholds.standard.source).toBe('optimized');
    expect(r.published).toEqual([]);
  });

  it.each(['streaming', 'shesd'])('scores %s, a detector run without look-ahead, on the same folder', (name) => {
    const dir = tinyNab();
    tmp.push(dir);
    const r = runNabBenchmark(dir, name);
    expect(r.detector).toBe(name);
    expect(r.files).toHaveLength(2);
    // The spike is 10 rows into its window: found early and alone, whatever the detector's block size.
    expect(r.standard).toBeGreaterThan(80);
    expect(r.rewardLowFP).toBeGreaterThan(80);
    expect(r.rewardLowFN).toBeGreaterThan(80);
  });

  it('rejects an unknown detector and a folder without labels', () => {
    const dir = tinyNab();
    tmp.push(dir);
    expect(() => runNabBenchmark(dir, 'nope')).toThrow(/no detector "nope"/);
    rmSync(path.join(dir, 'labels'), { recursive: true });
    expect(() => runNabBenchmark(dir)).toThrow(/combined_windows\.json/);
  });
});

describe.skipIf(!hasNab)('NAB scorer against the published windowedGaussian results (needs ../shared/data/nab)', () => {
  it('reproduces every file’s published score under all three profiles, and the normalised subset score', () => {
    const r = windowedGaussian();
    expect(r.fileCount).toBe(42);
    for (const p of NAB_PROFILES) {
      const published = readPublishedFileScores(NAB, 'windowedGaussian', p)!;
      const key = p === 'standard' ? 'standard' : p === 'reward_low_FP_rate' ? 'rewardLowFP' : 'rewardLowFN';
      for (const f of r.files) expect(Math.abs(f[key] - published.get(f.file)!), `${p} ${f.file}`).toBeLessThan(1e-6);
      expect(r.thresholds[p].source).toBe('published');
    }
    // Rescoring the raw outputs gives the same subset score as summing the published per-file scores.
    const pub = r.published.find((x) => x.detector === 'windowedGaussian')!;
    expect(r.standard).toBeCloseTo(pub.standard, 6);
    expect(r.rewardLowFN).toBeCloseTo(pub.rewardLowFN, 6);
  });

  it('matches the published per-row S(t) columns, whose sums are the file scores', () => {
    // The raw result files carry each row's contribution at the published threshold (NAB v1.0 layout): nonzero
    // at detections and missed windows only. Their sum per profile must equal our file score.
    const r = windowedGaussian();
    for (const f of r.files) {
      const cols = readCsvColumns(path.join(NAB, 'results', 'windowedGaussian', f.file.replace('/', '/windowedGaussian_')));
      for (const p of NAB_PROFILES) {
        const sum = cols.get(`S(t)_${p}`)!.reduce((a, v) => a + Number(v), 0);
        const key = p === 'standard' ? 'standard' : p === 'reward_low_FP_rate' ? 'rewardLowFP' : 'rewardLowFN';
        expect(Math.abs(sum - f[key]), `${p} ${f.file}`).toBeLessThan(1e-6);
      }
    }
  });
});
