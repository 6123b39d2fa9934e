import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { NorthstarError } from '../../common/errors.js';
import type { AlertDeliveryRecord, AlertQuery, AlertRecord, AlertStatus, AlertUpdate, MonitorRecord } from '../monitor-records.js';
import { fromTimestamp, optionalNumber, optionalString, parseJsonColumn, requireTimestamp, toJsonText, toTimestampValue } from './duckdb-values.js';
import { inTransaction, queryRows, type Row } from './sql-helpers.js';

/**
 * Monitors, alerts and the delivery log. Writers run on the writer lane, so "look for the alert of this period,
 * then insert" is atomic with respect to every other write: that is the de-duplication of alerts (the tables
 * carry no UNIQUE constraint by design, see migrations.ts).
 */

const iso = (value: unknown): string => requireTimestamp(value).toISOString();
const isoOrNull = (value: unknown): string | null => fromTimestamp(value)?.toISOString() ?? null;
const ts = (value: string | null): DuckDBValue => (value === null ? null : toTimestampValue(new Date(value)));

function toMonitor(row: Row): MonitorRecord {
  return {
    id: String(row['id']),
    projectId: String(row['project_id']),
    name: String(row['name']),
    enabled: row['enabled'] === true,
    definition: parseJsonColumn<Record<string, unknown>>(row['definition'], {}),
    createdAt: iso(row['created_at']),
    updatedAt: iso(row['updated_at']),
    lastRunAt: isoOrNull(row['last_run_at']),
    lastRunStatus: optionalString(row['last_run_status']),
    lastRunError: optionalString(row['last_run_error']),
  };
}

function toAlert(row: Row): AlertRecord {
  return {
    id: String(row['id']),
    projectId: String(row['project_id']),
    monitorId: String(row['monitor_id']),
    period: iso(row['period']),
    status: String(row['status']) as AlertStatus,
    severity: String(row['severity']),
    score: optionalNumber(row['score']) ?? 0,
    openedAt: iso(row['opened_at']),
    updatedAt: iso(row['updated_at']),
    acknowledgedAt: isoOrNull(row['acknowledged_at']),
    resolvedAt: isoOrNull(row['resolved_at']),
    resolution: optionalString(row['resolution']),
    details: parseJsonColumn<Record<string, unknown>>(row['details'], {}),
  };
}

function toDelivery(row: Row): AlertDeliveryRecord {
  return {
    id: String(row['id']),
    projectId: String(row['project_id']),
    alertId: String(row['alert_id']),
    channel: String(row['channel']),
    kind: String(row['kind']),
    target: String(row['target']),
    attempt: optionalNumber(row['attempt']) ?? 0,
    ok: row['ok'] === true,
    httpStatus: optionalNumber(row['http_status']),
    error: optionalString(row['error']),
    at: iso(row['attempted_at']),
  };
}

async function requireProject(conn: DuckDBConnection, projectId: string): Promise<void> {
  const rows = await queryRows(conn, 'SELECT 1 AS x FROM projects WHERE id = $id LIMIT 1', { id: projectId });
  if (rows.length === 0) throw new NorthstarError('NOT_FOUND', `no project "${projectId}"`, { details: { id: projectId } });
}

/** Inserts or replaces a monitor (call on the writer lane). */
export async function saveMonitor(conn: DuckDBConnection, monitor: MonitorRecord): Promise<MonitorRecord> {
  if (monitor.id === '') throw new NorthstarError('INVALID_ARGUMENT', 'a monitor needs a non-empty id');
  await requireProject(conn, monitor.projectId);
  await inTransaction(conn, async () => {
    await conn.run('DELETE FROM monitors WHERE project_id = $project AND id = $id', { project: monitor.projectId, id: monitor.id });
    await conn.run(
      `INSERT INTO monitors VALUES ($project, $id, $name, $enabled, $definition, $created, $updated,
        $lastAt::TIMESTAMP, $lastStatus::VARCHAR, $lastError::VARCHAR)`,
      {
        project: monitor.projectId,
        id: monitor.id,
        name: monitor.name,
        enabled: monitor.enabled,
        definition: toJsonText(monitor.definition),
        created: ts(monitor.createdAt),
        updated: ts(monitor.updatedAt),
        lastAt: ts(monitor.lastRunAt),
        lastStatus: monitor.lastRunStatus,
        lastError: monitor.lastRunError,
      },
    );
  });
  return structuredClone(monitor);
}

/** One monitor, if any. */
export async function selectMonitor(conn: DuckDBConnection, projectId: string, id: string): Promise<MonitorRecord | undefined> {
  const rows = await queryRows(conn, 'SELECT * FROM monitors WHERE project_id = $project AND id = $id LIMIT 1', { project: projectId, id });
  return rows[0] === undefined ? undefined : toMonitor(rows[0]);
}

/** Monitors of a project, or of all projects. */
export async function selectMonitors(conn: DuckDBConnection, projectId?: string): Promise<MonitorRecord[]> {
  const rows =
    projectId === undefined
      ? await queryRows(conn, 'SELECT * FROM monitors ORDER BY project_id, created_at, id')
      : await queryRows(conn, 'SELECT * FROM monitors WHERE project_id = $project ORDER BY created_at, id', { project: projectId });
  return rows.map(toMonitor);
}

/** Deletes a monitor; true when one was there. */
export async function deleteMonitor(conn: DuckDBConnection, projectId: string, id: string): Promise<boolean> {
  const existing = await selectMonitor(conn, projectId, id);
  if (existing === undefined) return false;
  await conn.run('DELETE FROM monitors WHERE project_id = $project AND id = $id', { project: projectId, id });
  return true;
}

/** Stores the last scan's outcome; NOT_FOUND for an unknown monitor. */
export async function recordMonitorRun(
  conn: DuckDBConnection,
  projectId: string,
  id: string,
  run: { at: string; status: string; error: string | null },
): Promise<void> {
  if ((await selectMonitor(conn, projectId, id)) === undefined) {
    throw new NorthstarError('NOT_FOUND', `no monitor "${id}" in project "${projectId}"`, { details: { id } });
  }
  await conn.run(
    `UPDATE monitors SET last_run_at = $at, last_run_status = $status, last_run_error = $error::VARCHAR
     WHERE project_id = $project AND id = $id`,
    { project: projectId, id, at: ts(run.at), status: run.status, error: run.error },
  );
}

async function selectAlertByPeriod(conn: DuckDBConnection, alert: AlertRecord): Promise<AlertRecord | undefined> {
  const rows = await queryRows(
    conn,
    'SELECT * FROM alerts WHERE project_id = $project AND monitor_id = $monitor AND period = $period LIMIT 1',
    { project: alert.projectId, monitor: alert.monitorId, period: ts(alert.period) },
  );
  return rows[0] === undefined ? undefined : toAlert(rows[0]);
}

/** Opens an alert unless its (project, monitor, period) already has one (call on the writer lane). */
export async function openAlert(conn: DuckDBConnection, alert: AlertRecord): Promise<{ alert: AlertRecord; created: boolean }> {
  await requireProject(conn, alert.projectId);
  const existing = await selectAlertByPeriod(conn, alert);
  if (existing !== undefined) return { alert: existing, created: false };
  await conn.run(
    `INSERT INTO alerts VALUES ($project, $id, $monitor, $period, $status, $severity, $score, $opened, $updated,
      $acked::TIMESTAMP, $resolved::TIMESTAMP, $resolution::VARCHAR, $details)`,
    {
      project: alert.projectId,
      id: alert.id,
      monitor: alert.monitorId,
      period: ts(alert.period),
      status: alert.status,
      severity: alert.severity,
      score: Number.isFinite(alert.score) ? alert.score : 0,
      opened: ts(alert.openedAt),
      updated: ts(alert.updatedAt),
      acked: ts(alert.acknowledgedAt),
      resolved: ts(alert.resolvedAt),
      resolution: alert.resolution,
      details: toJsonText(alert.details),
    },
  );
  return { alert: structuredClone(alert), created: true };
}

/** One alert, if any. */
export async function selectAlert(conn: DuckDBConnection, projectId: string, id: string): Promise<AlertRecord | undefined> {
  const rows = await queryRows(conn, 'SELECT * FROM alerts WHERE project_id = $project AND id = $id LIMIT 1', { project: projectId, id });
  return rows[0] === undefined ? undefined : toAlert(rows[0]);
}

/** Applies an update to an alert and returns it as stored. */
export async function updateAlert(conn: DuckDBConnection, projectId: string, id: string, update: AlertUpdate): Promise<AlertRecord> {
  const existing = await selectAlert(conn, projectId, id);
  if (existing === undefined) throw new NorthstarError('NOT_FOUND', `no alert "${id}" in project "${projectId}"`, { details: { id } });
  const next: AlertRecord = { ...existing, updatedAt: update.updatedAt };
  if (update.status !== undefined) next.status = update.status;
  if (update.acknowledgedAt !== undefined) next.acknowledgedAt = update.acknowledgedAt;
  if (update.resolvedAt !== undefined) next.resolvedAt = update.resolvedAt;
  if (update.resolution !== undefined) next.resolution = update.resolution;
  if (update.details !== undefined) next.details = update.details;
  await conn.run(
    `UPDATE alerts SET status = $status, updated_at = $updated, acknowledged_at = $acked::TIMESTAMP,
       resolved_at = $resolved::TIMESTAMP, resolution = $resolution::VARCHAR, details = $details
     WHERE project_id = $project AND id = $id`,
    {
      project: projectId,
      id,
      status: next.status,
      updated: ts(next.updatedAt),
      acked: ts(next.acknowledgedAt),
      resolved: ts(next.resolvedAt),
      resolution: next.resolution,
      details: toJsonText(next.details),
    },
  );
  return structuredClone(next);
}

/** Alerts of a project, newest period first. */
export async function selectAlerts(conn: DuckDBConnection, projectId: string, query: AlertQuery): Promise<AlertRecord[]> {
  const where = ['project_id = $project'];
  const params: Record<string, DuckDBValue> = { project: projectId, limit: Math.max(0, Math.floor(query.limit)), offset: Math.max(0, Math.floor(query.offset ?? 0)) };
  if (query.monitorId !== undefined) {
    where.push('monitor_id = $monitor');
    params['monitor'] = query.monitorId;
  }
  if (query.status !== undefined) {
    where.push('status = $status');
    params['status'] = query.status;
  }
  const rows = await queryRows(
    conn,
    `SELECT * FROM alerts WHERE ${where.join(' AND ')} ORDER BY period DESC, opened_at DESC, id LIMIT $limit OFFSET $offset`,
    params,
  );
  return rows.map(toAlert);
}

/** Appends one row to the delivery log. */
export async function insertDelivery(conn: DuckDBConnection, d: AlertDeliveryRecord): Promise<void> {
  await conn.run(
    `INSERT INTO alert_deliveries VALUES ($project, $id, $alert, $channel, $kind, $target, $attempt, $ok,
      $status::INTEGER, $error::VARCHAR, $at)`,
    {
      project: d.projectId,
      id: d.id,
      alert: d.alertId,
      channel: d.channel,
      kind: d.kind,
      target: d.target,
      attempt: d.attempt,
      ok: d.ok,
      status: d.httpStatus,
      error: d.error,
      at: ts(d.at),
    },
  );
}

/** The delivery log of one alert, oldest first. */
export async function selectDeliveries(conn: DuckDBConnection, projectId: string, alertId: string): Promise<AlertDeliveryRecord[]> {
  const rows = await queryRows(
    conn,
    'SELECT * FROM alert_deliveries WHERE project_id = $project AND alert_id = $alert ORDER BY attempted_at, attempt, id',
    { project: projectId, alert: alertId },
  );
  return rows.map(toDelivery);
}
