/**
 * Fast medians for the seasonal detector's hot path (issue 6 benchmark: scanning 1,000 series × 10,000 points).
 *
 * Every function here returns exactly what sorting the finite values with `Float64Array#sort` and picking the
 * middle would (`finiteMedian` in anomaly-point.ts), bit for bit, including the sign of a zero median: typed-array
 * sort puts -0 before +0, so the window below keeps that order and {@link selectMedian} restores the sign after a
 * selection that cannot tell the two apart. The detectors' outputs are pinned by tests and by the NumPy peer's
 * anomaly count, so "nearly the same median" would not do.
 */

/**
 * Median of a sliding multiset of finite numbers, kept as a sorted `Float64Array`. Insert and delete are a binary
 * search plus a shift of at most `capacity` entries: for the trend windows the detector uses (15 to a few hundred
 * points) that beats two heaps, and it allocates nothing per point. Non-finite values are ignored on the way in and
 * out, as `finiteMedian` ignores them.
 */
export class SlidingMedian {
  private readonly sorted: Float64Array;
  private count = 0;

  /** `capacity`: the most finite values held at once. */
  constructor(capacity: number) {
    this.sorted = new Float64Array(Math.max(1, capacity));
  }

  /** Number of finite values held. */
  get size(): number {
    return this.count;
  }

  /** Empties the window (keeps the buffer). */
  clear(): void {
    this.count = 0;
  }

  /** First index whose value is ≥ x (`upper` false) or > x (`upper` true). */
  private bound(x: number, upper: boolean): number {
    const s = this.sorted;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (upper ? s[mid]! <= x : s[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `x` (ignored unless finite). Throws a RangeError past `capacity`: a caller bug, not bad data. */
  add(x: number): void {
    if (!Number.isFinite(x)) return;
    if (this.count >= this.sorted.length) throw new RangeError('SlidingMedian: capacity exceeded');
    // -0 goes before every zero and +0 after them, so zeros stay in typed-array sort order.
    const at = Object.is(x, -0) ? this.bound(x, false) : this.bound(x, true);
    const s = this.sorted;
    for (let j = this.count; j > at; j--) s[j] = s[j - 1]!;
    s[at] = x;
    this.count++;
  }

  /** Removes one copy of `x` (ignored unless finite; the caller guarantees it was added). */
  remove(x: number): void {
    if (!Number.isFinite(x) || this.count === 0) return;
    // Equal non-zero doubles are identical, so any copy will do; for zeros take one of the same sign (-0 sits first,
    // +0 last among the zeros).
    const at = Object.is(x, -0) ? this.bound(x, false) : this.bound(x, true) - 1;
    if (at < 0) return;
    const s = this.sorted;
    const last = --this.count;
    for (let j = at; j < last; j++) s[j] = s[j + 1]!;
  }

  /**
   * Removes one copy of `leaving` and adds `entering` in a single pass: the new value moves from the freed slot
   * to its place, which for a sliding window is a short hop (cheaper than a delete shift plus an insert shift).
   * Either may be non-finite (then it is skipped, as in {@link add} / {@link remove}).
   */
  replace(leaving: number, entering: number): void {
    if (!Number.isFinite(leaving) || this.count === 0) {
      this.add(entering);
      return;
    }
    if (!Number.isFinite(entering)) {
      this.remove(leaving);
      return;
    }
    const s = this.sorted;
    let at = Object.is(leaving, -0) ? this.bound(leaving, false) : this.bound(leaving, true) - 1;
    if (at < 0) {
      this.add(entering);
      return;
    }
    // Bubble `entering` from the freed slot under the total order of typed-array sort (-0 before +0).
    while (at > 0 && before(entering, s[at - 1]!)) {
      s[at] = s[at - 1]!;
      at--;
    }
    const last = this.count - 1;
    while (at < last && before(s[at + 1]!, entering)) {
      s[at] = s[at + 1]!;
      at++;
    }
    s[at] = entering;
  }

  /** Median of the values held (mean of the middle two for an even count); NaN when empty. */
  median(): number {
    const c = this.count;
    if (c === 0) return Number.NaN;
    const m = c >> 1;
    const s = this.sorted;
    return c % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  }
}

/** a sorts strictly before b in `Float64Array#sort` order (finite values; -0 before +0). */
function before(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}

/**
 * Writes into `out` (length ≥ values.length) the median of the finite values in each centred window
 * `[i - ⌊width/2⌋, i + ⌊width/2⌋]`, shrunk at the ends; NaN where a window holds no finite value.
 */
export function runningMedianInto(values: ArrayLike<number>, width: number, out: Float64Array): void {
  const n = values.length;
  const half = width >> 1;
  const window = new SlidingMedian(2 * half + 2);
  for (let j = 0; j < Math.min(n, half + 1); j++) window.add(values[j]!);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const enter = i + half;
      const leave = i - half - 1;
      if (enter < n && leave >= 0) window.replace(values[leave]!, values[enter]!);
      else if (enter < n) window.add(values[enter]!);
      else if (leave >= 0) window.remove(values[leave]!);
    }
    out[i] = window.median();
  }
}

/**
 * Value of rank `k` (0-based) among `a[0..n)`, rearranging them so that everything before `k` is ≤ it and everything
 * after is ≥ it (Hoare partition around a median of three, as in Numerical Recipes' `select`). Values must be
 * finite; -0 and +0 compare equal here.
 */
function selectRank(a: Float64Array, n: number, k: number): number {
  let l = 0;
  let ir = n - 1;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && a[ir]! < a[l]!) swap(a, l, ir);
      return a[k]!;
    }
    swap(a, (l + ir) >> 1, l + 1);
    if (a[l]! > a[ir]!) swap(a, l, ir);
    if (a[l + 1]! > a[ir]!) swap(a, l + 1, ir);
    if (a[l]! > a[l + 1]!) swap(a, l, l + 1);
    let i = l + 1;
    let j = ir;
    const pivot = a[l + 1]!;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (j < i) break;
      swap(a, i, j);
    }
    a[l + 1] = a[j]!;
    a[j] = pivot;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Median of the finite values `a[0..n)` (mean of the middle two for an even n), in O(n) expected time by
 * selection; reorders `a`. Equal to sorting with `Float64Array#sort` and taking the middle, sign of zero included.
 * NaN when n is 0.
 */
export function selectMedian(a: Float64Array, n: number): number {
  if (n <= 0) return Number.NaN;
  const m = n >> 1;
  const hi = selectRank(a, n, m);
  let result = hi;
  let lo = hi;
  if (n % 2 === 0) {
    // Rank m - 1 is the largest value left of m after the partition.
    lo = a[0]!;
    for (let i = 1; i < m; i++) if (a[i]! > lo) lo = a[i]!;
    result = (lo + hi) / 2;
  }
  // Selection cannot tell -0 from +0; sorted order puts every -0 first, so rank m is -0 exactly when the negatives
  // and negative zeros outnumber m. (With an even n, a zero mean of two zeros is -0 only when both are -0.)
  if (result === 0 && hi === 0 && lo === 0) {
    let below = 0;
    for (let i = 0; i < n; i++) if (a[i]! < 0 || Object.is(a[i], -0)) below++;
    result = below > m ? -0 : 0;
  }
  return result;
}

/**
 * Median of the finite entries of `values`, like `finiteMedian`, using `scratch` (length ≥ values.length) instead of
 * allocating. NaN when there are none.
 */
export function finiteMedianWith(values: ArrayLike<number>, scratch: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) scratch[n++] = v;
  }
  return selectMedian(scratch, n);
}

/**
 * `robustScale` of anomaly-point.ts (1.4826·MAD of the finite entries around `center`, floored at 1 % of their
 * range and at 1e-9·max(1, |center|); 1 when none is finite) without allocating: `scratch` needs values.length.
 */
export function robustScaleWith(values: ArrayLike<number>, center: number, scratch: Float64Array): number {
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const dev = Math.abs(v - center);
    // robustScale takes the median of the finite deviations only (one can overflow to ∞, or be NaN for a NaN centre).
    if (Number.isFinite(dev)) scratch[n++] = dev;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === Number.POSITIVE_INFINITY) return 1;
  const mad = selectMedian(scratch, n);
  return Math.max(1.4826 * mad, 0.01 * (hi - lo), 1e-9 * Math.max(1, Math.abs(center)));
}

