import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { enumerateBuckets, resolveDateRange, truncateUtc } from './date-range.js';

const now = new Date('2026-03-11T15:42:10.123Z'); // a Wednesday

describe('resolveDateRange', () => {
  it.each([
    ['-7d', 'now', '2026-03-04T00:00:00.000Z', '2026-03-11T15:42:10.124Z'],
    ['-12h', 'now', '2026-03-11T03:00:00.000Z', '2026-03-11T15:42:10.124Z'],
    ['-4w', '-1d', '2026-02-11T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ['-3m', 'now', '2025-12-11T00:00:00.000Z', '2026-03-11T15:42:10.124Z'],
    ['-1y', 'now', '2025-03-11T00:00:00.000Z', '2026-03-11T15:42:10.124Z'],
    ['2026-03-01', '2026-03-07', '2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z'],
    ['2026-03-01T08:00:00', '2026-03-01 09:30:00Z', '2026-03-01T08:00:00.000Z', '2026-03-01T09:30:00.001Z'],
    ['2026-03-01T08:00:00+08:00', '2026-03-02', '2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
  ])('%s .. %s is [%s, %s)', (dateFrom, dateTo, from, to) => {
    const range = resolveDateRange({ dateFrom, dateTo }, now);
    expect([range.from.toISOString(), range.to.toISOString()]).toEqual([from, to]);
  });

  it('rejects an empty or inverted range with QUERY_INVALID', () => {
    expect(() => resolveDateRange({ dateFrom: '2026-03-05', dateTo: '2026-03-01' }, now)).toThrow(NorthstarError);
    expect(() => resolveDateRange({ dateFrom: '2026-02-30', dateTo: 'now' }, now)).toThrow(/invalid date/);
  });
});

describe('buckets', () => {
  it.each([
    ['hour', '2026-03-11T15:00:00.000Z'],
    ['day', '2026-03-11T00:00:00.000Z'],
    ['week', '2026-03-09T00:00:00.000Z'],
    ['month', '2026-03-01T00:00:00.000Z'],
  ] as const)('truncates to the start of the %s (weeks start Monday)', (interval, expected) => {
    expect(new Date(truncateUtc(now.getTime(), interval)).toISOString()).toBe(expected);
  });

  it('enumerates calendar months', () => {
    const range = resolveDateRange({ dateFrom: '2026-01-31', dateTo: '2026-03-01' }, now);
    expect(enumerateBuckets(range, 'month').map((b) => new Date(b).toISOString().slice(0, 10))).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });
});
