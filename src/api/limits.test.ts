import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../core/index.js';
import { makeTestApp, type TestApp } from './test-support.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const limits = { maxBodyBytes: 64 * 1024, maxEventBytes: 2 * 1024, maxBatchEvents: 50, maxPendingEvents: 1000 };

/** A gzip stream of `megabytes` MB of zeros, built chunk by chunk. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (chunk: Buffer) => parts.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gz.write(zeros)) await new Promise((resolve) => gz.once('drain', resolve));
  await new Promise<void>((resolve) => gz.end(resolve));
  return Buffer.concat(parts);
}

describe('ingest limits', () => {
  it('answers 413 PAYLOAD_TOO_LARGE for a body over maxBodyBytes', async () => {
    t = await makeTestApp({ limits });
    const batch = Array.from({ length: 40 }, (_, i) => ({ event: 'e', distinct_id: `u${i}`, properties: { pad: 'x'.repeat(1900) } }));
    const res = await t.app.inject({ method: 'POST', url: '/batch', payload: { api_key: t.project.token, batch } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.northstar.store.countEvents(t.project.id)).toBe(0);
  });

  it('answers 400 BATCH_TOO_LARGE over maxBatchEvents', async () => {
    t = await makeTestApp({ limits });
    const batch = Array.from({ length: 51 }, (_, i) => ({ event: 'e', distinct_id: `u${i}` }));
    const res = await t.app.inject({ method: 'POST', url: '/batch', payload: { api_key: t.project.token, batch } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BATCH_TOO_LARGE', details: { events: 51, maxBatchEvents: 50 } });
  });

  it('quarantines an oversize event inside a batch but answers 413 for a single one', async () => {
    t = await makeTestApp({ limits });
    const big = { event: 'big', distinct_id: 'u', properties: { blob: 'x'.repeat(3000) } };
    const batch = await t.app.inject({ method: 'POST', url: '/batch', payload: { api_key: t.project.token, batch: [{ event: 'small', distinct_id: 'u' }, big] } });
    expect(batch.statusCode).toBe(200);
    expect(batch.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'EVENT_TOO_LARGE' }] });
    const single = await t.app.inject({ method: 'POST', url: '/capture', payload: { api_key: t.project.token, ...big } });
    expect(single.statusCode).toBe(413);
    expect(single.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('cuts a gzip bomb off while inflating, with little memory, and stays up', async () => {
    // 512 MB of zeros in about 500 KB: under the 1 MB body limit, so only the inflate cap can stop it.
    t = await makeTestApp({ limits: { ...limits, maxBodyBytes: 1024 * 1024 } });
    const bomb = await gzipBomb(512);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const res = await t.app.inject({ method: 'POST', url: '/batch', headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' }, payload: bomb });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((process.memoryUsage().rss - before) / 1024 / 1024).toBeLessThan(64);
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  });

  it('answers 429 OVERLOADED with Retry-After when too many events wait for the store', async () => {
    t = await makeTestApp({ limits: { ...limits, maxPendingEvents: 2 } });
    // Hold the store's writes so events pile up as pending, exactly as a slow disk would.
    const store = t.northstar.store as EventStore;
    const original = store.writeEvents.bind(store);
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writing = new Promise<void>((resolve) => (entered = resolve));
    store.writeEvents = async (batch) => {
      entered();
      await gate;
      return original(batch);
    };
    const payload = (n: number) => ({ api_key: t?.project.token, batch: Array.from({ length: n }, (_, i) => ({ event: 'e', distinct_id: `u${i}` })) });
    const first = t.app.inject({ method: 'POST', url: '/batch', payload: payload(2) });
    await writing; // the first request's 2 events now wait for the store
    const second = await t.app.inject({ method: 'POST', url: '/batch', payload: payload(2) });
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect(second.json().error.code).toBe('OVERLOADED');
    const shedding = await t.app.inject({ method: 'GET', url: '/health' });
    expect(shedding.statusCode).toBe(503);
    expect(shedding.json().error.code).toBe('OVERLOADED');
    release();
    expect((await first).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After when the write fails, and /health reports it', async () => {
    t = await makeTestApp({ limits });
    const store = t.northstar.store as EventStore;
    const original = store.writeEvents.bind(store);
    store.writeEvents = () => Promise.reject(new Error('disk full'));
    const res = await t.app.inject({ method: 'POST', url: '/capture', payload: { api_key: t.project.token, event: 'e', distinct_id: 'u' } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error.code).toBe('STORE_UNAVAILABLE');
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
    store.writeEvents = original;
    const retry = await t.app.inject({ method: 'POST', url: '/capture', payload: { api_key: t.project.token, event: 'e', distinct_id: 'u' } });
    expect(retry.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'ok' });
  });
});
