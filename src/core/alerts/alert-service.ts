import { NorthstarError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { EventStore } from '../../store/event-store.js';
import type { AlertDeliveryRecord, AlertStatus, MonitorRecord } from '../../store/monitor-records.js';
import { toAlertView, type AlertView } from './alert-view.js';
import { deliverAlert, type DeliveryOptions } from './delivery/deliver-alert.js';
import { checkTargetUrl, parseAllowList } from './delivery/ssrf-guard.js';
import type { SeriesProvider } from './metric-series.js';
import { startMonitorScheduler, type MonitorScheduler } from './monitor-scheduler.js';
import { monitorSchema, parseMonitor, type AlertLanguage, type MonitorSpec } from './monitor-spec.js';
import { scanMonitor, type ScanResult } from './scan-monitor.js';

/** A monitor as the API and CLI show it: its spec (secrets masked) and its last run. */
export interface MonitorView {
  id: string;
  projectId: string;
  name: string;
  enabled: boolean;
  spec: MonitorSpec;
  createdAt: string;
  updatedAt: string;
  lastRunAt: string | null;
  lastRunStatus: string | null;
  lastRunError: string | null;
}

/** An alert with its delivery log. */
export interface AlertDetail extends AlertView {
  deliveries: AlertDeliveryRecord[];
}

/** Settings of {@link createAlertService}. */
export interface AlertServiceOptions {
  store: EventStore;
  logger: Logger;
  /** Webhook allow-list entries (host names, IPs, CIDRs), timeouts, retries, SMTP. */
  delivery?: Omit<DeliveryOptions, 'allow'> & { allow?: readonly string[] };
  /** Language of alert texts when neither the channel nor the monitor names one. Default `en`. */
  defaultLanguage?: AlertLanguage;
  /** Clock (scans use it as `now` unless given one). */
  now?: () => Date;
}

/** Monitors, scans, alerts and the scheduler (docs/alerts.md). */
export interface AlertService {
  createMonitor(projectId: string, body: unknown): Promise<MonitorView>;
  listMonitors(projectId: string): Promise<MonitorView[]>;
  getMonitor(projectId: string, id: string): Promise<MonitorView>;
  setMonitorEnabled(projectId: string, id: string, enabled: boolean): Promise<MonitorView>;
  deleteMonitor(projectId: string, id: string): Promise<void>;
  /** Scans a monitor now (`now` anchors the buckets; default the clock). */
  runMonitor(projectId: string, id: string, now?: Date): Promise<ScanResult>;
  listAlerts(projectId: string, query?: { status?: AlertStatus; monitorId?: string; limit?: number; offset?: number }): Promise<AlertView[]>;
  getAlert(projectId: string, id: string): Promise<AlertDetail>;
  acknowledge(projectId: string, id: string): Promise<AlertView>;
  resolve(projectId: string, id: string): Promise<AlertView>;
  /** Registers a named series (e.g. `sentiment_index`) that monitors can watch with a `provider` source. */
  registerSeriesProvider(name: string, provider: SeriesProvider): void;
  /** Starts the in-process scheduler (what `serve` does); idempotent. */
  startScheduler(tickMs?: number): MonitorScheduler;
  /** Stops the scheduler, waiting for scans in flight. */
  stopScheduler(): Promise<void>;
}

const SECRET_MASK = '********';

function maskSecrets(spec: MonitorSpec): MonitorSpec {
  return {
    ...spec,
    channels: spec.channels.map((c) => {
      if (c.kind === 'email') return c;
      const url = c.kind === 'slack' || c.kind === 'wecom' || c.kind === 'dingtalk' || c.kind === 'feishu' ? maskUrl(c.url) : c.url;
      return 'secret' in c && c.secret !== undefined ? { ...c, url, secret: SECRET_MASK } : { ...c, url };
    }),
  };
}

/** Bot URLs carry their token in the path or query: show only the host and the start of the path. */
function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname.slice(0, 16)}…`;
  } catch {
    return SECRET_MASK;
  }
}

function view(record: MonitorRecord): MonitorView {
  const parsed = monitorSchema.safeParse(record.definition);
  const spec = parsed.success ? parsed.data : (record.definition as unknown as MonitorSpec);
  const { definition: _definition, ...rest } = record;
  return { ...rest, spec: maskSecrets(spec) };
}

function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return s === '' ? 'monitor' : s;
}

/** Creates the {@link AlertService} over a store. */
export function createAlertService(options: AlertServiceOptions): AlertService {
  const { store, logger } = options;
  const clock = options.now ?? (() => new Date());
  const providers = new Map<string, SeriesProvider>();
  const allow = parseAllowList(options.delivery?.allow ?? []);
  const deliveryOptions: DeliveryOptions = { ...(options.delivery ?? {}), allow };
  let scheduler: MonitorScheduler | undefined;

  async function requireProject(projectId: string): Promise<void> {
    if ((await store.getProject(projectId)) === undefined) throw new NorthstarError('NOT_FOUND', `no project "${projectId}"`, { details: { id: projectId } });
  }
  async function record(projectId: string, id: string): Promise<MonitorRecord> {
    await requireProject(projectId);
    const found = await store.getMonitor(projectId, id);
    if (found === undefined) throw new NorthstarError('NOT_FOUND', `no monitor "${id}" in project "${projectId}"`, { details: { id } });
    return found;
  }
  async function defaultLanguage(projectId: string): Promise<AlertLanguage> {
    const project = await store.getProject(projectId);
    return project?.settings.language ?? options.defaultLanguage ?? 'en';
  }
  const scanDeps = {
    store,
    logger,
    providers,
    defaultLanguage,
    deliver: (alert: AlertView, monitor: MonitorSpec, language: AlertLanguage) => deliverAlert({ store, logger, options: deliveryOptions }, alert, monitor.channels, language),
  };
  async function alertOf(projectId: string, id: string) {
    await requireProject(projectId);
    const found = await store.getAlert(projectId, id);
    if (found === undefined) throw new NorthstarError('NOT_FOUND', `no alert "${id}" in project "${projectId}"`, { details: { id } });
    return found;
  }

  const service: AlertService = {
    async createMonitor(projectId, body) {
      await requireProject(projectId);
      const spec = parseMonitor(body);
      // Refuse internal webhook targets when the monitor is made (IP literals, schemes); names are resolved and
      // checked again on every delivery, where the answer is the one connected to.
      for (const c of spec.channels) if (c.kind !== 'email') checkTargetUrl(c.url, allow);
      const id = spec.id ?? slug(spec.name);
      if ((await store.getMonitor(projectId, id)) !== undefined) {
        throw new NorthstarError('ALREADY_EXISTS', `a monitor "${id}" already exists in project "${projectId}"`, { details: { id } });
      }
      const at = clock().toISOString();
      const saved = await store.saveMonitor({
        id,
        projectId,
        name: spec.name,
        enabled: spec.enabled,
        definition: { ...spec, id } as unknown as Record<string, unknown>,
        createdAt: at,
        updatedAt: at,
        lastRunAt: null,
        lastRunStatus: null,
        lastRunError: null,
      });
      return view(saved);
    },
    async listMonitors(projectId) {
      await requireProject(projectId);
      return (await store.listMonitors(projectId)).map(view);
    },
    async getMonitor(projectId, id) {
      return view(await record(projectId, id));
    },
    async setMonitorEnabled(projectId, id, enabled) {
      const r = await record(projectId, id);
      const saved = await store.saveMonitor({ ...r, enabled, definition: { ...r.definition, enabled }, updatedAt: clock().toISOString() });
      return view(saved);
    },
    async deleteMonitor(projectId, id) {
      await record(projectId, id);
      await store.deleteMonitor(projectId, id);
    },
    async runMonitor(projectId, id, now) {
      return scanMonitor(scanDeps, await record(projectId, id), now ?? clock());
    },
    async listAlerts(projectId, query = {}) {
      await requireProject(projectId);
      const q: Parameters<EventStore['listAlerts']>[1] = { limit: Math.min(500, Math.max(1, query.limit ?? 100)) };
      if (query.offset !== undefined) q.offset = query.offset;
      if (query.status !== undefined) q.status = query.status;
      if (query.monitorId !== undefined) q.monitorId = query.monitorId;
      return (await store.listAlerts(projectId, q)).map(toAlertView);
    },
    async getAlert(projectId, id) {
      const a = await alertOf(projectId, id);
      return { ...toAlertView(a), deliveries: await store.listDeliveries(projectId, id) };
    },
    async acknowledge(projectId, id) {
      const a = await alertOf(projectId, id);
      if (a.status !== 'open') throw new NorthstarError('INVALID_ARGUMENT', `alert "${id}" is ${a.status}; only open alerts can be acknowledged`);
      const at = clock().toISOString();
      return toAlertView(await store.updateAlert(projectId, id, { status: 'acknowledged', acknowledgedAt: at, updatedAt: at }));
    },
    async resolve(projectId, id) {
      const a = await alertOf(projectId, id);
      if (a.status === 'resolved') return toAlertView(a);
      const at = clock().toISOString();
      return toAlertView(await store.updateAlert(projectId, id, { status: 'resolved', resolvedAt: at, resolution: 'manual', updatedAt: at }));
    },
    registerSeriesProvider(name, provider) {
      providers.set(name, provider);
    },
    startScheduler(tickMs) {
      scheduler ??= startMonitorScheduler(
        {
          logger,
          listMonitors: () => store.listMonitors(),
          everyMinutes: (m) => {
            const every = (m.definition as { everyMinutes?: unknown }).everyMinutes;
            return typeof every === 'number' && every > 0 ? every : 60;
          },
          scan: (m) => scanMonitor(scanDeps, m, clock()),
        },
        tickMs,
      );
      return scheduler;
    },
    async stopScheduler() {
      const s = scheduler;
      scheduler = undefined;
      await s?.stop();
    },
  };
  return service;
}

/** The alert settings of the app configuration (`config.alerts`), as `createNorthstar` takes them. */
export function alertOptionsFrom(settings: {
  readonly smtpUrl?: string;
  readonly smtpFrom?: string;
  readonly webhookAllow: readonly string[];
  readonly language: AlertLanguage;
}): Pick<AlertServiceOptions, 'delivery' | 'defaultLanguage'> {
  const delivery: NonNullable<AlertServiceOptions['delivery']> = { allow: settings.webhookAllow };
  if (settings.smtpUrl !== undefined) delivery.smtpUrl = settings.smtpUrl;
  if (settings.smtpFrom !== undefined) delivery.smtpFrom = settings.smtpFrom;
  return { delivery, defaultLanguage: settings.language };
}
