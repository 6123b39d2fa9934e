import type { AlertRecord, AlertStatus } from '../../store/monitor-records.js';
import type { Contributor, DimensionRank } from './root-cause.js';
import type { Severity } from './severity.js';

/** Numbers as JSON carries them: NaN and ±∞ become null. */
export type JsonNumber = number | null;

/** JSON-safe number. */
export function jsonNumber(x: number): JsonNumber {
  return Number.isFinite(x) ? x : null;
}

/** What an alert records about its anomaly (stored as the alert's details). */
export interface AlertDetails {
  monitorName: string;
  interval: 'hour' | 'day' | 'week';
  /** True for rates (conversion, funnel, retention): values are fractions. */
  isRate: boolean;
  actual: JsonNumber;
  expected: JsonNumber;
  lower: JsonNumber;
  upper: JsonNumber;
  /** `high` (above the band) or `low`. */
  direction: 'high' | 'low';
  /** Signed (actual − expected) / expected. */
  relativeChange: JsonNumber;
  volume: JsonNumber;
  /** The newest complete bucket when the alert opened: auto-resolve waits for a newer one that is back in band. */
  newestBucketAtOpen: string;
  /** The series around the alert for the chart: values, expected value and band per bucket. */
  chart: { buckets: string[]; values: JsonNumber[]; expected: JsonNumber[]; lower: JsonNumber[]; upper: JsonNumber[] };
  contributors: Contributor[];
  dimensions: DimensionRank[];
  /** Why no root cause could be computed, when it failed (the alert is opened anyway). */
  rootCauseError?: string;
}

/** An alert as the API and CLI show it. */
export interface AlertView {
  id: string;
  projectId: string;
  monitorId: string;
  period: string;
  status: AlertStatus;
  severity: Severity;
  score: number;
  openedAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  details: AlertDetails;
}

/** The view of a stored alert (details are the core's own JSON). */
export function toAlertView(record: AlertRecord): AlertView {
  return { ...record, severity: record.severity as Severity, details: record.details as unknown as AlertDetails };
}
