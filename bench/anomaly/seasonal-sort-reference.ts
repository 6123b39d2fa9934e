/**
 * The seasonal detector as it was before the sliding-window median (commit 6d3b978, verbatim below this comment
 * apart from import paths): a fresh slice + sort per trend window. Kept only as the reference that
 * bench/anomaly/seasonal-equivalence.ts checks the fast detector against, bit for bit.
 */
/**
 * Seasonal decomposition detector for product metrics (daily series with a weekly cycle, hourly series with a
 * daily one). The series is split into a robust trend (running median over two cycles, which a one-cycle pattern
 * cannot move), a seasonal profile (median of the detrended values at each position of the cycle) and a residual;
 * the residual is scored against its own MAD. Medians everywhere, so a planted drop or a few holidays do not bend
 * the trend or the profile towards themselves — the failure mode of mean-based STL on short product series.
 *
 * Values must sit on a regular grid (the cycle position is the index modulo `period`): missing points are NaN (or
 * any non-finite value) and score 0 with label `normal`, but still get an expected value and band.
 *
 * `causal: true` scores each point only with the points before it (the model is refit every `refreshEvery`
 * points on the trailing `historyCycles` cycles and extrapolated), as streaming use and NAB require.
 */
import { EMPTY_POINT, finiteMedian, robustScale, squashZ } from '../../src/ml/anomaly/anomaly-point.js';
import type { AnomalyPoint } from '../../src/ml/anomaly/anomaly-point.js';

/** Settings of {@link detectSeasonalAnomalies}. */
export interface SeasonalOptions {
  /** Points per cycle (default 7: daily points, weekly cycle). 1 = no seasonality (robust trend only). */
  readonly period?: number;
  /** Odd width of the running-median trend (default 2·period + 1, at least 5). */
  readonly trendWindow?: number;
  /** Robust z from which a point is labelled `high`/`low` (default 3.5). */
  readonly threshold?: number;
  /** Half-width of the band in robust z (default: `threshold`), so points outside the band are the labelled ones. */
  readonly bandZ?: number;
  /** z at which the score reaches 0.5 (default: `threshold`). */
  readonly halfAt?: number;
  /** Score each point from earlier points only (default false: the whole series is one batch). */
  readonly causal?: boolean;
  /** Causal mode: cycles of history used per refit (default 6). */
  readonly historyCycles?: number;
  /** Causal mode: refit every this many points (default max(1, ⌊period/6⌋)). */
  readonly refreshEvery?: number;
}

/** A fitted decomposition: per index trend and seasonal value, and the residual scale. */
interface Decomposition {
  readonly trend: Float64Array;
  /** Seasonal profile indexed by cycle position (index mod period). */
  readonly profile: Float64Array;
  readonly scale: number;
}

/** Running median of `values` over a centred window (shrunk at the ends), computed every `stride` points. */
function runningMedian(values: readonly number[], width: number, stride: number): Float64Array {
  const n = values.length;
  const half = width >> 1;
  const out = new Float64Array(n).fill(Number.NaN);
  const at = (i: number): number => finiteMedian(values.slice(Math.max(0, i - half), Math.min(n, i + half + 1)));
  const knots: number[] = [];
  for (let i = 0; i < n; i += stride) knots.push(i);
  if (knots[knots.length - 1] !== n - 1) knots.push(n - 1);
  const kv = knots.map(at);
  // Linear interpolation between knots keeps long series cheap; the trend is smooth at this scale anyway.
  for (let k = 0; k < knots.length; k++) {
    const a = knots[k]!;
    const b = knots[k + 1] ?? a;
    for (let i = a; i <= b; i++) {
      const va = kv[k]!;
      const vb = kv[k + 1] ?? va;
      out[i] = b === a ? va : va + ((vb - va) * (i - a)) / (b - a);
    }
  }
  // Windows without any finite value: carry the nearest defined level so the trend has no holes.
  let last = Number.NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(out[i]!)) out[i] = last; else last = out[i]!;
  last = Number.NaN;
  for (let i = n - 1; i >= 0; i--) if (Number.isNaN(out[i]!)) out[i] = last; else last = out[i]!;
  return out;
}

/** Decomposes `values` (at least one finite value) into trend + seasonal profile + residual scale. */
function decompose(values: readonly number[], period: number, trendWindow: number): Decomposition {
  const n = values.length;
  const trend = runningMedian(values, trendWindow, Math.max(1, Math.floor(period / 12)));
  const profile = new Float64Array(period);
  if (period > 1) {
    const byPos: number[][] = Array.from({ length: period }, () => []);
    for (let i = 0; i < n; i++) {
      const d = values[i]! - trend[i]!;
      if (Number.isFinite(d)) byPos[i % period]!.push(d);
    }
    for (let p = 0; p < period; p++) profile[p] = byPos[p]!.length > 0 ? finiteMedian(byPos[p]!) : 0;
    // Centre the profile so the level lives in the trend only.
    const c = finiteMedian(profile);
    for (let p = 0; p < period; p++) profile[p] = profile[p]! - c;
  }
  const resid = values.map((v, i) => v - trend[i]! - profile[i % period]!);
  return { trend, profile, scale: robustScale(resid, finiteMedian(resid) || 0) };
}

/** Output point for value `x` against expectation `e` with residual scale `scale`. */
function pointFor(x: number, e: number, scale: number, threshold: number, bandZ: number, halfAt: number): AnomalyPoint {
  if (!Number.isFinite(e)) return EMPTY_POINT;
  const band = { expected: e, lower: e - bandZ * scale, upper: e + bandZ * scale };
  if (!Number.isFinite(x)) return { score: 0, label: 'normal', ...band };
  const z = Math.abs(x - e) / scale;
  return { score: squashZ(z, halfAt), label: z >= threshold ? (x > e ? 'high' : 'low') : 'normal', ...band };
}

/**
 * Scores every point of a regularly spaced series (see the module comment). Empty in, empty out; an all-missing
 * or too-short series (fewer than 3 finite values) gives only `normal` points with score 0; never throws.
 */
export function detectSeasonalAnomalies(values: readonly number[], options: SeasonalOptions = {}): AnomalyPoint[] {
  const n = values.length;
  const period = Math.max(1, Math.floor(options.period ?? 7));
  const tw = Math.max(5, (options.trendWindow ?? 2 * period + 1) | 1);
  const threshold = options.threshold ?? 3.5;
  const bandZ = options.bandZ ?? threshold;
  const halfAt = options.halfAt ?? threshold;
  const finite = values.reduce((a, v) => a + (Number.isFinite(v) ? 1 : 0), 0);
  if (finite < 3) return values.map(() => EMPTY_POINT);
  if (options.causal !== true) {
    const d = decompose(values, period, tw);
    return values.map((x, i) => pointFor(x, d.trend[i]! + d.profile[i % period]!, d.scale, threshold, bandZ, halfAt));
  }
  const history = Math.max(2, options.historyCycles ?? 6) * period;
  const every = Math.max(1, options.refreshEvery ?? Math.floor(period / 6));
  // A model needs a few cycles (the trend window spans two, the profile needs more than one value per position).
  const minHistory = Math.max(3 * period, 10);
  const out: AnomalyPoint[] = [];
  let fit: { d: Decomposition; from: number; last: number; slope: number; anchor: number; scale: number } | undefined;
  // Out-of-sample errors of earlier points: an in-sample MAD from a few cycles understates the error of an
  // extrapolated model (trend and profile absorb part of the noise they were fitted on), so once enough errors
  // exist they set the band instead.
  const errors: number[] = [];
  const minErrors = Math.max(period, 10);
  for (let i = 0; i < n; i++) {
    if (i >= minHistory && (fit === undefined || (i - minHistory) % every === 0)) {
      const from = Math.max(0, i - history);
      const hist = values.slice(from, i);
      if (hist.some((v) => Number.isFinite(v))) {
        const d = decompose(hist, period, tw);
        // The trend's last value comes from a half window; the median of its last cycle is steadier, and the
        // change from the cycle before gives the slope that carries it from that cycle's middle to now.
        const m = hist.length;
        const last = finiteMedian(d.trend.subarray(Math.max(0, m - period)));
        const prev = m >= 2 * period ? finiteMedian(d.trend.subarray(m - 2 * period, m - period)) : last;
        const slope = (last - prev) / period;
        const anchor = from + m - (period + 1) / 2;
        const recent = errors.slice(-history);
        const finiteErrors = recent.filter((x) => Number.isFinite(x));
        const scale = finiteErrors.length >= minErrors ? robustScale(finiteErrors, finiteMedian(finiteErrors)) : 2 * d.scale;
        fit = { d, from, last, slope, anchor, scale: Math.max(scale, d.scale) };
      }
    }
    if (fit === undefined) {
      out.push(EMPTY_POINT);
      continue;
    }
    const e = fit.last + fit.slope * (i - fit.anchor) + fit.d.profile[(i - fit.from) % period]!;
    errors.push(values[i]! - e);
    out.push(pointFor(values[i]!, e, fit.scale, threshold, bandZ, halfAt));
  }
  return out;
}

/**
 * Points per day of a series sampled every `median(Δt)` ms, as a seasonal period: e.g. 288 for 5-minute data, 24
 * for hourly. Returns 1 (no seasonality) for daily or coarser data, too few timestamps, or a day that would be
 * over `maxPeriod` points.
 */
export function inferDailyPeriod(timestamps: readonly number[], maxPeriod = 1440): number {
  const steps: number[] = [];
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i]! - timestamps[i - 1]!;
    if (d > 0) steps.push(d);
  }
  const step = finiteMedian(steps);
  if (!(step > 0)) return 1;
  const p = Math.round(86_400_000 / step);
  return p >= 2 && p <= maxPeriod ? p : 1;
}
