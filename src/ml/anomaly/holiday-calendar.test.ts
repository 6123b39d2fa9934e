import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { HolidayCalendar } from './holiday-calendar.js';

describe('HolidayCalendar', () => {
  const cal = new HolidayCalendar();

  it('knows the lunar holidays from its tables (checked against python-lunardate)', () => {
    expect(cal.holidaysOn('2025-01-29').map((h) => h.key)).toEqual(['spring-festival']);
    expect(cal.holidaysOn('2025-01-29')[0]).toMatchObject({ nameZh: '春节', nameEn: 'Spring Festival', start: '2025-01-28', end: '2025-02-03' });
    expect(cal.isHoliday('2025-02-04')).toBe(false);
    expect(cal.holidaysOn('2033-01-31')[0]!.key).toBe('spring-festival');
    expect(cal.holidaysOn('2025-05-31')[0]!.key).toBe('dragon-boat');
    expect(cal.holidaysOn('2031-06-24')[0]!.nameZh).toBe('端午节');
    expect(cal.holidaysOn('2024-09-17')[0]!.key).toBe('mid-autumn');
    expect(cal.holidaysOn('2026-04-05')[0]!.key).toBe('qingming');
    expect(cal.isHoliday('2026-04-04')).toBe(false);
    // 2025: Mid-Autumn falls inside Golden Week, so the day has both.
    expect(cal.holidaysOn('2025-10-06').map((h) => h.key).sort()).toEqual(['mid-autumn', 'national-day']);
    // Outside the tables only fixed-date days apply.
    expect(cal.isHoliday('2040-02-12')).toBe(false);
    expect(cal.holidaysOn('2040-11-11')[0]!.key).toBe('double-11');
  });

  it('lists the festivals of a span in zh-CN and English, one row per day', () => {
    const days = cal.holidaysBetween('2026-10-01', '2026-12-31');
    expect(days.filter((d) => d.key === 'national-day').map((d) => d.date)).toHaveLength(7);
    const d11 = days.find((d) => d.key === 'double-11');
    expect(d11).toEqual({ date: '2026-11-11', key: 'double-11', nameZh: '双十一', nameEn: 'Double 11 (Singles’ Day)', kind: 'shopping' });
    expect(days.some((d) => d.key === 'double-12' && d.date === '2026-12-12')).toBe(true);
    expect(days.some((d) => d.key === 'double-11-presale')).toBe(false); // opt-in
    const june = cal.holidaysBetween('2026-06-01', '2026-06-30').map((d) => `${d.date} ${d.key}`);
    expect(june).toEqual(['2026-06-18 618', '2026-06-19 dragon-boat']);
    expect(cal.holidaysBetween('2026-03-01', '2026-03-31')).toEqual([]);
    const withPresale = new HolidayCalendar({ presales: true });
    expect(withPresale.holidaysBetween('2026-06-01', '2026-06-18').filter((d) => d.key === '618-presale')).toHaveLength(17);
    expect(withPresale.holidaysOn('2026-11-01')[0]!.nameZh).toBe('双十一预售');
  });

  it('takes user dates and ranges, exclusions and the local UTC offset', () => {
    const c = new HolidayCalendar({
      exclude: ['double-12'],
      custom: [
        { start: '2026-08-08', nameZh: '店庆', nameEn: 'Store Anniversary' },
        { start: '2026-03-01', end: '2026-03-03', nameZh: '会员日', nameEn: 'Member days', key: 'members' },
      ],
    });
    expect(c.holidaysOn('2026-08-08')[0]).toMatchObject({ key: 'store-anniversary', kind: 'custom', nameZh: '店庆' });
    expect(c.holidaysBetween('2026-02-28', '2026-03-05').map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(c.isHoliday('2026-12-12')).toBe(false);
    // 2026-11-10T16:30Z is already Nov 11 in Beijing, but still Nov 10 in UTC.
    expect(cal.isHoliday('2026-11-10T16:30:00Z')).toBe(true);
    expect(cal.isHoliday(Date.parse('2026-11-10T16:30:00Z'))).toBe(true);
    expect(new HolidayCalendar({ utcOffsetMinutes: 0 }).isHoliday(new Date('2026-11-10T16:30:00Z'))).toBe(false);
    expect(new HolidayCalendar({ builtIn: false }).isHoliday('2026-10-01')).toBe(false);
  });

  it('rejects bad dates and reversed ranges with INVALID_ARGUMENT', () => {
    expect(() => cal.isHoliday('tomorrow')).toThrow(NorthstarError);
    expect(() => cal.isHoliday(Number.NaN)).toThrow(/not a date/);
    expect(() => new HolidayCalendar({ custom: [{ start: '2026-03-03', end: '2026-03-01', nameZh: 'x', nameEn: 'x' }] })).toThrow(/ends before/);
    expect(() => cal.holidaysBetween('1900-01-01', '2100-01-01')).toThrow(/100 years/);
  });
});
