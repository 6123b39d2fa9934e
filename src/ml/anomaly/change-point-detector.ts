/**
 * Change-point detector for level shifts: a two-sided CUSUM on robust z-scores. Each point is standardised with
 * the median and MAD of the reference segment (the points since the last detected change, at most `window` of
 * them, all before the point), the sums S⁺ = max(0, S⁺ + z − drift) and S⁻ = max(0, S⁻ − z − drift) accumulate
 * evidence, and a change is declared when one passes `threshold`. The change is placed where that sum last left
 * zero (the CUSUM estimate of the onset), the sums reset, and the reference restarts at the change, so a new
 * level is learnt instead of alarming forever.
 *
 * Defaults (drift 1, threshold 8) give an in-control run length of millions of points on Gaussian noise while a
 * 3σ step is detected about 4 points after it starts. Causal: every point is scored from earlier points only.
 */
import { EMPTY_POINT, finiteMedian, robustScale } from './anomaly-point.js';
import type { AnomalyPoint } from './anomaly-point.js';

/** Settings of {@link detectChangePoints}. */
export interface ChangePointOptions {
  /** Maximum points in the reference segment (default 200). */
  readonly window?: number;
  /** Points the reference needs before anything is scored, also after each change (default 10). */
  readonly minReference?: number;
  /** Slack per point in robust z (CUSUM k; default 1). */
  readonly drift?: number;
  /** CUSUM value at which a change is declared (CUSUM h; default 8); the score is 0.5 there. */
  readonly threshold?: number;
  /** Half-width of the band around the reference median, in robust z (default 3). */
  readonly bandZ?: number;
  /** Recompute the reference median and scale every this many points (default 1 = exact). */
  readonly refreshEvery?: number;
}

/** A detected level shift. */
export interface ChangePoint {
  /** Estimated first index of the new level. */
  readonly index: number;
  /** Index at which the CUSUM crossed the threshold. */
  readonly detectedAt: number;
  readonly direction: 'up' | 'down';
  /** Median of the reference before the change. */
  readonly before: number;
}

/** Per-point output plus the list of changes; the point at each `detectedAt` is labelled `high`/`low`. */
export interface ChangePointResult {
  readonly points: AnomalyPoint[];
  readonly changes: ChangePoint[];
}

/**
 * Runs the CUSUM over `values` (see the module comment). Non-finite values score 0 and leave the sums as they
 * are; empty, constant and too-short series give all-`normal` points; never throws.
 */
export function detectChangePoints(values: readonly number[], options: ChangePointOptions = {}): ChangePointResult {
  const window = Math.max(3, options.window ?? 200);
  const minRef = Math.max(3, options.minReference ?? 10);
  const k = options.drift ?? 1;
  const h = options.threshold ?? 8;
  const bandZ = options.bandZ ?? 3;
  const every = Math.max(1, options.refreshEvery ?? 1);
  const points: AnomalyPoint[] = [];
  const changes: ChangePoint[] = [];
  let refStart = 0;
  let up = 0;
  let down = 0;
  let upFrom = 0;
  let downFrom = 0;
  let center = Number.NaN;
  let scale = 1;
  let sinceRefresh = every;
  for (let i = 0; i < values.length; i++) {
    const from = Math.max(refStart, i - window);
    let count = 0;
    for (let j = from; j < i; j++) if (Number.isFinite(values[j]!)) count++;
    if (count < minRef) {
      points.push(EMPTY_POINT);
      sinceRefresh = every;
      continue;
    }
    if (sinceRefresh >= every) {
      const ref = values.slice(from, i);
      center = finiteMedian(ref);
      scale = robustScale(ref, center);
      sinceRefresh = 0;
    }
    sinceRefresh++;
    const band = { expected: center, lower: center - bandZ * scale, upper: center + bandZ * scale };
    const x = values[i]!;
    if (!Number.isFinite(x)) {
      points.push({ score: 0, label: 'normal', ...band });
      continue;
    }
    const z = (x - center) / scale;
    if (up === 0) upFrom = i;
    if (down === 0) downFrom = i;
    up = Math.max(0, up + z - k);
    down = Math.max(0, down - z - k);
    const s = Math.max(up, down);
    if (s >= h) {
      const direction = up >= down ? 'up' : 'down';
      const index = direction === 'up' ? upFrom : downFrom;
      changes.push({ index, detectedAt: i, direction, before: center });
      points.push({ score: s / (s + h), label: direction === 'up' ? 'high' : 'low', ...band });
      // Learn the new level from the onset on; points before `index` are the old regime.
      refStart = index;
      up = 0;
      down = 0;
      sinceRefresh = every;
      continue;
    }
    points.push({ score: s / (s + h), label: 'normal', ...band });
  }
  return { points, changes };
}
