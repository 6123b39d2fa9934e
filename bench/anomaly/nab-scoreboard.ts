/**
 * Benchmark: NAB scoreboard (three profiles) of a detector on a NAB-layout folder, beside the published
 * detectors scored on the same files, plus the wall time of detection and of scoring.
 *
 *   npx tsx bench/anomaly/nab-scoreboard.ts [--data ../shared/data/nab] [--detector streaming]
 *
 * Thresholds of our detectors are optimised over the folder's whole corpus, one per profile (NAB's procedure);
 * the published detectors' figures sum their published per-file scores (thresholds NAB optimised on all 58
 * series) and are normalised with this folder's null and perfect scores. For our detectors it also prints the
 * score with leave-one-category-out thresholds: each category is scored at the threshold optimised over the
 * other categories, so no file's score comes from a threshold that saw it.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NAB_PROFILES, readNabCorpus, readNabProfiles } from '../../src/core/anomaly/nab-folder.js';
import { normalizeNabScore, nullScore, optimizeThreshold, perfectScore, scoreCorpus } from '../../src/ml/anomaly/nab-scoreboard.js';
import { DEFAULT_NAB_DETECTOR, OWN_NAB_DETECTORS, runNabBenchmark } from '../../src/core/anomaly/run-nab.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/nab') },
    detector: { type: 'string', default: DEFAULT_NAB_DETECTOR },
  },
});

const dir = args.data;
const corpus = readNabCorpus(dir);
const own = OWN_NAB_DETECTORS[args.detector];
if (own !== undefined) {
  const t0 = performance.now();
  let points = 0;
  for (const s of corpus) points += own(s).length;
  const ms = performance.now() - t0;
  console.log(`detection: ${points} points in ${ms.toFixed(0)} ms (${((points / ms) * 1000).toFixed(0)} points/s)`);
  const series = corpus.map((s) => ({ name: s.name, timestamps: s.timestamps, windows: s.windows, anomalyScores: own(s) }));
  const profiles = readNabProfiles(dir);
  const categories = [...new Set(series.map((s) => s.name.split('/')[0]!))];
  const held = NAB_PROFILES.map((p) => {
    let raw = 0;
    for (const c of categories) {
      const { threshold } = optimizeThreshold(series.filter((s) => !s.name.startsWith(`${c}/`)), profiles[p]);
      raw += scoreCorpus(series.filter((s) => s.name.startsWith(`${c}/`)), profiles[p], threshold).reduce((a, f) => a + f.score, 0);
    }
    return normalizeNabScore(raw, nullScore(series, profiles[p]), perfectScore(series, profiles[p])).toFixed(2);
  });
  console.log(`leave-one-category-out thresholds (${categories.length} categories): ${held.join(' / ')}`);
}
const t1 = performance.now();
const r = runNabBenchmark(dir, args.detector);
console.log(`detect + score + published table: ${(performance.now() - t1).toFixed(0)} ms`);
console.log(`${r.fileCount} files, ${r.windowCount} windows; thresholds ${JSON.stringify(r.thresholds)}`);
const rows = [{ detector: `» ${r.detector}`, standard: r.standard, rewardLowFP: r.rewardLowFP, rewardLowFN: r.rewardLowFN }, ...r.published.filter((p) => p.detector !== r.detector)];
rows.sort((a, b) => b.standard - a.standard);
console.log('| detector | standard | low FP | low FN |\n|---|---|---|---|');
for (const x of rows) console.log(`| ${x.detector} | ${x.standard.toFixed(2)} | ${x.rewardLowFP.toFixed(2)} | ${x.rewardLowFN.toFixed(2)} |`);
