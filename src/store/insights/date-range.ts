import { NorthstarError } from '../../common/errors.js';
import type { Interval } from './spec.js';

/** A resolved, half-open time range `[from, to)` in UTC. */
export interface DateRange {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Start of the UTC bucket holding `ms` (weeks start on Monday). */
export function truncateUtc(ms: number, interval: Interval): number {
  const d = new Date(ms);
  switch (interval) {
    case 'hour':
      return Math.floor(ms / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case 'week': {
      const day = Math.floor(ms / DAY_MS) * DAY_MS;
      const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
      return day - weekday * DAY_MS;
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

/** `ms` moved by `n` whole intervals (calendar months for `month`). */
export function addIntervalUtc(ms: number, interval: Interval, n: number): number {
  switch (interval) {
    case 'hour':
      return ms + n * HOUR_MS;
    case 'day':
      return ms + n * DAY_MS;
    case 'week':
      return ms + n * 7 * DAY_MS;
    case 'month': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
    }
  }
}

/** Bucket starts (epoch ms) covering `[from, to)`, first one truncated; used to zero-fill series. */
export function enumerateBuckets(range: DateRange, interval: Interval): number[] {
  const out: number[] = [];
  const end = range.to.getTime();
  for (let b = truncateUtc(range.from.getTime(), interval); b < end; b = addIntervalUtc(b, interval, 1)) {
    out.push(b);
    if (out.length > 100_000) {
      throw new NorthstarError('QUERY_INVALID', 'the date range holds more than 100000 buckets', {
        hint: 'Pick a shorter date range or a coarser interval.',
      });
    }
  }
  return out;
}

/** ISO-8601 UTC text of epoch milliseconds (`YYYY-MM-DDTHH:MM:SS.000Z`). */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

const RELATIVE = /^-(\d+)([hdwmy])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parsePoint(value: string, now: Date, end: boolean): Date {
  if (value === 'now') return new Date(now.getTime() + (end ? 1 : 0));
  const rel = RELATIVE.exec(value);
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2];
    const ms = now.getTime();
    if (unit === 'h') return new Date(truncateUtc(ms - n * HOUR_MS, 'hour'));
    const shifted =
      unit === 'd'
        ? ms - n * DAY_MS
        : unit === 'w'
          ? ms - n * 7 * DAY_MS
          : unit === 'm'
            ? addIntervalUtc(ms, 'month', -n)
            : addIntervalUtc(ms, 'month', -12 * n);
    return new Date(truncateUtc(shifted, 'day'));
  }
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    // V8 rolls 2026-02-30 over to March; a round trip catches impossible dates.
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== value) throw invalid(value);
    return new Date(end ? start + DAY_MS : start);
  }
  // Date-times without an offset are UTC.
  const normalized = value.replace(' ', 'T');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(normalized);
  const parsed = Date.parse(hasZone ? normalized : `${normalized}Z`);
  if (Number.isNaN(parsed)) throw invalid(value);
  return new Date(end ? parsed + 1 : parsed);
}

function invalid(value: string): NorthstarError {
  return new NorthstarError('QUERY_INVALID', `invalid date ${JSON.stringify(value)}`, { details: { value } });
}

/**
 * Resolves `dateFrom`/`dateTo` against `now` into a half-open UTC range. `-7d`/`-4w`/`-3m`/`-1y` start at
 * the beginning of that UTC day, `-12h` at the beginning of that hour. A date-only `dateTo` includes that
 * whole day; a date-time or `now` as `dateTo` includes that instant.
 */
export function resolveDateRange(spec: { dateFrom: string; dateTo: string }, now: Date): DateRange {
  const from = parsePoint(spec.dateFrom, now, false);
  const to = parsePoint(spec.dateTo, now, true);
  if (from.getTime() >= to.getTime()) {
    throw new NorthstarError('QUERY_INVALID', `dateFrom ${spec.dateFrom} is not before dateTo ${spec.dateTo}`, {
      details: { dateFrom: spec.dateFrom, dateTo: spec.dateTo },
    });
  }
  return { from, to };
}
