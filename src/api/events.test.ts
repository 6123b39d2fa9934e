import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('native events endpoint', () => {
  const url = () => `/api/projects/${t.project.id}/events`;

  it('accepts a JSON array', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: bearer(t.project.apiKey),
      payload: [
        { event: 'view', distinctId: 'u1', uuid: 'n-1', timestamp: '2026-03-01T10:00:00Z', properties: { sku: 'a' } },
        { event: 'buy', distinct_id: 'u1', uuid: 'n-2', timestamp: '2026-03-01T10:05:00Z', properties: { price: 9.5 } },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2 });
  });

  it('accepts { events: [...] } and gzip', async () => {
    const body = zlib.gzipSync(JSON.stringify({ events: [{ event: 'view', distinct_id: 'u2', uuid: 'n-3' }] }));
    const res = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { ...bearer(t.project.apiKey), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.json()).toMatchObject({ accepted: 1 });
  });

  it('accepts JSON Lines and reports duplicates', async () => {
    const lines = [{ event: 'view', distinct_id: 'u3', uuid: 'n-4' }, { event: 'view', distinct_id: 'u1', uuid: 'n-1' }].map((e) => JSON.stringify(e)).join('\n');
    const res = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { ...bearer(t.project.apiKey), 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    expect(res.json()).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('needs a key', async () => {
    const res = await t.app.inject({ method: 'POST', url: url(), payload: [{ event: 'x', distinct_id: 'u' }] });
    expect(res.statusCode).toBe(401);
  });

  it('lists event names, property keys and quarantine', async () => {
    await t.app.inject({ method: 'POST', url: url(), headers: bearer(t.project.apiKey), payload: [{ event: 'bad' }] });
    const names = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/events/names`, headers: bearer(t.project.apiKey) });
    expect(names.json().events).toEqual(expect.arrayContaining([{ event: 'view', count: 3 }, { event: 'buy', count: 1 }]));
    const props = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/events/properties?event=buy`, headers: bearer(t.project.apiKey) });
    expect(props.json().properties).toContain('price');
    const q = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/quarantine?limit=5`, headers: bearer(t.project.apiKey) });
    expect(q.json().total).toBe(1);
    expect(q.json().rows[0]).toMatchObject({ reason: 'EVENT_MISSING_DISTINCT_ID', batchIndex: 0 });
  });
});
