import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../common/rng.js';
import type { EventStore } from '../core/index.js';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

type NewEvent = Parameters<EventStore['writeEvents']>[0]['events'][number];

const DAY = 86_400_000;
const NOW = '2026-06-01T06:00:00.000Z';
const SPIKE_DAYS_AGO = 3;

/** 50 days of `signup` events on ios/web, android tripling on one day. */
function signupEvents(): NewEvent[] {
  const rng = createRng(9);
  const today = Math.floor(Date.parse(NOW) / DAY) * DAY;
  const events: NewEvent[] = [];
  for (let ago = 50; ago >= 1; ago--) {
    for (const [platform, base] of [['ios', 30], ['android', 25], ['web', 20]] as const) {
      const n = Math.round((platform === 'android' && ago === SPIKE_DAYS_AGO ? base * 3 : base) + (rng.next() - 0.5) * 4);
      for (let k = 0; k < n; k++) {
        const ts = new Date(today - ago * DAY + Math.floor(rng.next() * DAY));
        events.push({ uuid: `e-${ago}-${platform}-${k}`, event: 'signup', distinctId: `u-${ago}-${platform}-${k}`, timestamp: ts, receivedAt: ts, properties: { platform }, sessionId: null });
      }
    }
  }
  return events;
}

let t: TestApp;
let base: string;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await makeTestApp();
  base = `/api/projects/${t.project.id}`;
  auth = bearer(t.project.apiKey);
  await t.northstar.store.writeEvents({ projectId: t.project.id, events: signupEvents(), quarantine: [] });
});
afterAll(async () => {
  await t.close();
});

const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `${base}${url}`, headers: auth, ...(payload === undefined ? {} : { payload }) });

describe('monitors and alerts over HTTP', () => {
  let alertId = '';

  it('creates a monitor, refuses a bad one with the zod issues, and lists it', async () => {
    const created = await req('POST', '/monitors', {
      name: '注册数 / Signups',
      source: { kind: 'trend', spec: { series: [{ event: 'signup' }] } },
      lookback: 7,
      holidays: false,
      rootCause: { dimensions: ['platform', 'country'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'signups', name: '注册数 / Signups', spec: { detector: 'seasonal', sensitivity: 'medium' } });
    const bad = await req('POST', '/monitors', { name: 'x', source: { kind: 'trend', spec: { series: [] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { issues: expect.any(Array) } });
    const ssrf = await req('POST', '/monitors', { name: 'y', source: { kind: 'trend', spec: { series: [{ event: 'signup' }] } }, channels: [{ kind: 'slack', id: 's', url: 'http://[::ffff:127.0.0.1]/x' }] });
    expect(ssrf.statusCode).toBe(400);
    expect(ssrf.json().error.code).toBe('WEBHOOK_TARGET_REFUSED');
    expect((await req('GET', '/monitors')).json().monitors.map((m: { id: string }) => m.id)).toEqual(['signups']);
    expect((await req('GET', '/monitors/nope')).statusCode).toBe(404);
  });

  it('runs a scan now: one alert on the spike with android as the cause', async () => {
    const run = await req('POST', `/monitors/signups/run?now=${NOW}`);
    expect(run.statusCode).toBe(200);
    const scan = run.json();
    expect(scan.opened).toHaveLength(1);
    const alert = scan.opened[0];
    expect(alert.period).toBe(new Date(Math.floor(Date.parse(NOW) / DAY) * DAY - SPIKE_DAYS_AGO * DAY).toISOString());
    expect(alert.details.direction).toBe('high');
    expect(alert.details.contributors[0]).toMatchObject({ dimension: 'platform', value: 'android' });
    alertId = alert.id;
    // The second scan only de-duplicates.
    expect((await req('POST', `/monitors/signups/run?now=${NOW}`)).json()).toMatchObject({ opened: [], deduplicated: 1 });
  });

  it('lists, reads, acknowledges and resolves alerts', async () => {
    const list = (await req('GET', '/alerts?status=open')).json();
    expect(list.alerts.map((a: { id: string }) => a.id)).toEqual([alertId]);
    const detail = (await req('GET', `/alerts/${alertId}`)).json();
    expect(detail).toMatchObject({ id: alertId, monitorId: 'signups', status: 'open', deliveries: [] });
    expect(detail.details.chart.buckets.length).toBe(detail.details.chart.values.length);
    expect((await req('POST', `/alerts/${alertId}/ack`)).json()).toMatchObject({ status: 'acknowledged' });
    expect((await req('POST', `/alerts/${alertId}/ack`)).statusCode).toBe(400);
    expect((await req('POST', `/alerts/${alertId}/resolve`)).json()).toMatchObject({ status: 'resolved', resolution: 'manual' });
    expect((await req('GET', '/alerts?status=open')).json().alerts).toEqual([]);
    expect((await req('GET', '/alerts/alt_missing')).statusCode).toBe(404);
    expect((await req('GET', '/alerts?status=bogus')).statusCode).toBe(400);
  });

  it('disables and deletes a monitor; alerts stay as history', async () => {
    expect((await req('PATCH', '/monitors/signups', { enabled: false })).json()).toMatchObject({ enabled: false, spec: { enabled: false } });
    expect((await req('DELETE', '/monitors/signups')).statusCode).toBe(204);
    expect((await req('GET', '/monitors')).json().monitors).toEqual([]);
    expect((await req('GET', '/alerts')).json().alerts).toHaveLength(1);
  });

  it('needs a key of the project, with the write scope for changes', async () => {
    expect((await t.app.inject({ method: 'GET', url: `${base}/alerts` })).statusCode).toBe(401);
    const other = await t.northstar.projects.create('Other', { id: 'other-shop' });
    const res = await t.app.inject({ method: 'GET', url: `${base}/alerts`, headers: bearer(other.apiKey) });
    expect(res.statusCode).toBe(403);
  });
});
