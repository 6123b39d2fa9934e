/**
 * NAB v1.1 scoring of one series (the "sweeper"): every row gets a weighted score S(t) as if it were flagged, then
 * the rows are swept from the highest anomaly score down so any threshold's file score falls out in one pass.
 * Semantics follow numenta/NAB `nab/sweeper.py` (probation, window positions, the `maxTP` rescale) so results
 * agree with the published per-file scores.
 */

/** Weights of one NAB application profile (`config/profiles.json` → `CostMatrix`). */
export interface CostMatrix {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
  readonly tnWeight?: number;
}

/** One scored row: its anomaly score, its S(t), and the window it falls in (null outside, 'probationary' early). */
export interface SweepPoint {
  readonly anomalyScore: number;
  readonly sweepScore: number;
  readonly windowName: string | null;
}

/** File (or corpus) score when every row with anomaly score >= `threshold` is flagged. */
export interface ThresholdScore {
  readonly threshold: number;
  readonly score: number;
  readonly tp: number;
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly total: number;
}

/** NAB's fraction of each file that is never scored (the detector's learning period). */
export const NAB_PROBATION_PERCENT = 0.15;

/** The marker NAB gives rows inside the probationary period. */
export const PROBATIONARY = 'probationary';

/**
 * NAB's scaled sigmoid: 2·σ(−5x) − 1, so x = −1 (window start) → 0.9866, 0 (window end) → 0, and anything 3 or
 * more window-lengths past the end → −1.
 */
export function scaledSigmoid(position: number): number {
  if (position >= 3) return -1;
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

/** Rows NAB leaves out of scoring at the start of a series of `rows` rows: min(⌊0.15·n⌋, 0.15·5000). */
export function probationaryLength(rows: number, probationPercent = NAB_PROBATION_PERCENT): number {
  return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
}

/**
 * S(t) for every row of one series. `timestamps` and the `windows` limits are epoch milliseconds; a window opens
 * at the row whose timestamp equals its start and closes after the row equal to its end (NAB requires exact
 * matches, and so does this). Windows must be sorted and disjoint.
 */
export function calcSweepScores(
  timestamps: readonly number[],
  anomalyScores: readonly number[],
  windows: ReadonlyArray<readonly [number, number]>,
  name: string,
  cost: CostMatrix,
  probationPercent = NAB_PROBATION_PERCENT,
): SweepPoint[] {
  const index = new Map<number, number>();
  timestamps.forEach((t, i) => {
    if (!index.has(t)) index.set(t, i);
  });
  const maxTP = scaledSigmoid(-1);
  const probation = probationaryLength(timestamps.length, probationPercent);
  const pending = [...windows];
  const out: SweepPoint[] = [];
  let cur: { name: string; end: number; right: number; width: number } | undefined;
  let prev: { right: number; width: number } | undefined;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    const next = pending[0];
    if (cur === undefined && next !== undefined && t === next[0]) {
      pending.shift();
      const left = index.get(next[0])!;
      const right = index.get(next[1]) ?? timestamps.length - 1;
      cur = { name: `${name}|${next[0]}`, end: next[1], right, width: right - left + 1 };
    }
    let weighted: number;
    if (cur !== undefined) {
      // NAB's "+ 1" means the first row of a window sits at exactly −1 and earns the full tpWeight.
      const position = -(cur.right - i + 1) / cur.width;
      weighted = (scaledSigmoid(position) * cost.tpWeight) / maxTP;
    } else {
      const position = prev === undefined ? 3 : Math.abs(prev.right - i) / (prev.width - 1);
      weighted = scaledSigmoid(position) * cost.fpWeight;
    }
    out.push({ anomalyScore: anomalyScores[i] ?? 0, sweepScore: weighted, windowName: i >= probation ? (cur?.name ?? null) : PROBATIONARY });
    if (cur !== undefined && t === cur.end) {
      prev = { right: i, width: cur.width };
      cur = undefined;
    }
  }
  return out;
}

/**
 * Scores at every distinct threshold, highest first (the first entry, threshold 1.1, flags nothing). A window
 * counts once, with its best (earliest) flagged row; an unflagged window costs fnWeight; each flagged row outside
 * windows adds its (negative) S(t). Works on one file's points or on a whole corpus's concatenated points.
 */
export function calcScoreByThreshold(points: readonly SweepPoint[], cost: CostMatrix): ThresholdScore[] {
  // A stable sort keeps ties in row order, as Python's sorted() does.
  const scorable = points.filter((p) => p.windowName !== PROBATIONARY).sort((a, b) => b.anomalyScore - a.anomalyScore);
  const windowBest = new Map<string, number>();
  for (const p of scorable) if (p.windowName !== null) windowBest.set(p.windowName, -cost.fnWeight);
  let fpSum = 0;
  let windowSum = -cost.fnWeight * windowBest.size;
  let tn = scorable.filter((p) => p.windowName === null).length;
  let fn = scorable.length - tn;
  let tp = 0;
  let fp = 0;
  let threshold = 1.1;
  const out: ThresholdScore[] = [];
  const emit = (): void => {
    out.push({ threshold, score: windowSum + fpSum, tp, tn, fp, fn, total: tp + tn + fp + fn });
  };
  for (const p of scorable) {
    if (p.anomalyScore !== threshold) {
      emit();
      threshold = p.anomalyScore;
    }
    if (p.windowName === null) {
      fp++;
      tn--;
      fpSum += p.sweepScore;
    } else {
      tp++;
      fn--;
      const best = windowBest.get(p.windowName)!;
      if (p.sweepScore > best) {
        windowSum += p.sweepScore - best;
        windowBest.set(p.windowName, p.sweepScore);
      }
    }
  }
  emit();
  return out;
}

/**
 * The row of `calcScoreByThreshold` that applies at `threshold`: the exact threshold if present, else the lowest
 * listed threshold above it (rows scoring >= threshold are flagged). Below every score, everything is flagged.
 */
export function scoreAtThreshold(byThreshold: readonly ThresholdScore[], threshold: number): ThresholdScore {
  let prev: ThresholdScore | undefined;
  for (const row of byThreshold) {
    if (row.threshold === threshold) return row;
    if (row.threshold < threshold) return prev ?? row;
    prev = row;
  }
  return prev ?? { threshold, score: 0, tp: 0, tn: 0, fp: 0, fn: 0, total: 0 };
}
