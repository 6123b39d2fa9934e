import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { toApiError } from './error-handler.js';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ logger: createLogger('error', (line) => lines.push(line)) });
});
afterAll(async () => {
  await t.close();
});

describe('error handler', () => {
  it('wraps an unexpected throw as 500 INTERNAL without leaking its message, and logs it', async () => {
    t.northstar.store.listEventNames = () => Promise.reject(new TypeError('secret internals: cannot read x of undefined'));
    const res = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/events/names`, headers: bearer(t.project.apiKey) });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
    expect(res.body).not.toContain('secret internals');
    expect(lines.some((l) => l.includes('secret internals') && l.includes('"level":"error"'))).toBe(true);
  });

  it('answers schema violations with INVALID_ARGUMENT', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/projects/${t.project.id}/quarantine?limit=0`, headers: bearer(t.project.apiKey) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ARGUMENT');
  });

  it('keeps NorthstarErrors as they are', () => {
    const e = new NorthstarError('FORBIDDEN', 'no');
    expect(toApiError(e)).toBe(e);
    expect(toApiError('a string').code).toBe('INTERNAL');
  });
});
