/** Alert severities, lowest first. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Relative deviation |actual − expected| / |expected| (NaN when expected is 0 or unknown). */
export function relativeDeviation(actual: number, expected: number): number {
  if (!Number.isFinite(actual) || !Number.isFinite(expected) || expected === 0) return Number.NaN;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/**
 * Severity from the detector's score (how unusual, in [0, 1]; 0.5 is the detectors' alarm line) and the relative
 * deviation (how much it matters): critical when the point is well past the line (score ≥ 0.6, about 1.5× the
 * threshold z) and moved by a quarter, or moved by half whatever the score; warning when a little past the line or
 * moved by 15 %; info otherwise. A NaN deviation counts as 0.
 */
export function severityOf(score: number, deviation: number): Severity {
  const s = Number.isFinite(score) ? score : 0;
  const d = Number.isFinite(deviation) ? deviation : 0;
  if ((s >= 0.6 && d >= 0.25) || d >= 0.5) return 'critical';
  if (s >= 0.55 || d >= 0.15) return 'warning';
  return 'info';
}

/** True when `severity` is at least `min`. */
export function atLeast(severity: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min);
}
