/**
 * Rows of monitors, alerts and alert deliveries as the store keeps them. The store knows nothing of what a
 * monitor means (that is `core/alerts`): a monitor's definition and an alert's details are opaque JSON here,
 * so the store layer stays free of core types and the schema does not change when a monitor gains a field.
 */

/** A stored monitor. `definition` is the core's validated monitor spec, as JSON. */
export interface MonitorRecord {
  id: string;
  projectId: string;
  name: string;
  enabled: boolean;
  definition: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** When the last scan finished (ISO), its outcome (`ok` / `failed`) and error message. */
  lastRunAt: string | null;
  lastRunStatus: string | null;
  lastRunError: string | null;
}

/** Where an alert is in its life. */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** A stored alert: one per (project, monitor, period), whatever its status. */
export interface AlertRecord {
  id: string;
  projectId: string;
  monitorId: string;
  /** Start of the anomalous bucket (ISO-8601, UTC). */
  period: string;
  status: AlertStatus;
  severity: string;
  score: number;
  openedAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  /** `manual` or `auto` (back in band) once resolved. */
  resolution: string | null;
  /** The core's alert details (values, band, contributors, texts), as JSON. */
  details: Record<string, unknown>;
}

/** What may change on an alert after it was opened. */
export interface AlertUpdate {
  status?: AlertStatus;
  acknowledgedAt?: string | null;
  resolvedAt?: string | null;
  resolution?: string | null;
  details?: Record<string, unknown>;
  updatedAt: string;
}

/** One delivery attempt of an alert to one channel (the delivery log). */
export interface AlertDeliveryRecord {
  id: string;
  projectId: string;
  alertId: string;
  /** The channel's id within the monitor and its kind (`webhook`, `feishu`, `email`...). */
  channel: string;
  kind: string;
  /** Where it went, with secrets removed (host and path only, or the e-mail address). */
  target: string;
  attempt: number;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  at: string;
}

/** Filters of `listAlerts`; newest period first. */
export interface AlertQuery {
  monitorId?: string;
  status?: AlertStatus;
  limit: number;
  offset?: number;
}
