import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
const NOW = '2026-03-10T00:00:00.000Z';

/** Three users over three days: u1 views, carts and buys; u2 views and carts; u3 only views (twice). */
const events = [
  ['view', 'u1', '2026-03-07T10:00:00Z'],
  ['cart', 'u1', '2026-03-07T10:01:00Z'],
  ['buy', 'u1', '2026-03-07T10:02:00Z'],
  ['view', 'u2', '2026-03-08T09:00:00Z'],
  ['cart', 'u2', '2026-03-08T09:30:00Z'],
  ['view', 'u3', '2026-03-08T12:00:00Z'],
  ['view', 'u3', '2026-03-09T12:00:00Z'],
  ['view', 'u1', '2026-03-09T08:00:00Z'],
].map(([event, distinct_id, timestamp], i) => ({ event, distinct_id, timestamp, uuid: `ins-${i}` }));

beforeAll(async () => {
  t = await makeTestApp();
  const res = await t.app.inject({ method: 'POST', url: `/api/projects/${t.project.id}/events`, headers: bearer(t.project.apiKey), payload: events });
  expect(res.json().accepted).toBe(events.length);
});
afterAll(async () => {
  await t.close();
});

const post = (kind: string, body: unknown) =>
  t.app.inject({ method: 'POST', url: `/api/projects/${t.project.id}/insights/${kind}?now=${NOW}`, headers: bearer(t.project.apiKey), payload: body as object });

describe('insights over HTTP', () => {
  it('trend: daily views (kind implied by the route)', async () => {
    const res = await post('trend', { series: [{ event: 'view' }], dateFrom: '2026-03-07', dateTo: '2026-03-09' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('trend');
    expect(body.series[0].points.map((p: { value: number }) => p.value)).toEqual([1, 2, 2]);
    expect(body.series[0].total).toBe(5);
  });

  it('funnel: view → cart → buy', async () => {
    const res = await post('funnel', { steps: [{ event: 'view' }, { event: 'cart' }, { event: 'buy' }], dateFrom: '2026-03-01', dateTo: '2026-03-09' });
    expect(res.statusCode).toBe(200);
    expect(res.json().steps.map((s: { count: number }) => s.count)).toEqual([3, 2, 1]);
  });

  it('funnel-actors: who dropped before buying', async () => {
    const res = await post('funnel-actors', {
      funnel: { kind: 'funnel', steps: [{ event: 'view' }, { event: 'cart' }, { event: 'buy' }], dateFrom: '2026-03-01', dateTo: '2026-03-09' },
      step: 3,
      status: 'dropped',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().actors.map((a: { distinctId: string }) => a.distinctId)).toEqual(['u2']);
  });

  it('retention: daily cohorts', async () => {
    const res = await post('retention', { startEvent: { event: 'view' }, returnEvent: { event: 'view' }, period: 'day', periods: 3, dateFrom: '2026-03-07', dateTo: '2026-03-09' });
    expect(res.statusCode).toBe(200);
    const cohorts = res.json().cohorts as Array<{ cohort: string; size: number; values: number[] }>;
    expect(cohorts.find((c) => c.cohort.startsWith('2026-03-07'))).toMatchObject({ size: 1, values: [1, 0, 1] });
  });

  it.each([
    ['paths', { event: 'view', dateFrom: '2026-03-01', dateTo: '2026-03-09' }],
    ['lifecycle', { event: 'view', interval: 'day', dateFrom: '2026-03-07', dateTo: '2026-03-09' }],
  ])('%s answers its result kind', async (kind, body) => {
    const res = await post(kind, body);
    expect(res.statusCode).toBe(200);
    expect(res.json().kind).toBe(kind);
  });

  it.each([
    ['wrong kind in body', 'trend', { kind: 'funnel', steps: [] }],
    ['missing series', 'trend', {}],
    ['one funnel step', 'funnel', { steps: [{ event: 'view' }] }],
    ['SQL in a property key', 'trend', { series: [{ event: 'view' }], breakdown: "x'); DROP TABLE events; --" }],
  ])('QUERY_INVALID for %s', async (_name, kind, body) => {
    const res = await post(kind, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('QUERY_INVALID');
  });

  it('north star: default for a new project, then the one the project sets', async () => {
    const url = `/api/projects/${t.project.id}/north-star`;
    const initial = await t.app.inject({ method: 'GET', url, headers: bearer(t.project.apiKey) });
    expect(initial.json()).toMatchObject({ isDefault: true, spec: { kind: 'trend', series: [{ event: null, math: 'unique_users' }], interval: 'day', dateFrom: '-30d' } });
    const put = await t.app.inject({ method: 'PUT', url, headers: bearer(t.project.apiKey), payload: { series: [{ event: 'buy', math: 'total', label: 'Purchases' }], dateFrom: '-14d' } });
    expect(put.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url, headers: bearer(t.project.apiKey) });
    expect(after.json()).toMatchObject({ isDefault: false, spec: { series: [{ event: 'buy', label: 'Purchases' }], dateFrom: '-14d' } });
    const invalid = await t.app.inject({ method: 'PUT', url, headers: bearer(t.project.apiKey), payload: { series: [] } });
    expect(invalid.json().error.code).toBe('QUERY_INVALID');
  });

  it('overview: north-star series and 7-day KPIs', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/overview?now=${NOW}`, headers: bearer(t.project.apiKey) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.northStar.result.kind).toBe('trend');
    expect(body.kpis.events.last7Days).toBe(8);
    expect(body.kpis.events.previous7Days).toBe(0);
    expect(body.kpis.events.change).toBeNull();
    expect(body.kpis.uniqueUsers.last7Days).toBe(3);
    expect(body.kpis.totalEvents).toBe(8);
    expect(body.kpis.quarantined).toBe(0);
  });
});
