import { newId } from '../../common/ids.js';
import type { Logger } from '../../common/logger.js';
import type { EventStore } from '../../store/event-store.js';
import type { AlertRecord, MonitorRecord } from '../../store/monitor-records.js';
import { jsonNumber, toAlertView, type AlertDetails, type AlertView } from './alert-view.js';
import { detectSeries, isAlerting, seasonalPeriod, type DetectedPoint } from './detect-series.js';
import { computeSeries, type MetricSeries, type SeriesDeps } from './metric-series.js';
import { parseMonitor, type AlertLanguage, type MonitorSpec } from './monitor-spec.js';
import { rankRootCauses, seasonalBaseline, type ElementObservation } from './root-cause.js';
import { relativeDeviation, severityOf } from './severity.js';

/** What one scan did. */
export interface ScanResult {
  monitorId: string;
  /** Buckets scanned and the newest one. */
  buckets: number;
  lastBucket: string | null;
  /** Anomalous buckets within the lookback, in the monitored direction and above the minimum volume. */
  anomalies: string[];
  opened: AlertView[];
  /** Anomalies that already had an alert for their bucket. */
  deduplicated: number;
  /** Anomalies inside the cool-down after an earlier alert. */
  cooledDown: number;
  /** Alerts resolved because the newest bucket is back in band. */
  autoResolved: string[];
}

/** What a scan needs. `deliver` sends an opened alert (errors are its own business). */
export interface ScanDeps extends SeriesDeps {
  store: EventStore;
  logger: Logger;
  deliver: (alert: AlertView, monitor: MonitorSpec, language: AlertLanguage) => Promise<unknown>;
  defaultLanguage: (projectId: string) => Promise<AlertLanguage>;
}

const CHART_POINTS = 60;

/** Root causes of the anomaly at bucket `index`: one breakdown query per candidate dimension. */
async function rootCauses(deps: ScanDeps, record: MonitorRecord, monitor: MonitorSpec, now: Date, index: number): Promise<Pick<AlertDetails, 'contributors' | 'dimensions'>> {
  if (monitor.source.kind === 'provider' || monitor.rootCause.dimensions.length === 0) return { contributors: [], dimensions: [] };
  const period = seasonalPeriod(monitor.interval);
  const isRate = monitor.source.kind !== 'trend';
  const dims: Array<{ dimension: string; elements: ElementObservation[] }> = [];
  for (const dimension of monitor.rootCause.dimensions) {
    const computed = await computeSeries(deps, record.projectId, monitor, now, { property: dimension, limit: monitor.rootCause.breakdownLimit });
    const byValue = computed.byValue ?? [];
    // A property no event carries gives one "null" value: nothing to rank.
    if (byValue.length < 2) continue;
    const elements = byValue.map(({ value, series }): ElementObservation => {
      const e: ElementObservation = {
        value,
        actualNum: series.numerator[index] ?? 0,
        expectedNum: orZero(seasonalBaseline(series.numerator, index, period)),
      };
      if (series.denominator !== null) {
        e.actualDen = series.denominator[index] ?? 0;
        e.expectedDen = orZero(seasonalBaseline(series.denominator, index, period));
      }
      return e;
    });
    dims.push({ dimension, elements });
  }
  return rankRootCauses(dims, isRate);
}

const orZero = (x: number): number => (Number.isFinite(x) ? x : 0);

function details(monitor: MonitorSpec, series: MetricSeries, points: DetectedPoint[], index: number): Omit<AlertDetails, 'contributors' | 'dimensions'> {
  const p = points[index]!;
  const actual = series.values[index]!;
  const from = Math.max(0, series.buckets.length - CHART_POINTS);
  const slice = <T>(xs: T[]): T[] => xs.slice(from);
  return {
    monitorName: monitor.name,
    interval: monitor.interval,
    isRate: monitor.source.kind !== 'trend' && monitor.source.kind !== 'provider',
    actual: jsonNumber(actual),
    expected: jsonNumber(p.expected),
    lower: jsonNumber(p.lower),
    upper: jsonNumber(p.upper),
    direction: p.label === 'low' ? 'low' : 'high',
    relativeChange: jsonNumber(p.expected !== 0 ? (actual - p.expected) / Math.abs(p.expected) : Number.NaN),
    volume: jsonNumber(series.volume[index] ?? Number.NaN),
    newestBucketAtOpen: series.buckets.at(-1) ?? '',
    chart: {
      buckets: slice(series.buckets),
      values: slice(series.values).map(jsonNumber),
      expected: slice(points).map((x) => jsonNumber(x.expected)),
      lower: slice(points).map((x) => jsonNumber(x.lower)),
      upper: slice(points).map((x) => jsonNumber(x.upper)),
    },
  };
}

/**
 * Scans one monitor at `now`: computes its series over the complete buckets, runs its detector, and opens an alert
 * (with severity, chart data and root causes) for each new anomaly among the newest `lookback` buckets — one per
 * (monitor, bucket), none inside the cool-down after an earlier one — then delivers it. Open alerts of earlier
 * scans are resolved when the newest bucket is back in band (`autoResolve`). Records the run on the monitor.
 */
export async function scanMonitor(deps: ScanDeps, record: MonitorRecord, now: Date): Promise<ScanResult> {
  const started = new Date().toISOString();
  try {
    const result = await scan(deps, record, now, started);
    await deps.store.recordMonitorRun(record.projectId, record.id, { at: new Date().toISOString(), status: 'ok', error: null });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.store
      .recordMonitorRun(record.projectId, record.id, { at: new Date().toISOString(), status: 'failed', error: message.slice(0, 1000) })
      .catch(() => undefined);
    throw error;
  }
}

async function scan(deps: ScanDeps, record: MonitorRecord, now: Date, started: string): Promise<ScanResult> {
  const monitor = parseMonitor(record.definition);
  const { total } = await computeSeries(deps, record.projectId, monitor, now);
  const points = detectSeries(monitor, total.values, total.buckets);
  const n = total.buckets.length;
  const result: ScanResult = { monitorId: record.id, buckets: n, lastBucket: total.buckets[n - 1] ?? null, anomalies: [], opened: [], deduplicated: 0, cooledDown: 0, autoResolved: [] };
  const existing = await deps.store.listAlerts(record.projectId, { monitorId: record.id, limit: 1000 });
  const periods = existing.map((a) => Date.parse(a.period));
  const cooldownMs = monitor.cooldownMinutes * 60_000;
  let language: AlertLanguage | undefined;

  for (let i = Math.max(0, n - monitor.lookback); i < n; i++) {
    const p = points[i]!;
    const value = total.values[i]!;
    if (!Number.isFinite(value) || !isAlerting(p, monitor.direction) || (total.volume[i] ?? 0) < monitor.minVolume) continue;
    const bucket = total.buckets[i]!;
    result.anomalies.push(bucket);
    const t = Date.parse(bucket);
    if (periods.includes(t)) {
      result.deduplicated++;
      continue;
    }
    if (periods.some((pt) => t > pt && t - pt < cooldownMs)) {
      result.cooledDown++;
      continue;
    }
    const base = details(monitor, total, points, i);
    let causes: Pick<AlertDetails, 'contributors' | 'dimensions'> & { rootCauseError?: string };
    try {
      causes = await rootCauses(deps, record, monitor, now, i);
    } catch (error) {
      // An alert without root causes is still an alert.
      causes = { contributors: [], dimensions: [], rootCauseError: error instanceof Error ? error.message : String(error) };
    }
    const severity = severityOf(p.score, relativeDeviation(value, p.expected));
    const openedAt = new Date().toISOString();
    const alert: AlertRecord = {
      id: newId('alt'),
      projectId: record.projectId,
      monitorId: record.id,
      period: bucket,
      status: 'open',
      severity,
      score: p.score,
      openedAt,
      updatedAt: openedAt,
      acknowledgedAt: null,
      resolvedAt: null,
      resolution: null,
      details: { ...base, ...causes } as unknown as Record<string, unknown>,
    };
    const stored = await deps.store.openAlert(alert);
    periods.push(t);
    if (!stored.created) {
      result.deduplicated++;
      continue;
    }
    const view = toAlertView(stored.alert);
    result.opened.push(view);
    language ??= monitor.language ?? (await deps.defaultLanguage(record.projectId));
    await deps.deliver(view, monitor, language);
  }

  // Back in band: a bucket that was not complete yet when the alert opened has a value and is not anomalous in the
  // watched direction (a backfilled past incident stays open until fresh data says the metric recovered).
  const last = points[n - 1];
  const newest = total.buckets[n - 1];
  if (monitor.autoResolve && last !== undefined && newest !== undefined && Number.isFinite(total.values[n - 1]!) && !isAlerting(last, monitor.direction)) {
    for (const a of existing) {
      const seen = String((a.details as { newestBucketAtOpen?: unknown }).newestBucketAtOpen ?? a.period);
      if (a.status === 'resolved' || a.openedAt >= started || Date.parse(newest) <= Date.parse(seen)) continue;
      const at = new Date().toISOString();
      await deps.store.updateAlert(record.projectId, a.id, { status: 'resolved', resolvedAt: at, resolution: 'auto', updatedAt: at });
      result.autoResolved.push(a.id);
    }
  }
  return result;
}
