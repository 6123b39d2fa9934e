/** The days of the demo window with their traffic multipliers, promo days and the planted incident. */

const DAY_MS = 86_400_000;

/** Traffic by UTC weekday (Sunday first): weekends are busier, as in most consumer shops. */
const WEEKDAY_FACTOR = [1.3, 0.9, 0.9, 0.95, 1.0, 1.1, 1.35] as const;

/** One day of the window. */
export interface DemoDay {
  index: number;
  /** Midnight UTC. */
  start: Date;
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: number;
  /** Visit multiplier: weekday × promo. */
  traffic: number;
  /** 0 none, 1 around the promo, 2 the peak day. */
  promo: 0 | 1 | 2;
}

/** The calendar of a demo dataset. */
export interface DemoCalendar {
  start: Date;
  end: Date;
  days: DemoDay[];
  promo: { name: { zh: string; en: string }; peakDate: string; dates: string[] };
  incident: { dayIndex: number; date: string };
}

/** `YYYY-MM-DD` of a UTC instant. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of the day holding `date`. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/**
 * Builds the window of `days` days ending (exclusive) at midnight UTC of `end`. The promo peak is Singles' Day
 * (Nov 11) when it falls inside the window with room around it, otherwise a "mid-season sale" at 65% of the
 * window. The incident day sits at 80% of the window, on a weekday away from the promo, so an anomaly detector
 * sees it against ordinary days.
 */
export function buildCalendar(end: Date, days: number): DemoCalendar {
  const endDay = startOfUtcDay(end);
  const start = new Date(endDay.getTime() - days * DAY_MS);
  let peakIndex = Math.round(days * 0.65);
  let name = { zh: '年中大促', en: 'Mid-Season Sale' };
  for (let i = 3; i < days - 2; i++) {
    const d = new Date(start.getTime() + i * DAY_MS);
    if (d.getUTCMonth() === 10 && d.getUTCDate() === 11) {
      peakIndex = i;
      name = { zh: '双11购物节', en: "Singles' Day (Double 11)" };
    }
  }
  let incidentIndex = Math.min(days - 2, Math.max(1, Math.round(days * 0.8)));
  // Keep the incident off the promo days and off weekends (a clean weekday baseline for detection).
  const blocked = (i: number): boolean => {
    const weekday = new Date(start.getTime() + i * DAY_MS).getUTCDay();
    return Math.abs(i - peakIndex) <= 2 || weekday === 0 || weekday === 6;
  };
  for (let step = 0; step < days && blocked(incidentIndex); step++) {
    incidentIndex = (incidentIndex + 1) % days;
    if (incidentIndex === 0) incidentIndex = 1;
  }
  const out: DemoDay[] = [];
  for (let i = 0; i < days; i++) {
    const dayStart = new Date(start.getTime() + i * DAY_MS);
    const weekday = dayStart.getUTCDay();
    const distance = Math.abs(i - peakIndex);
    const promo: 0 | 1 | 2 = distance === 0 ? 2 : distance === 1 ? 1 : 0;
    const promoFactor = promo === 2 ? 2.6 : promo === 1 ? 1.5 : i >= peakIndex - 4 && i < peakIndex ? 1.15 : 1;
    out.push({
      index: i,
      start: dayStart,
      date: isoDate(dayStart),
      weekday,
      traffic: (WEEKDAY_FACTOR[weekday] ?? 1) * promoFactor,
      promo,
    });
  }
  const promoDates = out.filter((d) => d.promo > 0).map((d) => d.date);
  const incidentDay = out[incidentIndex];
  const peakDay = out[peakIndex];
  if (incidentDay === undefined || peakDay === undefined) throw new Error('demo window too short for the calendar');
  return {
    start,
    end: endDay,
    days: out,
    promo: { name, peakDate: peakDay.date, dates: promoDates },
    incident: { dayIndex: incidentIndex, date: incidentDay.date },
  };
}

/** Milliseconds in a day. */
export const DAY_MILLIS = DAY_MS;
