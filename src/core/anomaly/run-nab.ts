/**
 * `northstar anomaly nab` use case: scores one detector over a NAB-layout folder under NAB's three profiles and
 * lays the published detectors' scores for the same files beside it.
 */
import { NorthstarError } from '../../common/errors.js';
import { scoreDetector } from '../../ml/anomaly/nab-scoreboard.js';
import type { NabFileScore, NabScoredSeries } from '../../ml/anomaly/nab-scoreboard.js';
import { normalizeNabScore, nullScore, perfectScore } from '../../ml/anomaly/nab-scoreboard.js';
import { detectChangePoints } from '../../ml/anomaly/change-point-detector.js';
import { rollingMadScores, suppressRepeats } from '../../ml/anomaly/rolling-mad-detector.js';
import { detectSeasonalAnomalies, inferDailyPeriod } from '../../ml/anomaly/seasonal-detector.js';
import { probationaryLength } from '../../ml/anomaly/nab-sweeper.js';
import { streamingScores } from '../../ml/anomaly/streaming-detector.js';
import { detectSeasonalHybridEsd } from '../../ml/anomaly/seasonal-hybrid-esd.js';

/**
 * Runs a batch detector without look-ahead (NAB forbids it): every `step` points it is given only the trailing
 * `window` points and the scores of the newest `step` are kept. Points before `start` score 0.
 */
export function runCausally(values: readonly number[], window: number, step: number, start: number, detect: (xs: readonly number[]) => number[]): number[] {
  const out = new Array<number>(values.length).fill(0);
  const s = Math.max(1, Math.round(step));
  for (let from = Math.max(0, start); from < values.length; from += s) {
    const to = Math.min(values.length, from + s);
    const lo = Math.max(0, to - Math.max(window, to - from));
    const scores = detect(values.slice(lo, to));
    for (let i = from; i < to; i++) out[i] = scores[i - lo] ?? 0;
  }
  return out;
}

/**
 * S-H-ESD run causally: re-run every two days of data on the two weeks before, at most 2 % anomalies per piece
 * (the robust ESD recomputes a median per removed point, so 10 % on 4,000-point windows is minutes per corpus).
 */
function causalShesd(s: NabSeries): number[] {
  const period = inferDailyPeriod(s.timestamps);
  const step = period > 1 ? 2 * period : Math.max(1, Math.round(0.02 * s.values.length));
  const scores = runCausally(s.values, 14 * Math.max(period, 7), step, probationaryLength(s.values.length), (xs) =>
    detectSeasonalHybridEsd(xs, { period, maxAnomsFraction: 0.02 }).map((p) => p.score),
  );
  return suppressRepeats(scores, Math.round(0.05 * s.values.length));
}
import {
  listPublishedDetectors,
  NAB_PROFILES,
  readNabCorpus,
  readNabProfiles,
  readNabThresholds,
  readPublishedFileScores,
  readPublishedRawScores,
} from './nab-folder.js';
import type { NabProfileName, NabSeries } from './nab-folder.js';

/** Detectors of ours that `anomaly nab` can run. */
export const OWN_NAB_DETECTORS: Record<string, (s: NabSeries) => number[]> = {
  'rolling-mad': (s) => rollingMadScores(s.values),
  // Causal (NAB forbids look-ahead), daily cycle from the sampling step, same one-alert-per-burst suppression over
  // 5 % of the series as rolling-mad; one setting for every file.
  seasonal: (s) =>
    suppressRepeats(
      detectSeasonalAnomalies(s.values, { causal: true, period: inferDailyPeriod(s.timestamps) }).map((p) => p.score),
      Math.round(0.05 * s.values.length),
    ),
  // Online, one point at a time; it learns for NAB's probationary period (which NAB hands every detector).
  streaming: (s) => streamingScores(s.values, s.timestamps, { learnPoints: probationaryLength(s.values.length) }),
  // Twitter-style S-H-ESD, re-run causally every two days of data on the two weeks before.
  shesd: causalShesd,
  'change-point': (s) => suppressRepeats(detectChangePoints(s.values).points.map((p) => p.score), Math.round(0.05 * s.values.length)),
};

/** The default detector of `anomaly nab`. */
export const DEFAULT_NAB_DETECTOR = 'streaming';

/** Normalised scores of one detector under the three profiles. */
export interface NabScoreLine {
  readonly detector: string;
  readonly standard: number;
  readonly rewardLowFP: number;
  readonly rewardLowFN: number;
}

/** One file's raw scores under the three profiles. */
export interface NabFileLine {
  readonly file: string;
  readonly standard: number;
  readonly rewardLowFP: number;
  readonly rewardLowFN: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** What `anomaly nab` reports. */
export interface NabRunResult extends NabScoreLine {
  /** How each profile's threshold was chosen: optimised over this corpus, or the published one. */
  readonly thresholds: Record<NabProfileName, { threshold: number; source: 'optimized' | 'published' }>;
  readonly files: NabFileLine[];
  readonly fileCount: number;
  readonly windowCount: number;
  /** Published detectors scored on the same files (their published per-file scores, normalised over these files). */
  readonly published: NabScoreLine[];
}

const KEY: Record<NabProfileName, 'standard' | 'rewardLowFP' | 'rewardLowFN'> = {
  standard: 'standard',
  reward_low_FP_rate: 'rewardLowFP',
  reward_low_FN_rate: 'rewardLowFN',
};

/**
 * Runs `detector` over the folder. A name of ours runs that detector with thresholds optimised over the corpus
 * (one per profile, as NAB does). A published detector name with raw outputs under `results/` rescores those
 * outputs at the published thresholds, a check that this scorer reproduces NAB.
 */
export function runNabBenchmark(dir: string, detector = DEFAULT_NAB_DETECTOR): NabRunResult {
  const corpus = readNabCorpus(dir);
  const profiles = readNabProfiles(dir);
  const own = OWN_NAB_DETECTORS[detector];
  const published = listPublishedDetectors(dir);
  let scores: number[][];
  let publishedThresholds: Record<string, { threshold: number }> | undefined;
  if (own !== undefined) {
    scores = corpus.map(own);
  } else {
    const raw = corpus.map((s) => readPublishedRawScores(dir, detector, s.name));
    if (raw.some((r) => r === undefined)) {
      throw new NorthstarError('NOT_FOUND', `no detector "${detector}" (ours, or published raw outputs for every file)`, {
        hint: `Ours: ${Object.keys(OWN_NAB_DETECTORS).join(', ')}. Published with raw outputs here: ${published.filter((d) => readPublishedRawScores(dir, d, corpus[0]!.name) !== undefined).join(', ') || 'none'}.`,
      });
    }
    scores = raw as number[][];
    publishedThresholds = readNabThresholds(dir)[detector];
  }
  const series: NabScoredSeries[] = corpus.map((s, i) => ({ name: s.name, timestamps: s.timestamps, windows: s.windows, anomalyScores: scores[i]! }));
  const byProfile = {} as Record<NabProfileName, { normalized: number; files: NabFileScore[] }>;
  const thresholds = {} as NabRunResult['thresholds'];
  for (const p of NAB_PROFILES) {
    const pub = publishedThresholds?.[p]?.threshold;
    const r = scoreDetector(series, profiles[p], pub !== undefined ? { threshold: pub } : {});
    byProfile[p] = r;
    thresholds[p] = { threshold: r.threshold, source: pub !== undefined ? 'published' : 'optimized' };
  }
  const files = series.map((s, i) => {
    const std = byProfile.standard.files[i]!;
    return {
      file: s.name,
      standard: std.score,
      rewardLowFP: byProfile.reward_low_FP_rate.files[i]!.score,
      rewardLowFN: byProfile.reward_low_FN_rate.files[i]!.score,
      tp: std.tp,
      fp: std.fp,
      fn: std.fn,
    };
  });
  return {
    detector,
    standard: byProfile.standard.normalized,
    rewardLowFP: byProfile.reward_low_FP_rate.normalized,
    rewardLowFN: byProfile.reward_low_FN_rate.normalized,
    thresholds,
    files,
    fileCount: series.length,
    windowCount: series.reduce((a, s) => a + s.windows.length, 0),
    published: publishedOnSameFiles(dir, series, profiles, published),
  };
}

/** Published detectors' per-file scores summed over these files and normalised with this subset's null/perfect. */
function publishedOnSameFiles(dir: string, series: readonly NabScoredSeries[], profiles: ReturnType<typeof readNabProfiles>, detectors: readonly string[]): NabScoreLine[] {
  const out: NabScoreLine[] = [];
  const base = new Map(NAB_PROFILES.map((p) => [p, { nul: nullScore(series, profiles[p]), perfect: perfectScore(series, profiles[p]) }]));
  for (const d of detectors) {
    const line: Record<string, number> = {};
    let complete = true;
    for (const p of NAB_PROFILES) {
      const perFile = readPublishedFileScores(dir, d, p);
      const vals = series.map((s) => perFile?.get(s.name));
      if (vals.some((v) => v === undefined)) {
        complete = false;
        break;
      }
      const raw = (vals as number[]).reduce((a, v) => a + v, 0);
      const b = base.get(p)!;
      line[KEY[p]] = normalizeNabScore(raw, b.nul, b.perfect);
    }
    if (complete) out.push({ detector: d, standard: line.standard!, rewardLowFP: line.rewardLowFP!, rewardLowFN: line.rewardLowFN! });
  }
  return out.sort((a, b) => b.standard - a.standard);
}
