import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const uuid = (n: number): string => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('PostHog capture', () => {
  it.each(['/capture', '/batch', '/e', '/i/v0/e', '/track', '/e/', '/i/v0/e/'])('stores a batch via %s', async (url) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload: { api_key: t.project.token, batch: [{ event: 'pv', distinct_id: 'u1', uuid: uuid(1) }, { event: 'pv', distinct_id: 'u2', uuid: uuid(2) }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 1, accepted: 2, duplicates: 0, rejected: [], warnings: [] });
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(2);
  });

  it('accepts a single event with the token in properties (posthog-js)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/e/',
      payload: { event: '$pageview', properties: { token: t.project.token, distinct_id: 'anon-1', $current_url: 'https://x/' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it('deduplicates a retried batch by uuid', async () => {
    const payload = { api_key: t.project.token, batch: [{ event: 'buy', distinct_id: 'u1', uuid: uuid(7) }] };
    const first = await t.app.inject({ method: 'POST', url: '/batch/', payload });
    const retry = await t.app.inject({ method: 'POST', url: '/batch/', payload });
    expect(first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(1);
  });

  it('quarantines bad events and stores their siblings', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/batch',
      payload: {
        api_key: t.project.token,
        batch: [
          { event: 'ok', distinct_id: 'u1' },
          { distinct_id: 'u1' },
          { event: 'no-id' },
          { event: 5, distinct_id: 'u1' },
          'not an object',
          { event: 'ok2', distinct_id: 'u2', properties: [1] },
          { event: 'ok3', distinct_id: 'u3' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'EVENT_MISSING_NAME'],
      [2, 'EVENT_MISSING_DISTINCT_ID'],
      [3, 'EVENT_INVALID_TYPE'],
      [4, 'EVENT_INVALID_TYPE'],
      [5, 'EVENT_INVALID_TYPE'],
    ]);
    expect(await t.northstar.store.countQuarantine(t.project.id)).toBe(5);
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(2);
  });

  it('inflates gzip (Content-Encoding) and gzip-js (posthog-js query) bodies', async () => {
    const body = zlib.gzipSync(JSON.stringify({ api_key: t.project.token, batch: [{ event: 'g', distinct_id: 'u' }] }));
    const a = await t.app.inject({ method: 'POST', url: '/batch', headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' }, payload: body });
    const b = await t.app.inject({ method: 'POST', url: '/e/?compression=gzip-js&ver=1.200.0&_=1773144000000', headers: { 'content-type': 'text/plain' }, payload: body });
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(2);
  });

  it('decodes the base64 form body of legacy posthog-js', async () => {
    const data = Buffer.from(JSON.stringify([{ event: 'f', properties: { token: t.project.token, distinct_id: 'u' } }])).toString('base64');
    const res = await t.app.inject({
      method: 'POST',
      url: '/e/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ data }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it('answers lz64 with UNSUPPORTED_ENCODING', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/e/?compression=lz64', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'data=N4Ig' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_ENCODING');
  });

  it('takes the token from ?token=', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/capture?token=${t.project.token}`, payload: { event: 'q', distinct_id: 'u' } });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['unknown token', { api_key: 'phc_nope', event: 'x', distinct_id: 'u' }, 401, 'INVALID_TOKEN'],
    ['no token', { event: 'x', distinct_id: 'u' }, 401, 'INVALID_TOKEN'],
    ['empty batch', 'EMPTY', 400, 'EMPTY_BATCH'],
    ['a number', 42, 400, 'INVALID_PAYLOAD'],
  ] as const)('%s', async (_name, payload, status, code) => {
    const body = payload === 'EMPTY' ? { api_key: t.project.token, batch: [] } : payload;
    const res = await t.app.inject({ method: 'POST', url: '/batch', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toMatchObject({ code });
    expect(typeof res.json().error.hint).toBe('string');
  });

  it('answers malformed JSON with INVALID_JSON in the common error shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/capture', headers: { 'content-type': 'application/json' }, payload: '{"event": "x", ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'INVALID_JSON', message: expect.any(String), hint: expect.any(String) } });
  });

  it('repairs lone surrogates before storing', async () => {
    const raw = `{"api_key":"${t.project.token}","event":"x\\ud800","distinct_id":"u\\udc00","properties":{"k":"a\\ud83db"}}`;
    const res = await t.app.inject({ method: 'POST', url: '/capture', headers: { 'content-type': 'application/json' }, payload: raw });
    expect(res.statusCode).toBe(200);
    const [stored] = await t.northstar.store.readEvents(t.project.id, { limit: 10 });
    expect(stored?.event).toBe('x\uFFFD');
    expect(stored?.distinctId).toBe('u\uFFFD');
    expect(stored?.properties['k']).toBe('a\uFFFDb');
  });

  it('corrects clock skew, clamps the future and keeps ancient events with received_at', async () => {
    const now = new Date('2026-03-10T12:00:00.000Z');
    await t.close();
    t = await makeTestApp({ deps: { now: () => now } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/batch',
      payload: {
        api_key: t.project.token,
        sent_at: '2026-03-10T11:00:00.000Z', // device clock 1 h slow
        batch: [
          { event: 'skewed', distinct_id: 'u', uuid: uuid(1), timestamp: '2026-03-10T10:59:00.000Z' },
          { event: 'future', distinct_id: 'u', uuid: uuid(2), timestamp: '2026-03-12T12:00:00.000Z', sent_at: '2026-03-10T12:00:00.000Z' },
          { event: 'ancient', distinct_id: 'u', uuid: uuid(3), timestamp: '1971-01-01T00:00:00.000Z' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings.map((w: { index: number; code: string }) => [w.index, w.code])).toEqual([
      [1, 'EVENT_INVALID_TIMESTAMP'],
      [2, 'EVENT_INVALID_TIMESTAMP'],
    ]);
    const rows = await t.northstar.store.readEvents(t.project.id, { limit: 10 });
    const byName = new Map(rows.map((r) => [r.event, r]));
    expect(byName.get('skewed')?.timestamp.toISOString()).toBe('2026-03-10T11:59:00.000Z');
    expect(byName.get('future')?.timestamp.toISOString()).toBe(now.toISOString());
    expect(byName.get('future')?.properties['$timestamp_clamped']).toBe(true);
    expect(byName.get('ancient')?.timestamp.toISOString()).toBe(now.toISOString());
  });

  it('updates persons from $identify / $set', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/capture',
      payload: { api_key: t.project.token, event: '$identify', distinct_id: 'p1', properties: { $set: { email: 'a@b.c' }, $set_once: { source: 'ads' } } },
    });
    await t.app.inject({
      method: 'POST',
      url: '/capture',
      payload: { api_key: t.project.token, event: 'x', distinct_id: 'p1', $set_once: { source: 'seo' }, $set: { plan: 'pro' } },
    });
    const [person] = await t.northstar.store.getPersons(t.project.id, ['p1']);
    expect(person?.properties).toMatchObject({ email: 'a@b.c', source: 'ads', plan: 'pro' });
  });

  it('answers /decide and /flags without flags', async () => {
    for (const [method, url] of [['POST', '/decide/?v=3'], ['GET', '/decide'], ['POST', '/flags/?v=2'], ['GET', '/flags']] as const) {
      const res = await t.app.inject({ method, url, headers: { 'content-type': 'text/plain' }, ...(method === 'POST' ? { payload: 'data=eyJ0b2tlbiI6InBoY18ifQ==' } : {}) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ featureFlags: {}, flags: {}, errorsWhileComputingFlags: false });
    }
  });
});

describe('browser SDK support', () => {
  it('answers CORS preflight and reflects the origin on capture, never on /api', async () => {
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: '/e/',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    const post = await t.app.inject({
      method: 'POST',
      url: '/e/',
      headers: { origin: 'https://shop.example' },
      payload: { event: 'x', properties: { token: t.project.token, distinct_id: 'u' } },
    });
    expect(post.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(post.headers['access-control-allow-credentials']).toBe('true');
    const api = await t.app.inject({ method: 'GET', url: '/api/projects', headers: { origin: 'https://evil.example' } });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves posthog-js remote config with nothing enabled', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/array/${t.project.token}/config` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ token: t.project.token, sessionRecording: false, hasFeatureFlags: false });
  });
});
