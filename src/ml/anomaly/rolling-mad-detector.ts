/**
 * A streaming robust detector: each point is compared with the median and MAD of the trailing window of points
 * before it (never after, so it can run online), and the robust z-score is squashed to [0, 1]. Points in the
 * probation period score 0. Constant windows fall back to a small scale so a first change still stands out.
 */

/** Settings of {@link rollingMadScores}. */
export interface RollingMadOptions {
  /** Trailing points used for median and MAD (default 288: a day of 5-minute data). */
  readonly window?: number;
  /** Leading points that score 0 while the window fills (default: min(15% of the series, 750), as NAB). */
  readonly probation?: number;
  /** z at which the score reaches 0.5 (default 4). */
  readonly halfAt?: number;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const m = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** Inserts `x` into ascending `arr` in place (binary search). */
function insertSorted(arr: number[], x: number): void {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  arr.splice(lo, 0, x);
}

/** Removes one occurrence of `x` from ascending `arr` in place. */
function removeSorted(arr: number[], x: number): void {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo < arr.length && arr[lo] === x) arr.splice(lo, 1);
}

/**
 * Anomaly score in [0, 1] per point: z / (z + halfAt) with z = |x − median| / (1.4826·MAD) over the trailing
 * window. Non-finite values score 0 and are left out of the window.
 */
export function rollingMadScores(values: readonly number[], options: RollingMadOptions = {}): number[] {
  const window = Math.max(3, options.window ?? 288);
  const probation = options.probation ?? Math.min(Math.floor(0.15 * values.length), 750);
  const halfAt = options.halfAt ?? 4;
  const sorted: number[] = [];
  const fifo: number[] = [];
  const out = new Array<number>(values.length).fill(0);
  // Scale floor: a flat history must not give z = ∞ for the tiniest wiggle; tie it to the value's magnitude.
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) continue;
    if (i >= probation && sorted.length >= 3) {
      const med = median(sorted);
      const dev = sorted.map((v) => Math.abs(v - med)).sort((a, b) => a - b);
      const range = sorted[sorted.length - 1]! - sorted[0]!;
      const scale = Math.max(1.4826 * median(dev), 1e-3 * range, 1e-6 * Math.abs(med), 1e-9);
      const z = Math.abs(x - med) / scale;
      out[i] = z / (z + halfAt);
    }
    insertSorted(sorted, x);
    fifo.push(x);
    if (fifo.length > window) removeSorted(sorted, fifo.shift()!);
  }
  return out;
}
