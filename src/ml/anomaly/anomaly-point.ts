/**
 * The per-point result every product-metric detector returns (issue 6: "an anomaly score in [0, 1] per point plus
 * a label, with the expected value and band for charts"), and the robust statistics the detectors share.
 */

/** `high`/`low`: the point is anomalous above/below its band; `normal` otherwise (also for missing points). */
export type AnomalyLabel = 'normal' | 'high' | 'low';

/** One point of a detector's output; `expected`, `lower` and `upper` are NaN where nothing can be expected yet. */
export interface AnomalyPoint {
  /** Anomaly score in [0, 1]; 0 for missing points and while history builds. Never NaN. */
  readonly score: number;
  readonly label: AnomalyLabel;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
}

/** A point with nothing to say (missing value or no model yet). */
export const EMPTY_POINT: AnomalyPoint = { score: 0, label: 'normal', expected: Number.NaN, lower: Number.NaN, upper: Number.NaN };

/** Median of the finite entries of `values` (NaN when there are none). Does not modify `values`. */
export function finiteMedian(values: ArrayLike<number>): number {
  const buf = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) buf[n++] = v;
  }
  if (n === 0) return Number.NaN;
  const s = buf.subarray(0, n).sort(); // typed-array sort is numeric
  const m = n >> 1;
  return n % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Robust scale of the finite entries around `center`: 1.4826·MAD, floored at 1 % of their range and at a tiny
 * absolute value, because MAD is 0 on flat or quantised data and a zero scale would turn any wiggle into ∞.
 */
export function robustScale(values: ArrayLike<number>, center: number): number {
  const dev: number[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    dev.push(Math.abs(v - center));
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (dev.length === 0) return 1;
  const mad = finiteMedian(dev);
  return Math.max(1.4826 * mad, 0.01 * (hi - lo), 1e-9 * Math.max(1, Math.abs(center)));
}

/** Squashes a non-negative z into [0, 1) so that z = halfAt gives 0.5; NaN and negatives give 0. */
export function squashZ(z: number, halfAt: number): number {
  if (!(z > 0)) return 0;
  if (!Number.isFinite(z)) return 1;
  return z / (z + halfAt);
}
