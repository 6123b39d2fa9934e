import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectSeasonalAnomalies, inferDailyPeriod } from './seasonal-detector.js';

/** 20 weeks of daily values: upward trend, weekend peaks (+300 on days 5 and 6 of each week), noise σ = 20. */
function weeklySeries(seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 140 }, (_, i) => 1000 + 2 * i + (i % 7 >= 5 ? 300 : 0) + rng.normal(0, 20));
}

describe('detectSeasonalAnomalies', () => {
  it('flags a planted one-day drop and none of the weekend peaks', () => {
    const values = weeklySeries(11);
    const drop = 100; // a Wednesday-like weekday
    values[drop] = values[drop]! - 400;
    const out = detectSeasonalAnomalies(values, { period: 7 });
    expect(out).toHaveLength(140);
    expect(out[drop]!.label).toBe('low');
    expect(out[drop]!.score).toBeGreaterThan(0.7);
    expect(out[drop]!.upper).toBeGreaterThan(out[drop]!.lower);
    expect(values[drop]!).toBeLessThan(out[drop]!.lower);
    const weekend = out.filter((_, i) => i % 7 >= 5);
    expect(weekend.every((p) => p.label === 'normal')).toBe(true);
    // The expected value follows the weekend peaks rather than treating them as anomalies.
    expect(out[103]!.expected - out[102]!.expected).toBeGreaterThan(200);
    const flagged = out.flatMap((p, i) => (p.label === 'normal' ? [] : [i]));
    expect(flagged).toEqual([drop]);
    expect(out.every((p) => p.score >= 0 && p.score <= 1)).toBe(true);
  });

  it('without the seasonal part, the weekends are what gets flagged (the test above can fail)', () => {
    const out = detectSeasonalAnomalies(weeklySeries(11), { period: 1, trendWindow: 15 });
    expect(out.filter((p, i) => i % 7 >= 5 && p.label === 'high').length).toBeGreaterThan(10);
  });

  it('finds the drop causally too, with a missing point in the history', () => {
    const values = weeklySeries(12);
    values[100] = values[100]! - 400;
    values[90] = Number.NaN;
    const out = detectSeasonalAnomalies(values, { period: 7, causal: true });
    expect(out[100]!.label).toBe('low');
    expect(out[90]!.label).toBe('normal');
    expect(out[90]!.score).toBe(0);
    expect(Number.isFinite(out[90]!.expected)).toBe(true);
    expect(out.slice(0, 14).every((p) => p.score === 0 && Number.isNaN(p.expected))).toBe(true);
    const weekendFlags = out.filter((p, i) => i % 7 >= 5 && p.label !== 'normal').length;
    expect(weekendFlags).toBe(0);
  });

  it('gives defined results on empty, too-short, constant and NaN series', () => {
    expect(detectSeasonalAnomalies([])).toEqual([]);
    for (const causal of [false, true]) {
      const short = detectSeasonalAnomalies([1, 2], { causal });
      expect(short.map((p) => [p.score, p.label])).toEqual([[0, 'normal'], [0, 'normal']]);
      const nan = detectSeasonalAnomalies(Array.from({ length: 30 }, () => Number.NaN), { causal });
      expect(nan.every((p) => p.score === 0 && p.label === 'normal')).toBe(true);
      const flat = detectSeasonalAnomalies(Array.from({ length: 60 }, () => 5), { causal });
      expect(flat.every((p) => p.score === 0 && p.label === 'normal')).toBe(true);
      const base = [3, Number.NaN, 4, Number.POSITIVE_INFINITY, 3, 5, 4, 3, 4, 5, 3, 4, 5, 4, 3, 4, 3, 5, 4, 3];
      const mixed = detectSeasonalAnomalies([...base, ...base, 40], { causal });
      expect(mixed.every((p) => Number.isFinite(p.score) && p.score >= 0 && p.score <= 1)).toBe(true);
      expect(mixed[3]!.score).toBe(0);
      expect(mixed[40]!.label).toBe('high');
    }
  });
});

describe('inferDailyPeriod', () => {
  it('turns 5-minute and hourly sampling into points per day, and daily into no seasonality', () => {
    const grid = (stepMs: number): number[] => Array.from({ length: 50 }, (_, i) => i * stepMs);
    expect(inferDailyPeriod(grid(300_000))).toBe(288);
    expect(inferDailyPeriod(grid(3_600_000))).toBe(24);
    expect(inferDailyPeriod(grid(86_400_000))).toBe(1);
    expect(inferDailyPeriod([])).toBe(1);
  });
});
