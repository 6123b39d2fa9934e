import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
let other: { id: string; token: string; apiKey: string };
let readOnly: string;

beforeAll(async () => {
  t = await makeTestApp({ deps: { dashboardToken: 'nsd_test-dashboard-token' } });
  other = await t.northstar.projects.create('Other', { id: 'other' });
  readOnly = (await t.northstar.keys.create(t.project.id, { scopes: ['read'], label: 'bi' })).apiKey;
});
afterAll(async () => {
  await t.close();
});

describe('API keys and project scoping', () => {
  it('lists the key’s own project only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/projects', headers: bearer(t.project.apiKey) });
    expect(res.statusCode).toBe(200);
    expect(res.json().projects.map((p: { id: string }) => p.id)).toEqual([t.project.id]);
  });

  it.each([
    ['no header', {}, 401, 'UNAUTHENTICATED'],
    ['unknown key', { authorization: 'Bearer nsk_unknown' }, 401, 'UNAUTHENTICATED'],
    ['not a bearer', { authorization: 'Basic abc' }, 401, 'UNAUTHENTICATED'],
    ['public token as key', { authorization: 'Bearer PROJECT_TOKEN' }, 401, 'UNAUTHENTICATED'],
  ] as const)('%s', async (_name, headers, status, code) => {
    const h = 'authorization' in headers ? { authorization: headers.authorization.replace('PROJECT_TOKEN', t.project.token) } : {};
    const res = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/overview`, headers: h });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('forbids another project’s key (read and write), without side effects', async () => {
    const read = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/events/names`, headers: bearer(other.apiKey) });
    expect(read.statusCode).toBe(403);
    expect(read.json().error.code).toBe('FORBIDDEN');
    const write = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${t.project.id}/events`,
      headers: bearer(other.apiKey),
      payload: [{ event: 'x', distinct_id: 'u' }],
    });
    expect(write.statusCode).toBe(403);
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(0);
  });

  it('lets a read-only key read but not write', async () => {
    const read = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/north-star`, headers: bearer(readOnly) });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({ method: 'PUT', url: `/api/projects/${t.project.id}/north-star`, headers: bearer(readOnly), payload: { series: [{ event: 'x' }] } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toContain('write');
  });

  it('stores only hashes of API keys', async () => {
    const rows = await t.northstar.store.findApiKeyByHash(t.project.apiKey);
    expect(rows).toBeUndefined();
    const record = await t.northstar.keys.authenticate(t.project.apiKey);
    expect(record?.keyHash).toMatch(/^hmac-sha256:/);
    expect(record?.keyHash).not.toContain(t.project.apiKey.slice(4));
  });

  it('accepts the dashboard session token from loopback for every project', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/projects', headers: bearer('nsd_test-dashboard-token'), remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().projects.map((p: { id: string }) => p.id).sort()).toEqual(['other', 'test-shop']);
  });

  it('refuses the dashboard session token from another machine', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/projects', headers: bearer('nsd_test-dashboard-token'), remoteAddress: '192.168.1.20' });
    expect(res.statusCode).toBe(403);
  });

  it('answers NOT_FOUND for an unknown project with the dashboard token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/projects/nope/overview', headers: bearer('nsd_test-dashboard-token') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('answers unknown routes and malformed JSON in the common error shape', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/projects/${t.project.id}/north-star`,
      headers: { ...bearer(t.project.apiKey), 'content-type': 'application/json' },
      payload: '{"series": [',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
  });

  it('refuses a secret key in the query string', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/quarantine?api_key=${t.project.apiKey}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ARGUMENT');
  });

  it('answers 429 RATE_LIMITED after 20 wrong keys a minute from one address, and only there', async () => {
    const wrong = (remoteAddress: string, key: string) =>
      t.app.inject({ method: 'GET', url: '/api/projects', headers: bearer(key), remoteAddress });
    for (let i = 0; i < 20; i++) expect((await wrong('203.0.113.9', `nsk_guess${i}`)).statusCode).toBe(401);
    const blocked = await wrong('203.0.113.9', t.project.apiKey);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await wrong('203.0.113.10', t.project.apiKey)).statusCode).toBe(200);
  });
});
