/**
 * Corpus-level NAB scoring: one threshold per detector and profile, optimised over the whole corpus (as NAB's
 * `optimizer.py` does), per-file scores at that threshold, and the 0–100 normalisation between the null detector
 * (flags nothing) and a perfect one (flags the first row of every window).
 */
import { calcScoreByThreshold, calcSweepScores, scoreAtThreshold, NAB_PROBATION_PERCENT } from './nab-sweeper.js';
import type { CostMatrix, SweepPoint, ThresholdScore } from './nab-sweeper.js';

/** One series with a detector's anomaly scores and its labelled windows (epoch ms). */
export interface NabScoredSeries {
  /** Relative path as in the label file, e.g. `realKnownCause/nyc_taxi.csv`. */
  readonly name: string;
  readonly timestamps: readonly number[];
  readonly anomalyScores: readonly number[];
  readonly windows: ReadonlyArray<readonly [number, number]>;
}

/** One file's line of a NAB scores CSV. */
export interface NabFileScore extends ThresholdScore {
  readonly file: string;
}

/** A detector's result for one profile. */
export interface NabProfileResult {
  readonly threshold: number;
  /** Sum of the per-file raw scores at `threshold`. */
  readonly rawScore: number;
  /** 100·(raw − null)/(perfect − null). */
  readonly normalized: number;
  readonly nullScore: number;
  readonly perfectScore: number;
  readonly files: NabFileScore[];
}

function sweepAll(series: readonly NabScoredSeries[], cost: CostMatrix, probationPercent: number): SweepPoint[][] {
  return series.map((s) => calcSweepScores(s.timestamps, s.anomalyScores, s.windows, s.name, cost, probationPercent));
}

/**
 * The threshold with the highest corpus score (ties go to the higher threshold, as NAB's stable sort does).
 */
export function optimizeThreshold(series: readonly NabScoredSeries[], cost: CostMatrix, probationPercent = NAB_PROBATION_PERCENT): { threshold: number; score: number } {
  const all = sweepAll(series, cost, probationPercent).flat();
  const rows = calcScoreByThreshold(all, cost);
  let best = rows[0]!;
  for (const r of rows) if (r.score > best.score) best = r;
  return { threshold: best.threshold, score: best.score };
}

/** Per-file scores at a fixed threshold (rows with anomaly score >= threshold are detections). */
export function scoreCorpus(series: readonly NabScoredSeries[], cost: CostMatrix, threshold: number, probationPercent = NAB_PROBATION_PERCENT): NabFileScore[] {
  return sweepAll(series, cost, probationPercent).map((points, i) => ({
    file: series[i]!.name,
    ...scoreAtThreshold(calcScoreByThreshold(points, cost), threshold),
  }));
}

/** Raw score of the null detector: every scorable window missed, nothing flagged. */
export function nullScore(series: readonly NabScoredSeries[], cost: CostMatrix, probationPercent = NAB_PROBATION_PERCENT): number {
  const zero = series.map((s) => ({ ...s, anomalyScores: s.timestamps.map(() => 0) }));
  return scoreCorpus(zero, cost, 0.5, probationPercent).reduce((a, f) => a + f.score, 0);
}

/** NAB's perfect score: tpWeight for every labelled window (NAB counts all windows in the label file). */
export function perfectScore(series: readonly NabScoredSeries[], cost: CostMatrix): number {
  return series.reduce((a, s) => a + s.windows.length, 0) * cost.tpWeight;
}

/** 100·(raw − null)/(perfect − null): 0 for the null detector, 100 for a perfect one. */
export function normalizeNabScore(raw: number, nullRaw: number, perfectRaw: number): number {
  return (100 * (raw - nullRaw)) / (perfectRaw - nullRaw);
}

/**
 * Scores a detector for one profile. With `threshold` given (e.g. the published one), it is used as is;
 * otherwise it is optimised over these series.
 */
export function scoreDetector(series: readonly NabScoredSeries[], cost: CostMatrix, options: { threshold?: number; probationPercent?: number } = {}): NabProfileResult {
  const pp = options.probationPercent ?? NAB_PROBATION_PERCENT;
  const threshold = options.threshold ?? optimizeThreshold(series, cost, pp).threshold;
  const files = scoreCorpus(series, cost, threshold, pp);
  const rawScore = files.reduce((a, f) => a + f.score, 0);
  const n = nullScore(series, cost, pp);
  const p = perfectScore(series, cost);
  return { threshold, rawScore, normalized: normalizeNabScore(rawScore, n, p), nullScore: n, perfectScore: p, files };
}
