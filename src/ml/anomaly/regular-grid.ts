/**
 * Puts an irregular series on a regular time grid, so that the index-based detectors here (which read "one point
 * per step, NaN = missing") can take real-world input: points that share a slot (duplicate or near timestamps) are
 * averaged, empty slots become NaN, out-of-order input is sorted, and points with a non-finite time are dropped.
 */
import { NorthstarError } from '../../common/errors.js';

/** A series on a regular grid: `timestamps[i] = start + i × interval`; missing slots hold NaN. */
export interface RegularSeries {
  readonly timestamps: number[];
  readonly values: number[];
  readonly interval: number;
}

/** Settings of {@link toRegularGrid}. */
export interface RegularGridOptions {
  /** Grid step in the timestamps' unit (default: the median of the positive gaps between sorted timestamps). */
  readonly interval?: number;
  /** Refuse grids longer than this many slots (default 10,000,000) rather than allocate without bound. */
  readonly maxSlots?: number;
}

/** Median of the positive gaps between consecutive sorted times (NaN when there is none). */
export function typicalInterval(sortedTimes: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < sortedTimes.length; i++) {
    const g = sortedTimes[i]! - sortedTimes[i - 1]!;
    if (g > 0) gaps.push(g);
  }
  if (gaps.length === 0) return Number.NaN;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1]!;
}

/**
 * Resamples `(timestamps[i], values[i])` onto a grid anchored at the earliest time. Empty input gives an empty
 * series; a single distinct time gives one slot. Throws `INVALID_ARGUMENT` for unequal lengths, a bad interval or
 * a grid longer than `maxSlots`.
 */
export function toRegularGrid(timestamps: readonly number[], values: readonly number[], options: RegularGridOptions = {}): RegularSeries {
  if (timestamps.length !== values.length) {
    throw new NorthstarError('INVALID_ARGUMENT', `timestamps (${timestamps.length}) and values (${values.length}) differ in length`);
  }
  const pts = timestamps.map((t, i) => ({ t, v: values[i]! })).filter((p) => Number.isFinite(p.t));
  pts.sort((a, b) => a.t - b.t);
  if (pts.length === 0) return { timestamps: [], values: [], interval: options.interval ?? Number.NaN };
  const interval = options.interval ?? typicalInterval(pts.map((p) => p.t));
  const start = pts[0]!.t;
  if (Number.isNaN(interval)) {
    // One distinct time only: every point shares the single slot.
    return { timestamps: [start], values: [mean(pts.map((p) => p.v))], interval };
  }
  if (!(interval > 0) || !Number.isFinite(interval)) throw new NorthstarError('INVALID_ARGUMENT', `grid interval must be a positive number, got ${interval}`);
  const slots = Math.round((pts[pts.length - 1]!.t - start) / interval) + 1;
  const maxSlots = options.maxSlots ?? 10_000_000;
  if (slots > maxSlots) {
    throw new NorthstarError('INVALID_ARGUMENT', `the series spans ${slots} grid slots (more than ${maxSlots})`, { hint: 'Pass a larger interval.' });
  }
  const sum = new Float64Array(slots);
  const count = new Uint32Array(slots);
  for (const p of pts) {
    if (!Number.isFinite(p.v)) continue;
    const k = Math.round((p.t - start) / interval);
    sum[k]! += p.v;
    count[k]! += 1;
  }
  return {
    timestamps: Array.from({ length: slots }, (_, k) => start + k * interval),
    values: Array.from({ length: slots }, (_, k) => (count[k]! > 0 ? sum[k]! / count[k]! : Number.NaN)),
    interval,
  };
}

function mean(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length === 0 ? Number.NaN : f.reduce((a, x) => a + x, 0) / f.length;
}
