import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

/** `GET /api/projects/:id/persons/:distinctId/events`: one user's newest events first, over real DuckDB. */

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();
  const events = [
    ...Array.from({ length: 7 }, (_, i) => ({ event: 'product_viewed', distinct_id: 'u 1/张', uuid: `pe-${i}`, timestamp: at(i), properties: { product_id: `p${i}` } })),
    { event: 'order_completed', distinct_id: 'other', uuid: 'pe-x', timestamp: at(30), properties: {} },
  ];
  const res = await t.app.inject({ method: 'POST', url: `/api/projects/${t.project.id}/events`, headers: bearer(t.project.apiKey), payload: events });
  expect(res.json()).toMatchObject({ accepted: 8 });
});
afterAll(async () => {
  await t.close();
});

const url = (distinctId: string, query = ''): string => `/api/projects/${t.project.id}/persons/${encodeURIComponent(distinctId)}/events${query}`;

describe('person events route', () => {
  it("returns the newest `limit` of one user's events, newest first, and no one else's", async () => {
    const res = await t.app.inject({ method: 'GET', url: url('u 1/张', '?limit=3'), headers: bearer(t.project.apiKey) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.distinctId).toBe('u 1/张');
    expect(body.truncated).toBe(false);
    expect(body.events.map((e: { uuid: string }) => e.uuid)).toEqual(['pe-6', 'pe-5', 'pe-4']);
    expect(body.events[0]).toMatchObject({ event: 'product_viewed', timestamp: '2026-03-01T10:06:00.000Z', properties: { product_id: 'p6' } });
  });

  it('defaults to 50 and answers an unknown user with an empty list', async () => {
    const all = await t.app.inject({ method: 'GET', url: url('u 1/张'), headers: bearer(t.project.apiKey) });
    expect(all.json().events).toHaveLength(7);
    const unknown = await t.app.inject({ method: 'GET', url: url('nobody'), headers: bearer(t.project.apiKey) });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().events).toEqual([]);
  });

  it('rejects a limit out of range and a request without a key', async () => {
    const bad = await t.app.inject({ method: 'GET', url: url('u 1/张', '?limit=0'), headers: bearer(t.project.apiKey) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_ARGUMENT');
    const anonymous = await t.app.inject({ method: 'GET', url: url('u 1/张') });
    expect(anonymous.statusCode).toBe(401);
  });
});
