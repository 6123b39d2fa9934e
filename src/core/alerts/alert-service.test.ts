import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { silentLogger } from '../../common/logger.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import { createAlertService, type AlertService } from './alert-service.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T06:00:00Z');

/** A daily series ending yesterday: level 100 with seeded noise and a weekly bump, `overrides` by days-ago. */
function dailySeries(seed: number, days: number, overrides: Record<number, number> = {}): Array<{ bucket: string; value: number }> {
  const rng = createRng(seed);
  const today = Math.floor(NOW.getTime() / DAY) * DAY;
  const out: Array<{ bucket: string; value: number }> = [];
  for (let ago = days; ago >= 1; ago--) {
    const t = today - ago * DAY;
    const weekly = new Date(t).getUTCDay() === 6 ? 20 : 0;
    out.push({ bucket: new Date(t).toISOString(), value: overrides[ago] ?? 100 + weekly + (rng.next() - 0.5) * 6 });
  }
  return out;
}

describe('alert service: scans, de-duplication, cool-down, acknowledge/resolve', () => {
  let store: EventStore;
  let alerts: AlertService;
  let series: Array<{ bucket: string; value: number }>;
  beforeEach(async () => {
    store = await createDuckDbStore({ path: ':memory:' });
    await store.createProject({ id: 'p1', name: 'Shop', token: 'phc_p1' });
    alerts = createAlertService({ store, logger: silentLogger, now: () => NOW });
    series = dailySeries(1, 60);
    alerts.registerSeriesProvider('test_series', async () => series);
  });
  afterEach(async () => {
    await alerts.stopScheduler();
    await store.close();
  });

  const create = (extra: Record<string, unknown> = {}) =>
    alerts.createMonitor('p1', { name: 'Test series', source: { kind: 'provider', name: 'test_series' }, lookback: 10, holidays: false, ...extra });

  it('validates monitors and refuses duplicates and internal webhook targets', async () => {
    const m = await create();
    expect(m).toMatchObject({ id: 'test-series', enabled: true, spec: { detector: 'seasonal', interval: 'day', history: 56, direction: 'both' } });
    await expect(create()).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(alerts.createMonitor('p1', { name: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(alerts.createMonitor('p1', { name: 'x', source: { kind: 'nope' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(create({ id: 'hook', channels: [{ kind: 'webhook', id: 'a', url: 'http://169.254.169.254/latest' }] })).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    await expect(alerts.createMonitor('nope', { name: 'x', source: { kind: 'provider', name: 'test_series' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Secrets never come back.
    const withSecret = await create({ id: 'fs', channels: [{ kind: 'feishu', id: 'f', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef', secret: 'top' }] });
    expect(JSON.stringify(withSecret)).not.toContain('top"');
    expect(JSON.stringify(withSecret)).not.toContain('0123456789abcdef');
  });

  it('opens one alert for a spike, then de-duplicates it on the next scan', async () => {
    series = dailySeries(1, 60, { 3: 400 });
    await create();
    const first = await alerts.runMonitor('p1', 'test-series');
    expect(first.opened).toHaveLength(1);
    const alert = first.opened[0]!;
    expect(alert.period).toBe(new Date(Math.floor(NOW.getTime() / DAY) * DAY - 3 * DAY).toISOString());
    expect(alert).toMatchObject({ status: 'open', severity: 'critical', details: { direction: 'high', actual: 400 } });
    expect(alert.details.upper!).toBeLessThan(400);
    const second = await alerts.runMonitor('p1', 'test-series');
    expect(second.opened).toEqual([]);
    expect(second.deduplicated).toBe(1);
    // No bucket newer than the alert's scan has come in: it stays open.
    expect(second.autoResolved).toEqual([]);
    expect((await alerts.getMonitor('p1', 'test-series')).lastRunStatus).toBe('ok');
  });

  it('watches one direction only when asked, and keeps low-volume buckets quiet', async () => {
    series = dailySeries(1, 60, { 3: 400 });
    await create({ direction: 'down' });
    expect((await alerts.runMonitor('p1', 'test-series')).opened).toEqual([]);
  });

  it('suppresses a second anomaly inside the cool-down, not after it', async () => {
    series = dailySeries(2, 60, { 5: 400, 4: 10 });
    await create({ id: 'cool', cooldownMinutes: 2 * 24 * 60 });
    const r = await alerts.runMonitor('p1', 'cool');
    expect(r.opened).toHaveLength(1);
    expect(r.cooledDown).toBe(1);
    await create({ id: 'nocool', cooldownMinutes: 0 });
    expect((await alerts.runMonitor('p1', 'nocool')).opened).toHaveLength(2);
  });

  it('acknowledges, resolves, and auto-resolves once the newest bucket is back in band', async () => {
    series = dailySeries(3, 60, { 1: 400 });
    await create();
    const [alert] = (await alerts.runMonitor('p1', 'test-series')).opened;
    const acked = await alerts.acknowledge('p1', alert!.id);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedAt: NOW.toISOString() });
    await expect(alerts.acknowledge('p1', alert!.id)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // Still anomalous: nothing resolves.
    expect((await alerts.runMonitor('p1', 'test-series')).autoResolved).toEqual([]);
    // A day later the newest bucket is normal again.
    const later = new Date(NOW.getTime() + DAY);
    series = [...series, { bucket: new Date(Math.floor(NOW.getTime() / DAY) * DAY).toISOString(), value: 101 }];
    const scan = await alerts.runMonitor('p1', 'test-series', later);
    expect(scan.autoResolved).toEqual([alert!.id]);
    expect((await alerts.getAlert('p1', alert!.id))).toMatchObject({ status: 'resolved', resolution: 'auto', deliveries: [] });

    series = dailySeries(4, 60, { 2: 400 });
    await create({ id: 'manual', autoResolve: false });
    const [other] = (await alerts.runMonitor('p1', 'manual')).opened;
    expect(await alerts.resolve('p1', other!.id)).toMatchObject({ status: 'resolved', resolution: 'manual' });
    expect((await alerts.listAlerts('p1', { status: 'open' })).map((a) => a.id)).toEqual([]);
    await expect(alerts.getAlert('p1', 'alt_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['empty', []],
    ['constant', dailySeries(5, 60).map((p) => ({ ...p, value: 7 }))],
    ['too short', dailySeries(5, 3)],
    ['all NaN', dailySeries(5, 60).map((p) => ({ ...p, value: Number.NaN }))],
    ['duplicate timestamps', [...dailySeries(5, 60), ...dailySeries(6, 60)]],
    ['unparsable buckets', [{ bucket: 'yesterday', value: 3 }]],
  ])('bad input (%s): a defined scan with no alert', async (_name, input) => {
    series = input;
    await create();
    const r = await alerts.runMonitor('p1', 'test-series');
    expect(r).toMatchObject({ buckets: 56, opened: [] });
  });

  it('records a failing scan on the monitor and rethrows it', async () => {
    await alerts.createMonitor('p1', { name: 'Missing provider', source: { kind: 'provider', name: 'nope' } });
    await expect(alerts.runMonitor('p1', 'missing-provider')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await alerts.getMonitor('p1', 'missing-provider')).toMatchObject({ lastRunStatus: 'failed', lastRunError: expect.stringContaining('no series provider') });
  });

  it('the scheduler scans due monitors, survives a failing one and never overlaps a monitor', async () => {
    series = dailySeries(7, 60, { 2: 400 });
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    alerts.registerSeriesProvider('slow', async () => {
      calls++;
      await gate;
      return series;
    });
    await alerts.createMonitor('p1', { name: 'Broken', source: { kind: 'provider', name: 'missing' } });
    await create();
    await alerts.createMonitor('p1', { name: 'Slow', source: { kind: 'provider', name: 'slow' }, holidays: false });
    await alerts.createMonitor('p1', { name: 'Off', enabled: false, source: { kind: 'provider', name: 'test_series' } });
    const scheduler = alerts.startScheduler(60_000);
    await scheduler.tick();
    await scheduler.tick();
    expect(calls).toBe(1);
    expect(scheduler.running.has('p1/slow')).toBe(true);
    release();
    await alerts.stopScheduler();
    expect(scheduler.running.size).toBe(0);
    expect(await alerts.getMonitor('p1', 'broken')).toMatchObject({ lastRunStatus: 'failed' });
    expect(await alerts.getMonitor('p1', 'test-series')).toMatchObject({ lastRunStatus: 'ok' });
    expect(await alerts.getMonitor('p1', 'off')).toMatchObject({ lastRunAt: null });
    expect((await alerts.listAlerts('p1')).map((a) => a.monitorId).sort()).toEqual(['slow', 'test-series']);
  });
});

describe('alert texts follow the project language', () => {
  it('delivers in the project’s zh-CN unless the channel says otherwise; a Chinese-only name gets the id "monitor"', async () => {
    const { createServer } = await import('node:http');
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const store = await createDuckDbStore({ path: ':memory:' });
    try {
      await store.createProject({ id: 'p1', name: 'Shop', token: 'phc_p1', settings: { language: 'zh-CN' } });
      const alerts = createAlertService({ store, logger: silentLogger, now: () => NOW, delivery: { allow: ['127.0.0.1'], backoffMs: 1 } });
      alerts.registerSeriesProvider('s', async () => dailySeries(8, 60, { 2: 500 }));
      const monitor = await alerts.createMonitor('p1', {
        name: '支付成功数',
        source: { kind: 'provider', name: 's' },
        holidays: false,
        channels: [
          { kind: 'slack', id: 'zh', url: `http://127.0.0.1:${port}/a` },
          { kind: 'slack', id: 'en', url: `http://127.0.0.1:${port}/b`, language: 'en' },
        ],
      });
      expect(monitor.id).toBe('monitor');
      expect((await alerts.runMonitor('p1', 'monitor')).opened).toHaveLength(1);
    } finally {
      await store.close();
      server.close();
    }
    expect(bodies).toHaveLength(2);
    expect((JSON.parse(bodies[0]!) as { text: string }).text).toContain('【严重】支付成功数');
    expect((JSON.parse(bodies[1]!) as { text: string }).text).toContain('[CRITICAL] 支付成功数 rose');
  });
});
