import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_TOKEN_META, injectToken } from './routes/dashboard.js';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
const token = 'nsd_dashboard-session';

beforeAll(async () => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'northstar-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><title>Northstar</title></head><body><div id="root"></div></body></html>');
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log("northstar")');
  t = await makeTestApp({ deps: { webRoot, dashboardToken: token } });
});
afterAll(async () => {
  await t.close();
});

describe('dashboard static files', () => {
  it('serves index.html at / with the session token for loopback clients', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(`<meta name="${DASHBOARD_TOKEN_META}" content="${token}">`);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('does not hand the token to other machines', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', remoteAddress: '10.0.0.8' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(token);
  });

  it('serves assets', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('northstar');
  });

  it('falls back to index.html for client-side routes, never for API paths', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/funnels?x=1', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const api = await t.app.inject({ method: 'GET', url: '/api/unknown', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
  });

  it('lets the token read any project from loopback', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/overview`, headers: bearer(token), remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
  });

  it('injects the meta tag before </head>, escaping the value', () => {
    expect(injectToken('<head></head>', 'a"b')).toBe(`<head>  <meta name="${DASHBOARD_TOKEN_META}" content="a&quot;b">\n</head>`);
    expect(injectToken('<head></head>', undefined)).toBe('<head></head>');
  });
});
