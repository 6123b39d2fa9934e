/**
 * A robust trailing-window detector. Each point is compared with the median and MAD of the points before it
 * (never after), both for its value and for its step from the previous point (so level shifts and sudden slope
 * changes show up even when the level stays in range). The larger robust z wins, a point that does not beat the
 * highest score of the preceding `suppress` points is zeroed (one alert per burst, as NAB rewards only the first
 * detection in a window and charges every false one), and z is squashed to [0, 1].
 */

/** Settings of {@link rollingMadScores}. */
export interface RollingMadOptions {
  /** Trailing points used for median and MAD (default 3000). */
  readonly window?: number;
  /** Recompute median and MAD every this many points (default 25; 1 = exact at every point). */
  readonly refreshEvery?: number;
  /** Leading points that score 0 while history builds (default: min(15% of the series, 750), as NAB). */
  readonly probation?: number;
  /** Points after a high score during which lower scores are zeroed (default 5% of the series; 0 = off). */
  readonly suppress?: number;
  /** z at which the score reaches 0.5 (default 4). */
  readonly halfAt?: number;
}

/** Median of a typed array, sorted in place (typed-array sort is numeric and much faster than Array#sort). */
function median(values: Float64Array): number {
  const s = values.sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Robust z of every point against its trailing window; 0 during probation and for non-finite points. */
function trailingRobustZ(values: readonly number[], window: number, every: number, probation: number): number[] {
  const out = new Array<number>(values.length).fill(0);
  let center = 0;
  let scale = 1;
  let ready = false;
  for (let i = Math.max(probation, 0); i < values.length; i++) {
    if (!ready || (i - probation) % every === 0) {
      const from = Math.max(0, i - window);
      const hist = new Float64Array(i - from);
      let count = 0;
      for (let j = from; j < i; j++) if (Number.isFinite(values[j]!)) hist[count++] = values[j]!;
      if (count < 3) continue;
      const sorted = hist.subarray(0, count);
      center = median(sorted); // sorts `sorted` in place, so its ends are min and max below
      const range = sorted[count - 1]! - sorted[0]!;
      const dev = new Float64Array(count);
      for (let j = 0; j < count; j++) dev[j] = Math.abs(sorted[j]! - center);
      // MAD is 0 on flat or quantised history; a floor tied to the range keeps a tiny wiggle from scoring ∞.
      scale = Math.max(1.4826 * median(dev), 0.01 * range, 1e-9);
      ready = true;
    }
    const x = values[i]!;
    out[i] = Number.isFinite(x) ? Math.abs(x - center) / scale : 0;
  }
  return out;
}

/** Zeroes every score that does not exceed the maximum of the previous `k` scores (sliding max, O(n)). */
export function suppressRepeats(scores: readonly number[], k: number): number[] {
  const out = scores.slice();
  if (k <= 0) return out;
  const dq: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    while (dq.length > 0 && dq[0]! < i - k) dq.shift();
    if (dq.length > 0 && scores[i]! <= scores[dq[0]!]!) out[i] = 0;
    while (dq.length > 0 && scores[dq[dq.length - 1]!]! <= scores[i]!) dq.pop();
    dq.push(i);
  }
  return out;
}

/** Anomaly score in [0, 1] per point (see the module comment). Empty in, empty out; never NaN. */
export function rollingMadScores(values: readonly number[], options: RollingMadOptions = {}): number[] {
  const n = values.length;
  const window = Math.max(3, options.window ?? 3000);
  const every = Math.max(1, options.refreshEvery ?? 25);
  const probation = options.probation ?? Math.min(Math.floor(0.15 * n), 750);
  const halfAt = options.halfAt ?? 4;
  const steps = values.map((v, i) => (i === 0 ? 0 : v - values[i - 1]!));
  const zValue = trailingRobustZ(values, window, every, probation);
  const zStep = trailingRobustZ(steps, window, every, probation);
  const z = zValue.map((a, i) => Math.max(a, zStep[i]!));
  const kept = suppressRepeats(z, options.suppress ?? Math.round(0.05 * n));
  return kept.map((x) => x / (x + halfAt));
}
