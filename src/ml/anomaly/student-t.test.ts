import { describe, expect, it } from 'vitest';
import { lnGamma, studentTCdf, studentTQuantile } from './student-t.js';

describe('studentTQuantile', () => {
  // Two-sided critical values from the standard t table (3 decimals).
  const table: [p: number, df: number, t: number][] = [
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.95, 5, 2.015],
    [0.975, 10, 2.228],
    [0.995, 20, 2.845],
    [0.999, 30, 3.385],
    [0.975, 120, 1.98],
    [0.9995, 3, 12.924],
    [0.9, 1000000, 1.282],
  ];
  it.each(table)('P = %s, ν = %s gives %s', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
    expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 3);
    expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
  });

  it('matches the Cauchy closed form at ν = 1 and handles the edges', () => {
    for (const p of [0.6, 0.9, 0.99, 0.99999]) expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 6);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(studentTQuantile(1.2, 7))).toBe(true);
    expect(Number.isNaN(studentTQuantile(0.9, 0))).toBe(true);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});
