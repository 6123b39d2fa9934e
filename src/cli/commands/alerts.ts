import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { AlertView, MonitorView, ScanResult } from '../../core/index.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson, withNorthstar } from '../open-northstar.js';
import { intArg, requiredArg, stringArg } from '../parse-args.js';

const projectArg = { type: 'string', description: 'Project id', default: 'demo-shop', valueHint: 'id' } as const;
const jsonArg = { type: 'boolean', description: 'Print JSON' } as const;

function fmtValue(x: number | null, isRate: boolean): string {
  if (x === null) return '—';
  return isRate ? `${(x * 100).toFixed(1)}%` : String(Math.round(x * 100) / 100);
}

function alertRows(alerts: readonly AlertView[]): string {
  return renderTable(
    ['id', 'monitor', 'period', 'severity', 'status', 'actual', 'expected', 'top cause'],
    alerts.map((a) => {
      const top = a.details.contributors[0];
      return [
        a.id,
        a.monitorId,
        a.period.slice(0, a.details.interval === 'hour' ? 16 : 10),
        a.severity,
        a.status,
        fmtValue(a.details.actual, a.details.isRate),
        fmtValue(a.details.expected, a.details.isRate),
        top === undefined ? '—' : `${top.dimension}=${top.value ?? '(none)'} (${Math.round(top.contribution * 100)}%)`,
      ];
    }),
  );
}

/** Reads a monitor definition from `--spec` (inline JSON or @file) or builds one from the quick flags. */
async function monitorBody(io: CliIo, args: Record<string, unknown>): Promise<unknown> {
  const spec = stringArg(args['spec']);
  if (spec !== undefined) {
    const text = spec.startsWith('@') ? await readFile(path.resolve(io.cwd, spec.slice(1)), 'utf8') : spec;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new NorthstarError('INVALID_JSON', `--spec is not valid JSON: ${(error as Error).message}`);
    }
  }
  const name = requiredArg('name', args['name'], 'northstar monitors create --name "Daily orders" --event order_completed');
  const event = stringArg(args['event']);
  const from = stringArg(args['from']);
  const to = stringArg(args['to']);
  let source: unknown;
  if (from !== undefined && to !== undefined) source = { kind: 'conversion', from: { event: from }, to: { event: to } };
  else if (event !== undefined) source = { kind: 'trend', spec: { series: [{ event, math: stringArg(args['math']) ?? 'total' }] } };
  else throw new NorthstarError('INVALID_ARGUMENT', 'give --event (a trend) or --from and --to (a conversion), or a whole --spec', { hint: 'Run `northstar monitors create --help` for examples.' });
  const body: Record<string, unknown> = { name, source };
  for (const key of ['id', 'interval', 'detector', 'sensitivity', 'direction'] as const) {
    const v = stringArg(args[key]);
    if (v !== undefined) body[key] = v;
  }
  const lookback = intArg('lookback', args['lookback'], 1, 200);
  if (lookback !== undefined) body['lookback'] = lookback;
  return body;
}

/** `northstar monitors list|create|run`. */
export function monitorsCommand(io: CliIo): CommandDef {
  const list = defineNorthstarCommand({
    meta: { name: 'list', description: 'List the monitors of a project with their detector and last scan.' },
    args: { project: projectArg, json: jsonArg },
    examples: ['northstar monitors list', 'northstar monitors list --project my-app --json'],
    async run({ args }) {
      const monitors: MonitorView[] = await withNorthstar(io, (ns) => ns.alerts.listMonitors(String(args.project)));
      if (args.json === true) return printJson(io, monitors);
      if (monitors.length === 0) return io.out('No monitors yet. Create one with `northstar monitors create --help`.\n');
      io.out(
        renderTable(
          ['id', 'name', 'source', 'interval', 'detector', 'direction', 'enabled', 'last run'],
          monitors.map((m) => [m.id, m.name, m.spec.source.kind, m.spec.interval, `${m.spec.detector}/${m.spec.sensitivity}`, m.spec.direction, m.enabled ? 'yes' : 'no', m.lastRunAt === null ? 'never' : `${m.lastRunAt.slice(0, 19)} ${m.lastRunStatus ?? ''}`]),
        ),
      );
    },
  });
  const create = defineNorthstarCommand({
    meta: { name: 'create', description: 'Create a monitor from quick flags (a trend or a conversion) or a whole JSON definition (docs/alerts.md).' },
    args: {
      project: projectArg,
      name: { type: 'string', description: 'Display name', valueHint: 'text' },
      id: { type: 'string', description: 'Monitor id (default: from the name)', valueHint: 'slug' },
      event: { type: 'string', description: 'Watch the daily count of this event (a trend)', valueHint: 'event' },
      math: { type: 'string', description: 'With --event: total (default) or unique_users', valueHint: 'math' },
      from: { type: 'string', description: 'Conversion: users doing this event...', valueHint: 'event' },
      to: { type: 'string', description: '...who also do this one in the same bucket', valueHint: 'event' },
      interval: { type: 'string', description: 'hour, day (default) or week', valueHint: 'interval' },
      detector: { type: 'string', description: 'seasonal (default), seasonal-hybrid-esd, esd or change-point', valueHint: 'name' },
      sensitivity: { type: 'string', description: 'low, medium (default) or high', valueHint: 'level' },
      direction: { type: 'string', description: 'up, down or both (default)', valueHint: 'dir' },
      lookback: { type: 'string', description: 'How many newest buckets may open alerts (default 7)', valueHint: 'n' },
      spec: { type: 'string', description: 'The whole monitor as JSON, or @file.json', valueHint: 'json' },
      json: jsonArg,
    },
    examples: [
      'northstar monitors create --name "Daily orders" --event order_completed --direction down',
      'northstar monitors create --name "Checkout conversion" --from checkout_started --to order_completed --sensitivity high',
      'northstar monitors create --project my-app --spec @monitor.json --json',
    ],
    async run({ args }) {
      const body = await monitorBody(io, args as Record<string, unknown>);
      const created = await withNorthstar(io, (ns) => ns.alerts.createMonitor(String(args.project), body));
      if (args.json === true) return printJson(io, created);
      io.out(`Created monitor ${created.id} (${created.name}); scan it now with \`northstar monitors run ${created.id} --project ${created.projectId}\`\n`);
    },
  });
  const run = defineNorthstarCommand({
    meta: { name: 'run', description: 'Scan a monitor now: open alerts for new anomalies (with root causes) and deliver them.' },
    args: {
      id: { type: 'positional', description: 'Monitor id', required: true },
      project: projectArg,
      now: { type: 'string', description: 'Scan as of this ISO time (default: now)', valueHint: 'iso' },
      json: jsonArg,
    },
    examples: ['northstar monitors run checkout-conversion', 'northstar monitors run orders-daily --now 2026-11-28T09:00:00Z --json'],
    async run({ args }) {
      const nowText = stringArg(args.now);
      const now = nowText === undefined ? undefined : new Date(nowText);
      if (now !== undefined && Number.isNaN(now.getTime())) throw new NorthstarError('INVALID_ARGUMENT', `--now must be an ISO time, got "${nowText}"`);
      const result: ScanResult = await withNorthstar(io, (ns) => ns.alerts.runMonitor(String(args.project), String(args.id), now));
      if (args.json === true) return printJson(io, result);
      io.out(
        `Scanned ${result.buckets} buckets up to ${result.lastBucket?.slice(0, 10) ?? '—'}: ${result.anomalies.length} anomalous, ` +
          `${result.opened.length} new alert(s), ${result.deduplicated} already alerted, ${result.cooledDown} in cool-down, ${result.autoResolved.length} auto-resolved\n`,
      );
      if (result.opened.length > 0) io.out(alertRows(result.opened));
    },
  });
  return defineNorthstarCommand({
    meta: { name: 'monitors', description: 'Metric monitors: list, create, and scan now (docs/alerts.md).' },
    subCommands: { list, create, run },
    examples: ['northstar monitors list', 'northstar monitors run checkout-conversion'],
  });
}

/** `northstar alerts list|show|ack|resolve`. */
export function alertsCommand(io: CliIo): CommandDef {
  const list = defineNorthstarCommand({
    meta: { name: 'list', description: 'List alerts, newest first, with severity, status and the top root cause.' },
    args: {
      project: projectArg,
      status: { type: 'string', description: 'open, acknowledged or resolved', valueHint: 'status' },
      monitor: { type: 'string', description: 'Only this monitor', valueHint: 'id' },
      limit: { type: 'string', description: 'At most this many (default 100)', valueHint: 'n' },
      json: jsonArg,
    },
    examples: ['northstar alerts list', 'northstar alerts list --status open --json'],
    async run({ args }) {
      const status = stringArg(args.status);
      if (status !== undefined && !['open', 'acknowledged', 'resolved'].includes(status)) {
        throw new NorthstarError('INVALID_ARGUMENT', `--status must be open, acknowledged or resolved, got "${status}"`);
      }
      const query: { status?: 'open' | 'acknowledged' | 'resolved'; monitorId?: string; limit?: number } = {};
      if (status !== undefined) query.status = status as 'open' | 'acknowledged' | 'resolved';
      const monitor = stringArg(args.monitor);
      if (monitor !== undefined) query.monitorId = monitor;
      const limit = intArg('limit', args.limit, 1, 500);
      if (limit !== undefined) query.limit = limit;
      const alerts = await withNorthstar(io, (ns) => ns.alerts.listAlerts(String(args.project), query));
      if (args.json === true) return printJson(io, alerts);
      io.out(alerts.length === 0 ? 'No alerts.\n' : alertRows(alerts));
    },
  });
  const show = defineNorthstarCommand({
    meta: { name: 'show', description: 'Show one alert: values, band, root-cause contributors and the delivery log.' },
    args: { id: { type: 'positional', description: 'Alert id', required: true }, project: projectArg, json: jsonArg },
    examples: ['northstar alerts show alt_x1y2z3 --json'],
    async run({ args }) {
      const alert = await withNorthstar(io, (ns) => ns.alerts.getAlert(String(args.project), String(args.id)));
      if (args.json === true) return printJson(io, alert);
      const d = alert.details;
      io.out(`${alert.id}  ${d.monitorName}  ${alert.period}  ${alert.severity}  ${alert.status}\n`);
      io.out(`actual ${fmtValue(d.actual, d.isRate)}  expected ${fmtValue(d.expected, d.isRate)}  band ${fmtValue(d.lower, d.isRate)} – ${fmtValue(d.upper, d.isRate)}\n`);
      if (d.contributors.length > 0) {
        io.out(renderTable(['dimension', 'value', 'actual', 'expected', 'explains', 'surprise'], d.contributors.map((c) => [c.dimension, c.value ?? '(none)', fmtValue(c.actual, d.isRate), fmtValue(c.expected, d.isRate), `${Math.round(c.contribution * 100)}%`, c.surprise.toFixed(3)])));
      }
      for (const x of alert.deliveries) io.out(`delivery ${x.channel} (${x.kind}) attempt ${x.attempt}: ${x.ok ? 'ok' : `failed: ${x.error ?? ''}`}\n`);
    },
  });
  const action = (name: 'ack' | 'resolve') =>
    defineNorthstarCommand({
      meta: { name, description: name === 'ack' ? 'Acknowledge an open alert (someone is on it).' : 'Resolve an alert.' },
      args: { id: { type: 'positional', description: 'Alert id', required: true }, project: projectArg, json: jsonArg },
      examples: [`northstar alerts ${name} alt_x1y2z3`, `northstar alerts ${name} alt_x1y2z3 --project my-app --json`],
      async run({ args }) {
        const alert = await withNorthstar(io, (ns) => (name === 'ack' ? ns.alerts.acknowledge(String(args.project), String(args.id)) : ns.alerts.resolve(String(args.project), String(args.id))));
        if (args.json === true) return printJson(io, alert);
        io.out(`Alert ${alert.id} is ${alert.status}.\n`);
      },
    });
  return defineNorthstarCommand({
    meta: { name: 'alerts', description: 'Alerts opened by monitors: list, show, acknowledge, resolve (docs/alerts.md).' },
    subCommands: { list, show, ack: action('ack'), resolve: action('resolve') },
    examples: ['northstar alerts list --status open', 'northstar alerts ack alt_x1y2z3'],
  });
}
