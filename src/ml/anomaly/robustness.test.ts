/**
 * Bad input for every detector (issue 6): empty, constant, too short, NaN-containing, all-missing series, and —
 * for the detectors that take timestamps, or through `toRegularGrid` for those that read a regular grid —
 * duplicate timestamps and irregular intervals. Each must return one finite score in [0, 1] per point, score 0
 * for missing points, nothing flagged on a constant series, and never throw.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectChangePoints } from './change-point-detector.js';
import { detectEsdAnomalies } from './generalized-esd.js';
import { HolidayCalendar } from './holiday-calendar.js';
import { toRegularGrid } from './regular-grid.js';
import { rollingMadScores } from './rolling-mad-detector.js';
import { detectSeasonalAnomalies } from './seasonal-detector.js';
import { detectSeasonalHybridEsd } from './seasonal-hybrid-esd.js';
import { detectStreamingAnomalies } from './streaming-detector.js';
import { withHolidays } from './with-holidays.js';

const DAY = 86_400_000;
type Detector = (values: readonly number[], timestamps: readonly number[]) => Array<{ score: number; label?: string }>;

const holidays = withHolidays(detectSeasonalAnomalies, new HolidayCalendar());
const DETECTORS: Array<[string, Detector]> = [
  ['rolling-mad', (v) => rollingMadScores(v, { window: 50 }).map((score) => ({ score }))],
  ['seasonal', (v) => detectSeasonalAnomalies(v, { period: 7 })],
  ['seasonal causal', (v) => detectSeasonalAnomalies(v, { period: 7, causal: true })],
  ['change-point', (v) => detectChangePoints(v).points],
  ['generalized ESD', (v) => detectEsdAnomalies(v)],
  ['S-H-ESD', (v) => detectSeasonalHybridEsd(v, { period: 7 })],
  ['streaming', (v, t) => detectStreamingAnomalies(v, t, { learnPoints: 30 })],
  ['seasonal + holidays', (v, t) => holidays(v, t, { period: 7 })],
];

function noisy(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 7) + 3 * (rng.next() - 0.5));
}
const daysFrom = (n: number): number[] => Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY);

function expectDefined(out: ReadonlyArray<{ score: number }>, n: number): void {
  expect(out).toHaveLength(n);
  for (const p of out) {
    expect(Number.isFinite(p.score)).toBe(true);
    expect(p.score).toBeGreaterThanOrEqual(0);
    expect(p.score).toBeLessThanOrEqual(1);
  }
}

describe.each(DETECTORS)('%s on bad input', (_name, detect) => {
  it('empty series: empty result', () => {
    expect(detect([], [])).toEqual([]);
  });

  it.each([1, 2, 5])('too short (%i points): defined, nothing flagged', (n) => {
    const out = detect(noisy(n, 1), daysFrom(n));
    expectDefined(out, n);
    expect(out.every((p) => p.label === undefined || p.label === 'normal')).toBe(true);
  });

  it('constant series: nothing flagged', () => {
    const out = detect(new Array<number>(200).fill(42), daysFrom(200));
    expectDefined(out, 200);
    expect(out.every((p) => p.score < 0.5 && (p.label === undefined || p.label === 'normal'))).toBe(true);
  });

  it('NaN and infinite points score 0; all-missing series are defined', () => {
    const v = noisy(200, 2);
    for (const i of [3, 50, 51, 52, 120, 199]) v[i] = Number.NaN;
    v[80] = Number.POSITIVE_INFINITY;
    const out = detect(v, daysFrom(200));
    expectDefined(out, 200);
    for (const i of [3, 50, 51, 52, 80, 120, 199]) expect(out[i]!.score).toBe(0);
    expectDefined(detect(new Array<number>(50).fill(Number.NaN), daysFrom(50)), 50);
  });

  it('duplicate timestamps and irregular intervals: defined on the raw points and on the regular grid', () => {
    const rng = createRng(3);
    const t: number[] = [];
    let now = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 300; i++) {
      if (i % 17 !== 0) now += rng.next() < 0.1 ? 3 * DAY : DAY; // some days missing, some duplicated
      t.push(now);
    }
    const v = noisy(300, 4);
    expectDefined(detect(v, t), 300);
    const grid = toRegularGrid(t, v, { interval: DAY });
    expect(grid.values.some(Number.isNaN)).toBe(true);
    expectDefined(detect(grid.values, grid.timestamps), grid.values.length);
  });
});
