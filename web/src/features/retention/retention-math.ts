import type { RetentionResult } from '../../../../src/store/insights/spec.js';

/** Share of a cohort active in period i; `null` where the period has not happened yet for that cohort. */
export function cohortRates(cohort: RetentionResult['cohorts'][number]): Array<number | null> {
  return cohort.values.map((v) => (cohort.size > 0 ? v / cohort.size : null));
}

/**
 * The retention curve: for each period, returning users over the size of the cohorts that have reached that
 * period (a weighted average, so a tiny cohort cannot swing it, and recent cohorts whose period N lies in the
 * future do not drag it towards zero).
 */
export function retentionCurve(cohorts: RetentionResult['cohorts']): number[] {
  const periods = Math.max(0, ...cohorts.map((c) => c.values.length));
  const curve: number[] = [];
  for (let i = 0; i < periods; i++) {
    let returned = 0;
    let base = 0;
    for (const c of cohorts) {
      const v = c.values[i];
      if (v === undefined || c.size === 0) continue;
      returned += v;
      base += c.size;
    }
    curve.push(base === 0 ? 0 : returned / base);
  }
  return curve;
}

/** Heat-map cell colour for a rate in [0, 1]: brand indigo whose opacity grows with the rate. */
export function heatColor(rate: number): { background: string; color: string } {
  const alpha = 0.06 + 0.84 * Math.min(1, Math.max(0, rate));
  return { background: `rgba(79, 70, 229, ${alpha.toFixed(3)})`, color: alpha > 0.5 ? '#fff' : '#1e1b4b' };
}
