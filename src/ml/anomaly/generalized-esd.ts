/**
 * Rosner's generalized extreme Studentized deviate (ESD) test (Technometrics 25(2), 1983): up to r = ⌊fraction·n⌋
 * points are removed one at a time, the most extreme first, with test statistic R_i = max|x − centre|/scale over
 * the points left; the number of outliers is the largest i with R_i > λ_i, where
 * λ_i = (n−i)·t_{p,n−i−1} / √((n−i−1+t²)(n−i+1)) and p = 1 − α/(2(n−i+1)). Unlike Grubbs' test repeated, it
 * does not stop at a masked outlier: a later, larger R_i still counts all the earlier removals.
 *
 * `robust: true` uses the median and 1.4826·MAD instead of the mean and standard deviation (Twitter's variant,
 * used by seasonal-hybrid ESD). Non-finite values are ignored (never outliers, scored 0).
 */
import { EMPTY_POINT, finiteMedian, squashZ } from './anomaly-point.js';
import type { AnomalyPoint } from './anomaly-point.js';
import { studentTQuantile } from './student-t.js';

/** Settings of {@link generalizedEsd}. */
export interface EsdOptions {
  /** Upper bound on the share of points that may be outliers, in (0, 0.5] (default 0.1). */
  readonly maxAnomsFraction?: number;
  /** Significance level of the test (default 0.05). */
  readonly alpha?: number;
  /** Median/MAD instead of mean/sd (default false: Rosner's original test). */
  readonly robust?: boolean;
}

/** One removal step of the test. */
export interface EsdStep {
  /** Index into the input of the point removed at this step. */
  readonly index: number;
  /** Test statistic R_i. */
  readonly statistic: number;
  /** Critical value λ_i. */
  readonly critical: number;
}

/** Outcome of {@link generalizedEsd}. */
export interface EsdResult {
  /** Input indices of the outliers, most extreme first. */
  readonly outliers: number[];
  /** Every removal step computed (up to r; fewer when the spread of the rest became 0). */
  readonly steps: EsdStep[];
}

/** Centre and scale of the values at `idx`. */
function centreAndScale(values: readonly number[], idx: readonly number[], robust: boolean): [number, number] {
  const xs = idx.map((i) => values[i]!);
  if (robust) {
    const med = finiteMedian(xs);
    return [med, 1.4826 * finiteMedian(xs.map((x) => Math.abs(x - med)))];
  }
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) / (xs.length - 1);
  return [mean, Math.sqrt(variance)];
}

/** Critical value λ_i for sample size `n` at step `i` (1-based). */
export function esdCritical(n: number, i: number, alpha: number): number {
  const p = 1 - alpha / (2 * (n - i + 1));
  const t = studentTQuantile(p, n - i - 1);
  return ((n - i) * t) / Math.sqrt((n - i - 1 + t * t) * (n - i + 1));
}

/** Runs the generalized ESD test over the finite values (see the module comment). Never throws. */
export function generalizedEsd(values: readonly number[], options: EsdOptions = {}): EsdResult {
  const alpha = options.alpha ?? 0.05;
  const fraction = Math.min(0.5, Math.max(0, options.maxAnomsFraction ?? 0.1));
  const robust = options.robust === true;
  let idx = values.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
  const n = idx.length;
  // λ needs n − i − 1 ≥ 1 degrees of freedom, so at most n − 2 removals.
  const r = Math.min(Math.floor(fraction * n), n - 2);
  const steps: EsdStep[] = [];
  let count = 0;
  for (let i = 1; i <= r; i++) {
    const [centre, scale] = centreAndScale(values, idx, robust);
    if (!(scale > 0)) break; // the rest is flat: no statistic is defined
    let best = 0;
    for (let k = 1; k < idx.length; k++) {
      if (Math.abs(values[idx[k]!]! - centre) > Math.abs(values[idx[best]!]! - centre)) best = k;
    }
    const index = idx[best]!;
    const statistic = Math.abs(values[index]! - centre) / scale;
    const critical = esdCritical(n, i, alpha);
    steps.push({ index, statistic, critical });
    if (statistic > critical) count = i;
    idx = idx.filter((_, k) => k !== best);
  }
  return { outliers: steps.slice(0, count).map((s) => s.index), steps };
}

/**
 * Per-point output of the ESD test: outliers labelled `high`/`low`; expected = centre of the non-outliers, band =
 * centre ± λ₁·scale (the first critical value); score = squashed |x − centre|/scale with 0.5 at λ₁.
 */
export function detectEsdAnomalies(values: readonly number[], options: EsdOptions = {}): AnomalyPoint[] {
  const { outliers } = generalizedEsd(values, options);
  const out = new Set(outliers);
  const rest = values.flatMap((v, i) => (Number.isFinite(v) && !out.has(i) ? [i] : []));
  if (rest.length < 2) return values.map(() => EMPTY_POINT);
  const [centre, rawScale] = centreAndScale(values, rest, options.robust === true);
  const scale = rawScale > 0 ? rawScale : 1e-9 * Math.max(1, Math.abs(centre));
  const n = rest.length + outliers.length;
  const lambda = n >= 3 ? esdCritical(n, 1, options.alpha ?? 0.05) : 3;
  return values.map((x, i) => {
    const band = { expected: centre, lower: centre - lambda * scale, upper: centre + lambda * scale };
    if (!Number.isFinite(x)) return { score: 0, label: 'normal', ...band };
    const label = out.has(i) ? (x > centre ? 'high' : 'low') : 'normal';
    return { score: squashZ(Math.abs(x - centre) / scale, lambda), label, ...band };
  });
}
