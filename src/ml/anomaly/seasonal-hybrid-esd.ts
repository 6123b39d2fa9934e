/**
 * Seasonal hybrid ESD (S-H-ESD), after Twitter's AnomalyDetection package (Hochenbaum, Vallis & Kejariwal 2017):
 * the series is cut into pieces (the "piecewise median" of long series, so a slow trend does not leak into the
 * residual); in each piece the seasonal component is the median, per cycle position, of the values minus the
 * piece's median, and residual = value − seasonal − median. The residuals are then tested with the generalized
 * ESD test using the median and MAD instead of the mean and standard deviation, so the outliers themselves cannot
 * widen the scale they are judged by.
 *
 * Values sit on a regular grid (cycle position = index mod period); missing points are NaN and score 0. A piece
 * whose residual MAD is 0 (flat or heavily quantised data) yields no outliers, as in the original.
 */
import { EMPTY_POINT, finiteMedian, robustScale, squashZ } from './anomaly-point.js';
import type { AnomalyPoint } from './anomaly-point.js';
import { esdCritical, generalizedEsd } from './generalized-esd.js';

/** Settings of {@link detectSeasonalHybridEsd}. */
export interface SeasonalHybridEsdOptions {
  /** Points per cycle (default 7: daily points, weekly cycle). Series shorter than two cycles use no seasonality. */
  readonly period?: number;
  /** Upper bound on the share of anomalies per piece (default 0.1, as in Twitter's `max_anoms`). */
  readonly maxAnomsFraction?: number;
  /** Significance level of the ESD test (default 0.05). */
  readonly alpha?: number;
  /** Keep only anomalies above (`pos`), below (`neg`) or on both sides (default) of the expected value. */
  readonly direction?: 'pos' | 'neg' | 'both';
  /** Points per piece (default 14 cycles, Twitter's two weeks for hourly data); a short tail joins the piece before. */
  readonly piecewiseLength?: number;
}

/** [start, end) bounds of the pieces of a series of length `n`. */
function pieces(n: number, len: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += len) out.push([s, Math.min(n, s + len)]);
  const last = out[out.length - 1];
  if (out.length > 1 && last !== undefined && last[1] - last[0] < len / 2) {
    out.pop();
    out[out.length - 1]![1] = n;
  }
  return out;
}

/** Scores every point of a regularly spaced series with S-H-ESD (see the module comment). Never throws. */
export function detectSeasonalHybridEsd(values: readonly number[], options: SeasonalHybridEsdOptions = {}): AnomalyPoint[] {
  const n = values.length;
  const finite = values.reduce((a, v) => a + (Number.isFinite(v) ? 1 : 0), 0);
  if (finite < 3) return values.map(() => EMPTY_POINT);
  const requested = Math.max(1, Math.floor(options.period ?? 7));
  const period = n >= 2 * requested ? requested : 1;
  const len = Math.max(3, 2 * period, Math.floor(options.piecewiseLength ?? 14 * period));
  const alpha = options.alpha ?? 0.05;
  const direction = options.direction ?? 'both';
  const out: AnomalyPoint[] = new Array<AnomalyPoint>(n).fill(EMPTY_POINT);
  for (const [s, e] of pieces(n, len)) {
    const xs = values.slice(s, e);
    const median = finiteMedian(xs);
    if (Number.isNaN(median)) continue; // all missing: EMPTY_POINT already
    const profile = new Float64Array(period);
    if (period > 1) {
      const byPos: number[][] = Array.from({ length: period }, () => []);
      xs.forEach((x, k) => {
        if (Number.isFinite(x)) byPos[(s + k) % period]!.push(x - median);
      });
      for (let p = 0; p < period; p++) profile[p] = byPos[p]!.length > 0 ? finiteMedian(byPos[p]!) : 0;
      const c = finiteMedian(profile); // the level belongs to the median, not to the seasonal part
      for (let p = 0; p < period; p++) profile[p] = profile[p]! - c;
    }
    const expected = xs.map((_, k) => median + profile[(s + k) % period]!);
    const resid = xs.map((x, k) => x - expected[k]!);
    const { outliers } = generalizedEsd(resid, { maxAnomsFraction: options.maxAnomsFraction ?? 0.1, alpha, robust: true });
    const flagged = new Set(outliers);
    const rest = resid.filter((r, k) => Number.isFinite(r) && !flagged.has(k));
    const centre = rest.length > 0 ? finiteMedian(rest) : 0;
    const scale = robustScale(rest.length > 0 ? rest : resid, centre);
    const m = resid.filter((r) => Number.isFinite(r)).length;
    const lambda = m >= 3 ? esdCritical(m, 1, alpha) : 3;
    xs.forEach((x, k) => {
      const ex = expected[k]! + centre;
      const band = { expected: ex, lower: ex - lambda * scale, upper: ex + lambda * scale };
      if (!Number.isFinite(x)) {
        out[s + k] = { score: 0, label: 'normal', ...band };
        return;
      }
      const up = x > ex;
      const keep = flagged.has(k) && (direction === 'both' || (direction === 'pos') === up);
      out[s + k] = { score: squashZ(Math.abs(x - ex) / scale, lambda), label: keep ? (up ? 'high' : 'low') : 'normal', ...band };
    });
  }
  return out;
}
