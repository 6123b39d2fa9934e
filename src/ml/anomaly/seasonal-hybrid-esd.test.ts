import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectSeasonalHybridEsd } from './seasonal-hybrid-esd.js';

/** Hourly series with a strong daily cycle (night trough, evening peak), noise σ = 5. */
function hourly(seed: number, days: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 24 * days }, (_, i) => 200 + 120 * Math.sin((2 * Math.PI * (i % 24)) / 24) + rng.normal(0, 5));
}

const flagged = (pts: readonly { label: string }[]): number[] => pts.flatMap((p, i) => (p.label === 'normal' ? [] : [i]));

describe('detectSeasonalHybridEsd', () => {
  it('finds planted spikes and dips inside a daily cycle, and nothing of the cycle itself', () => {
    // Seed 4: with seed 3 a genuine 3.9σ noise draw at index 292 is also (rightly) flagged at α = 0.05.
    const values = hourly(4, 28);
    // A spike at a night trough (normal level there, huge relative to the trough) and a dip at an evening peak:
    // both lie inside the series' overall range, so only the seasonal residual exposes them.
    values[24 * 5 + 18] = values[24 * 5 + 18]! + 150;
    values[24 * 20 + 6] = values[24 * 20 + 6]! - 150;
    const pts = detectSeasonalHybridEsd(values, { period: 24 });
    expect(pts).toHaveLength(values.length);
    expect(flagged(pts)).toEqual([24 * 5 + 18, 24 * 20 + 6]);
    expect(pts[24 * 5 + 18]!.label).toBe('high');
    expect(pts[24 * 20 + 6]!.label).toBe('low');
    expect(pts[24 * 5 + 18]!.score).toBeGreaterThan(0.8);
    expect(values[24 * 5 + 18]!).toBeGreaterThan(pts[24 * 5 + 18]!.upper);
    expect(pts.every((p) => p.score >= 0 && p.score <= 1 && p.lower < p.upper)).toBe(true);
    // Direction filter keeps one side only.
    expect(flagged(detectSeasonalHybridEsd(values, { period: 24, direction: 'pos' }))).toEqual([24 * 5 + 18]);
  });

  it('without seasonality the same spikes hide inside the daily swing (the test above can fail)', () => {
    const values = hourly(3, 28);
    values[24 * 5 + 18] = values[24 * 5 + 18]! + 150;
    expect(flagged(detectSeasonalHybridEsd(values, { period: 1 }))).not.toContain(24 * 5 + 18);
  });

  it('piecewise medians follow a trend, so a spike is judged against its own piece', () => {
    const rng = createRng(9);
    const values = Array.from({ length: 24 * 60 }, (_, i) => 100 + i * 0.1 + 30 * Math.sin((2 * Math.PI * (i % 24)) / 24) + rng.normal(0, 3));
    values[900] = values[900]! + 60;
    expect(flagged(detectSeasonalHybridEsd(values, { period: 24 }))).toEqual([900]);
    // One piece for the whole trend: the trend inflates the residual MAD and the spike drowns in it.
    expect(flagged(detectSeasonalHybridEsd(values, { period: 24, piecewiseLength: values.length }))).not.toContain(900);
  });

  it('has defined results on empty, short, constant and NaN input', () => {
    expect(detectSeasonalHybridEsd([])).toEqual([]);
    expect(detectSeasonalHybridEsd([1, 2]).every((p) => p.label === 'normal' && p.score === 0)).toBe(true);
    expect(flagged(detectSeasonalHybridEsd([5, 5, 5, 5, 50]))).toEqual([]); // MAD 0: no statistic, as in Twitter's
    expect(flagged(detectSeasonalHybridEsd(Array(100).fill(7)))).toEqual([]);
    const values = hourly(4, 14);
    values[30] = Number.NaN;
    values[100] = values[100]! + 200;
    const pts = detectSeasonalHybridEsd(values, { period: 24 });
    expect(pts[30]).toMatchObject({ score: 0, label: 'normal' });
    expect(Number.isFinite(pts[30]!.expected)).toBe(true);
    expect(flagged(pts)).toEqual([100]);
    expect(detectSeasonalHybridEsd(Array(10).fill(Number.NaN)).every((p) => p.score === 0)).toBe(true);
  });
});
