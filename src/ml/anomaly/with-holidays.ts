/**
 * Makes any per-point detector holiday-aware: points on a calendar holiday are hidden from the detector (passed as
 * missing, so they neither enter its baseline fit nor get flagged) and come back marked with the holiday, carrying
 * the detector's expected value and band for the chart. A Double 11 peak is then shown as a known event rather
 * than raised as an incident, and it does not drag the band of the days around it.
 */
import { NorthstarError } from '../../common/errors.js';
import type { AnomalyPoint } from './anomaly-point.js';
import type { DateInput, Holiday, HolidayCalendar } from './holiday-calendar.js';

/** A detector's output point, with the holidays of its day when it was excluded as one. */
export interface HolidayAnomalyPoint extends AnomalyPoint {
  readonly holidays?: readonly Holiday[];
}

/** Any detector of this folder: values on a regular grid (missing = NaN) in, one point per value out. */
export type SeriesDetector<O> = (values: readonly number[], options?: O) => AnomalyPoint[];

/** A holiday-aware detector: like the wrapped one, plus each value's timestamp. */
export type HolidayAwareDetector<O> = (values: readonly number[], timestamps: readonly DateInput[], options?: O) => HolidayAnomalyPoint[];

/**
 * Wraps `detector` so that holiday points (by `calendar`) are excluded from its fit and returned with score 0,
 * label `normal` and `holidays` set. Throws `INVALID_ARGUMENT` when `timestamps` and `values` differ in length or
 * a timestamp is not a date.
 */
export function withHolidays<O>(detector: SeriesDetector<O>, calendar: HolidayCalendar): HolidayAwareDetector<O> {
  return (values, timestamps, options) => {
    if (timestamps.length !== values.length) {
      throw new NorthstarError('INVALID_ARGUMENT', `withHolidays: ${values.length} values but ${timestamps.length} timestamps`);
    }
    const marks = timestamps.map((t) => calendar.holidaysOn(t));
    const masked = values.map((v, i) => (marks[i]!.length > 0 ? Number.NaN : v));
    const points = options === undefined ? detector(masked) : detector(masked, options);
    return points.map((p, i) => {
      const h = marks[i]!;
      return h.length > 0 ? { ...p, score: 0, label: 'normal', holidays: h } : p;
    });
  };
}
