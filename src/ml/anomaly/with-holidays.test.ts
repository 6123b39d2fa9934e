import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectSeasonalHybridEsd } from './seasonal-hybrid-esd.js';
import { detectSeasonalAnomalies } from './seasonal-detector.js';
import { HolidayCalendar } from './holiday-calendar.js';
import { withHolidays } from './with-holidays.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 7, 1); // 2026-08-01

/** Daily GMV Aug 2026 - Jan 2027: weekly cycle, noise σ = 20, Double 11 at 3× and an unexplained drop on Sep 9. */
function shop(seed: number): { values: number[]; timestamps: number[]; d11: number; drop: number } {
  const rng = createRng(seed);
  const timestamps = Array.from({ length: 184 }, (_, i) => START + i * DAY);
  const values = timestamps.map((_, i) => 1000 + (i % 7 >= 5 ? 250 : 0) + rng.normal(0, 20));
  const d11 = (Date.UTC(2026, 10, 11) - START) / DAY;
  const drop = (Date.UTC(2026, 8, 9) - START) / DAY;
  values[d11] = values[d11]! * 3;
  values[drop] = values[drop]! - 400;
  return { values, timestamps, d11, drop };
}

describe('withHolidays', () => {
  it('the Double 11 peak is flagged without the calendar and not with it; the real drop stays flagged', () => {
    const { values, timestamps, d11, drop } = shop(21);
    const plain = detectSeasonalAnomalies(values, { period: 7 });
    expect(plain[d11]!.label).toBe('high');
    expect(plain[drop]!.label).toBe('low');
    const aware = withHolidays(detectSeasonalAnomalies, new HolidayCalendar())(values, timestamps, { period: 7 });
    expect(aware).toHaveLength(values.length);
    expect(aware[d11]).toMatchObject({ label: 'normal', score: 0 });
    expect(aware[d11]!.holidays?.map((h) => h.key)).toEqual(['double-11']);
    expect(aware[d11]!.expected).toBeGreaterThan(900); // band still drawn from the baseline around it
    expect(aware[d11]!.expected).toBeLessThan(1400);
    expect(aware[drop]!.label).toBe('low');
    expect(aware[drop]!.holidays).toBeUndefined();
    // Golden Week days are marked too.
    const oct3 = (Date.UTC(2026, 9, 3) - START) / DAY;
    expect(aware[oct3]!.holidays?.[0]?.nameZh).toBe('国庆黄金周');
  });

  it('works with any detector of the folder (S-H-ESD) and with options omitted', () => {
    const { values, timestamps, d11, drop } = shop(22);
    const flagged = (pts: readonly { label: string }[]): number[] => pts.flatMap((p, i) => (p.label === 'normal' ? [] : [i]));
    const plain = flagged(detectSeasonalHybridEsd(values));
    expect(plain).toContain(d11);
    expect(plain).toContain(drop);
    const aware = withHolidays(detectSeasonalHybridEsd, new HolidayCalendar())(values, timestamps);
    expect(aware[d11]!.label).toBe('normal');
    // The drop stays; masking 10 holiday days moves the MAD a little, so a borderline noise point may come or go.
    expect(flagged(aware)).toContain(drop);
    expect(flagged(aware)).not.toContain(d11);
    expect(flagged(aware).length).toBeLessThanOrEqual(3);
  });

  it('rejects mismatched timestamps and passes empty series through', () => {
    const f = withHolidays(detectSeasonalAnomalies, new HolidayCalendar());
    expect(() => f([1, 2, 3], [START])).toThrow(/3 values but 1 timestamps/);
    expect(f([], [])).toEqual([]);
  });
});
