import type { AnomalyPoint } from '../../ml/anomaly/anomaly-point.js';
import { detectChangePoints } from '../../ml/anomaly/change-point-detector.js';
import { detectEsdAnomalies } from '../../ml/anomaly/generalized-esd.js';
import { HolidayCalendar } from '../../ml/anomaly/holiday-calendar.js';
import { detectSeasonalAnomalies } from '../../ml/anomaly/seasonal-detector.js';
import { detectSeasonalHybridEsd } from '../../ml/anomaly/seasonal-hybrid-esd.js';
import { withHolidays, type SeriesDetector } from '../../ml/anomaly/with-holidays.js';
import type { MonitorSpec } from './monitor-spec.js';

/** A detector's verdict on one bucket, with the holiday it fell on when it was left out as one. */
export interface DetectedPoint extends AnomalyPoint {
  holiday?: { zh: string; en: string };
}

/** Seasonal period in buckets: a weekly cycle for daily data, a daily one for hourly data, none for weeks. */
export function seasonalPeriod(interval: MonitorSpec['interval']): number {
  return interval === 'day' ? 7 : interval === 'hour' ? 24 : 1;
}

// Sensitivity → the detectors' own knobs; "medium" is each detector's documented default.
const SEASONAL_THRESHOLD = { low: 5, medium: 3.5, high: 2.5 } as const;
const ESD_ALPHA = { low: 0.01, medium: 0.05, high: 0.1 } as const;
const CUSUM_THRESHOLD = { low: 12, medium: 8, high: 5 } as const;

function detectorFor(monitor: Pick<MonitorSpec, 'detector' | 'sensitivity' | 'interval'>): SeriesDetector<undefined> {
  const period = seasonalPeriod(monitor.interval);
  const s = monitor.sensitivity;
  switch (monitor.detector) {
    case 'seasonal':
      return (values) => detectSeasonalAnomalies(values, { period, threshold: SEASONAL_THRESHOLD[s] });
    case 'seasonal-hybrid-esd':
      return (values) => detectSeasonalHybridEsd(values, { period, alpha: ESD_ALPHA[s] });
    case 'esd':
      return (values) => detectEsdAnomalies(values, { robust: true, alpha: ESD_ALPHA[s] });
    case 'change-point':
      return (values) => detectChangePoints(values, { threshold: CUSUM_THRESHOLD[s] }).points;
  }
}

let sharedCalendar: HolidayCalendar | undefined;

/**
 * Runs the monitor's detector over `values` (one per bucket of `buckets`; NaN = missing). Daily monitors with
 * `holidays` hide Chinese holidays and shopping festivals from the fit and never flag them. Never throws on
 * empty, constant, short or all-NaN input: every point then comes back `normal`.
 */
export function detectSeries(
  monitor: Pick<MonitorSpec, 'detector' | 'sensitivity' | 'interval' | 'holidays'>,
  values: readonly number[],
  buckets: readonly string[],
): DetectedPoint[] {
  const clean = values.map((v) => (Number.isFinite(v) ? v : Number.NaN));
  const detector = detectorFor(monitor);
  if (!monitor.holidays || monitor.interval !== 'day') return detector(clean);
  sharedCalendar ??= new HolidayCalendar();
  const points = withHolidays(detector, sharedCalendar)(clean, buckets);
  return points.map((p) => {
    const h = p.holidays?.[0];
    const { holidays: _ignored, ...rest } = p;
    return h === undefined ? rest : { ...rest, holiday: { zh: h.nameZh, en: h.nameEn } };
  });
}

/** True when the point is an anomaly in the monitored direction. */
export function isAlerting(point: AnomalyPoint, direction: MonitorSpec['direction']): boolean {
  if (point.label === 'normal') return false;
  if (direction === 'both') return true;
  return direction === 'up' ? point.label === 'high' : point.label === 'low';
}
