/**
 * Holiday calendar for product metrics in China: public holidays, shopping festivals and user-defined dates, so a
 * detector can leave them out of its baseline (a Double 11 peak is the business working, not an incident).
 *
 * Lunar holidays (Spring Festival, Dragon Boat, Mid-Autumn) and Qingming (a solar term) come from tables for
 * 2020-2035, not from an astronomical algorithm; outside those years only the fixed-date days and user entries
 * apply. Spans follow the usual pattern, not each year's State Council notice (which also moves make-up working
 * days): Spring Festival = New Year's Eve to the 6th day (7 days), Labour Day = May 1-5, National Day Golden Week
 * = Oct 1-7, the others one day. Pre-sale windows (618: June 1-17, Double 11: Oct 20 - Nov 10) are opt-in because
 * they would hide three weeks of data from the baseline.
 *
 * Days are calendar days in a fixed UTC offset (default +08:00, China Standard Time, which has no DST).
 */
import { NorthstarError } from '../../common/errors.js';

/** A date: epoch milliseconds, a Date, or a string ('YYYY-MM-DD' = that calendar day; otherwise ISO-8601). */
export type DateInput = number | Date | string;

/** What kind of day a holiday is. */
export type HolidayKind = 'public' | 'shopping' | 'custom';

/** One holiday occurrence, inclusive day range, names in zh-CN and English. */
export interface Holiday {
  /** Stable id: 'spring-festival', 'qingming', 'labour-day', 'dragon-boat', 'mid-autumn', 'national-day', … */
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: HolidayKind;
  /** First day, 'YYYY-MM-DD'. */
  readonly start: string;
  /** Last day (inclusive), 'YYYY-MM-DD'. */
  readonly end: string;
}

/** One day of {@link HolidayCalendar.holidaysBetween}. */
export interface HolidayDay {
  /** The day, 'YYYY-MM-DD'. */
  readonly date: string;
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: HolidayKind;
}

/** A user-defined holiday: one day or an inclusive range. */
export interface CustomHoliday {
  readonly start: DateInput;
  readonly end?: DateInput;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Defaults to a slug of `nameEn`. */
  readonly key?: string;
}

/** Settings of {@link HolidayCalendar}. */
export interface HolidayCalendarOptions {
  /** Include the built-in Chinese holidays and festivals (default true). */
  readonly builtIn?: boolean;
  /** Include the 618 and Double 11 pre-sale windows (default false). */
  readonly presales?: boolean;
  /** Built-in keys to leave out, e.g. ['double-12']. */
  readonly exclude?: readonly string[];
  readonly custom?: readonly CustomHoliday[];
  /** Offset of the local calendar from UTC in minutes (default 480, Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
}

const DAY_MS = 86_400_000;
const FIRST_TABLE_YEAR = 2020;
// Month-day strings per year from FIRST_TABLE_YEAR (Hong Kong Observatory / Purple Mountain Observatory tables).
const SPRING_FESTIVAL = ['01-25', '02-12', '02-01', '01-22', '02-10', '01-29', '02-17', '02-06', '01-26', '02-13', '02-03', '01-23', '02-11', '01-31', '02-19', '02-08'];
const QINGMING = ['04-04', '04-04', '04-05', '04-05', '04-04', '04-04', '04-05', '04-05', '04-04', '04-04', '04-05', '04-05', '04-04', '04-04', '04-05', '04-05'];
const DRAGON_BOAT = ['06-25', '06-14', '06-03', '06-22', '06-10', '05-31', '06-19', '06-09', '05-28', '06-16', '06-05', '06-24', '06-12', '06-01', '06-20', '06-10'];
const MID_AUTUMN = ['10-01', '09-21', '09-10', '09-29', '09-17', '10-06', '09-25', '09-15', '10-03', '09-22', '09-12', '10-01', '09-19', '09-08', '09-27', '09-16'];

/** Days since 1970-01-01 of a calendar date. */
function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A built-in rule: its key, names, kind and the inclusive day range in year `y` (undefined: not that year). */
interface Rule {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: HolidayKind;
  readonly presale?: boolean;
  readonly range: (y: number) => [number, number] | undefined;
}

/** Range from a month-day table, shifted by [before, after] days. */
function fromTable(table: readonly string[], before: number, after: number): (y: number) => [number, number] | undefined {
  return (y) => {
    const md = table[y - FIRST_TABLE_YEAR];
    if (md === undefined) return undefined;
    const d = dayOf(y, Number(md.slice(0, 2)), Number(md.slice(3)));
    return [d - before, d + after];
  };
}

const fixed = (m1: number, d1: number, m2: number, d2: number) => (y: number): [number, number] => [dayOf(y, m1, d1), dayOf(y, m2, d2)];

const RULES: readonly Rule[] = [
  { key: 'new-year', nameZh: '元旦', nameEn: "New Year's Day", kind: 'public', range: fixed(1, 1, 1, 1) },
  { key: 'spring-festival', nameZh: '春节', nameEn: 'Spring Festival', kind: 'public', range: fromTable(SPRING_FESTIVAL, 1, 5) },
  { key: 'qingming', nameZh: '清明节', nameEn: 'Qingming Festival', kind: 'public', range: fromTable(QINGMING, 0, 0) },
  { key: 'labour-day', nameZh: '劳动节', nameEn: 'Labour Day', kind: 'public', range: fixed(5, 1, 5, 5) },
  { key: 'dragon-boat', nameZh: '端午节', nameEn: 'Dragon Boat Festival', kind: 'public', range: fromTable(DRAGON_BOAT, 0, 0) },
  { key: 'mid-autumn', nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', kind: 'public', range: fromTable(MID_AUTUMN, 0, 0) },
  { key: 'national-day', nameZh: '国庆黄金周', nameEn: 'National Day Golden Week', kind: 'public', range: fixed(10, 1, 10, 7) },
  { key: '618-presale', nameZh: '618 预售', nameEn: '618 pre-sale', kind: 'shopping', presale: true, range: fixed(6, 1, 6, 17) },
  { key: '618', nameZh: '618 购物节', nameEn: '618 Shopping Festival', kind: 'shopping', range: fixed(6, 18, 6, 18) },
  { key: 'double-11-presale', nameZh: '双十一预售', nameEn: 'Double 11 pre-sale', kind: 'shopping', presale: true, range: fixed(10, 20, 11, 10) },
  { key: 'double-11', nameZh: '双十一', nameEn: 'Double 11 (Singles’ Day)', kind: 'shopping', range: fixed(11, 11, 11, 11) },
  { key: 'double-12', nameZh: '双十二', nameEn: 'Double 12', kind: 'shopping', range: fixed(12, 12, 12, 12) },
];

/** A calendar of holidays (see the module comment). Immutable after construction. */
export class HolidayCalendar {
  readonly #rules: readonly Rule[];
  readonly #custom: readonly { key: string; nameZh: string; nameEn: string; from: number; to: number }[];
  readonly #offsetMs: number;
  readonly #byYear = new Map<number, { h: Holiday; from: number; to: number }[]>();

  /** Throws `INVALID_ARGUMENT` for an unparsable custom date or a range that ends before it starts. */
  constructor(options: HolidayCalendarOptions = {}) {
    this.#offsetMs = (options.utcOffsetMinutes ?? 480) * 60_000;
    const exclude = new Set(options.exclude ?? []);
    this.#rules = options.builtIn === false ? [] : RULES.filter((r) => !exclude.has(r.key) && (r.presale !== true || options.presales === true));
    this.#custom = (options.custom ?? []).map((c) => {
      const from = this.dayNumber(c.start);
      const to = c.end === undefined ? from : this.dayNumber(c.end);
      if (to < from) throw new NorthstarError('INVALID_ARGUMENT', `custom holiday "${c.nameEn}" ends before it starts`, { details: { start: formatDay(from), end: formatDay(to) } });
      const key = c.key ?? (c.nameEn.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'custom');
      return { key, nameZh: c.nameZh, nameEn: c.nameEn, from, to };
    });
  }

  /** Local calendar day number (days since 1970-01-01) of a date. Throws `INVALID_ARGUMENT` when unparsable. */
  dayNumber(date: DateInput): number {
    if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
      const d = Date.parse(`${date}T00:00:00Z`);
      if (Number.isFinite(d)) return d / DAY_MS;
    } else {
      const ms = typeof date === 'number' ? date : typeof date === 'string' ? Date.parse(date) : date.getTime();
      if (Number.isFinite(ms)) return Math.floor((ms + this.#offsetMs) / DAY_MS);
    }
    throw new NorthstarError('INVALID_ARGUMENT', `not a date: ${String(date)}`, { hint: "Use 'YYYY-MM-DD', an ISO-8601 time, epoch milliseconds or a Date." });
  }

  /** Holidays whose span touches local year `y` (cached). */
  #year(y: number): { h: Holiday; from: number; to: number }[] {
    let list = this.#byYear.get(y);
    if (list !== undefined) return list;
    list = [];
    for (const r of this.#rules) {
      const range = r.range(y);
      if (range === undefined) continue;
      list.push({ h: { key: r.key, nameZh: r.nameZh, nameEn: r.nameEn, kind: r.kind, start: formatDay(range[0]), end: formatDay(range[1]) }, from: range[0], to: range[1] });
    }
    const [y0, y1] = [dayOf(y, 1, 1), dayOf(y + 1, 1, 1) - 1];
    for (const c of this.#custom) {
      if (c.to < y0 || c.from > y1) continue;
      list.push({ h: { key: c.key, nameZh: c.nameZh, nameEn: c.nameEn, kind: 'custom', start: formatDay(c.from), end: formatDay(c.to) }, from: c.from, to: c.to });
    }
    this.#byYear.set(y, list);
    return list;
  }

  /** The holidays that include local day number `day`. */
  #on(day: number): Holiday[] {
    const y = new Date(day * DAY_MS).getUTCFullYear();
    return this.#year(y).filter((e) => e.from <= day && day <= e.to).map((e) => e.h);
  }

  /** The holidays on the day of `date` (empty on an ordinary day). */
  holidaysOn(date: DateInput): Holiday[] {
    return this.#on(this.dayNumber(date));
  }

  /** Whether the day of `date` is in any holiday of this calendar. */
  isHoliday(date: DateInput): boolean {
    return this.holidaysOn(date).length > 0;
  }

  /**
   * Every holiday day from `from` to `to` inclusive, in date order (a day in two holidays appears twice). Throws
   * `INVALID_ARGUMENT` for a span over 100 years, which is a unit mistake rather than a question.
   */
  holidaysBetween(from: DateInput, to: DateInput): HolidayDay[] {
    const a = this.dayNumber(from);
    const b = this.dayNumber(to);
    if (b - a > 36_525) throw new NorthstarError('INVALID_ARGUMENT', 'holidaysBetween spans more than 100 years', { details: { from: formatDay(a), to: formatDay(b) } });
    const out: HolidayDay[] = [];
    for (let d = a; d <= b; d++) {
      for (const h of this.#on(d)) out.push({ date: formatDay(d), key: h.key, nameZh: h.nameZh, nameEn: h.nameEn, kind: h.kind });
    }
    return out;
  }
}
