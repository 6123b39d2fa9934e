import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, eventNameCounts, requestJson, runTrend, totalStoredEvents } from './helpers/api-client.js';
import { createProject, tempDataDir } from './helpers/cli.js';
import type { CreatedProject } from './helpers/cli.js';
import { queryDuckDb } from './helpers/duckdb-inspect.js';
import { rejectedEvents } from './helpers/ingest-response.js';
import { gzipBomb, peakRssBytes } from './helpers/payloads.js';
import { startServerProcess } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';

/**
 * Bad input against a live server (research ING-3/ING-4): every hostile request gets its documented status and
 * error code (docs/ingestion.md, docs/errors.md), the server stays up, every event accepted in a 2xx is stored,
 * and every rejected event of an accepted batch is in quarantine with its reason.
 */

let data: { dir: string; remove: () => Promise<void> };
let a: CreatedProject;
let b: CreatedProject;
let server: ServerProcess;
/** uuids of events the server accepted (2xx, not rejected) in project A. */
const accepted = new Set<string>();
/** Reason codes of the events the server quarantined in project A, in order of sending. */
const quarantined: string[] = [];

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}): ReturnType<typeof requestJson> {
  return requestJson(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid: randomUUID(),
    event: 'bad_input_ok',
    distinct_id: 'user-1',
    timestamp: new Date().toISOString(),
    properties: { plan: 'pro' },
    ...overrides,
  };
}

beforeAll(async () => {
  data = await tempDataDir('bad-input');
  a = await createProject(data.dir, 'bad-input-a');
  b = await createProject(data.dir, 'bad-input-b');
  server = await startServerProcess({ dataDir: data.dir });
});

afterAll(async () => {
  await server?.kill();
  await data?.remove();
});

/** A request refused as a whole: [name, status, code, path, body, headers]. */
type RefusedCase = [string, number, string, string, () => string | Buffer, Record<string, string>];

describe('whole requests that are refused', () => {
  it.each<RefusedCase>([
    ['malformed JSON', 400, 'INVALID_JSON', '/batch', () => `{"api_key":"${a.token}","batch":[{"event":`, {}],
    ['bytes that are not JSON', 400, 'INVALID_JSON', '/batch', () => Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]), {}],
    ['batch of the wrong type', 400, 'INVALID_PAYLOAD', '/batch', () => JSON.stringify({ api_key: a.token, batch: 'nope' }), {}],
    ['empty batch', 400, 'EMPTY_BATCH', '/batch', () => JSON.stringify({ api_key: a.token, batch: [] }), {}],
    ['unknown token', 401, 'INVALID_TOKEN', '/batch', () => JSON.stringify({ api_key: 'phc_unknown', batch: [event()] }), {}],
    ['missing token', 401, 'INVALID_TOKEN', '/batch', () => JSON.stringify({ batch: [event()] }), {}],
    ['unknown token on /capture', 401, 'INVALID_TOKEN', '/capture', () => JSON.stringify({ api_key: 'phc_unknown', ...event() }), {}],
    ['unknown Segment write key', 401, 'INVALID_TOKEN', '/v1/batch', () => JSON.stringify({ batch: [{ type: 'track', event: 'x', userId: 'u' }] }), { authorization: basic('nope') }],
    ['Segment without credentials', 401, 'INVALID_TOKEN', '/v1/track', () => JSON.stringify({ event: 'x', userId: 'u' }), {}],
    ['unsupported Content-Encoding', 415, 'UNSUPPORTED_ENCODING', '/batch', () => Buffer.from('zstd?'), { 'content-encoding': 'zstd' }],
    ['lz64 compression (posthog-js legacy)', 415, 'UNSUPPORTED_ENCODING', '/e/?compression=lz64', () => 'N4Ig', {}],
    ['gzip header on a plain body', 400, 'INVALID_PAYLOAD', '/batch', () => JSON.stringify({ api_key: a.token, batch: [event()] }), { 'content-encoding': 'gzip' }],
    ['corrupt brotli', 400, 'INVALID_PAYLOAD', '/batch', () => Buffer.from('not brotli at all'), { 'content-encoding': 'br' }],
    ['one oversize event on /capture', 413, 'PAYLOAD_TOO_LARGE', '/capture', () => JSON.stringify({ api_key: a.token, ...event({ properties: { blob: 'z'.repeat(1100 * 1024) } }) }), {}],
  ])('%s → %i %s', async (_name, status, code, path, body, headers) => {
    const res = await post(path, body(), headers);
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status, code });
  });

  it('a batch over the event-count limit → 400 BATCH_TOO_LARGE, nothing stored', async () => {
    const batch = Array.from({ length: 10_001 }, () => ({ event: 'too_many', distinct_id: 'u' }));
    const res = await post('/batch', JSON.stringify({ api_key: a.token, batch }));
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 400, code: 'BATCH_TOO_LARGE' });
  });

  it('a body over the 20 MB limit, sent whole by fetch → 413 PAYLOAD_TOO_LARGE (the server drains it, no reset)', async () => {
    const big = JSON.stringify({ api_key: a.token, batch: [event({ properties: { blob: 'x'.repeat(21 * 1024 * 1024) } })] });
    const res = await post('/batch', big);
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('a gzip bomb (≈1 MB inflating to 1 GiB) → 413 without inflating it in memory', async () => {
    const bomb = await gzipBomb(a.token, 1 << 30);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await post('/batch', bomb, { 'content-encoding': 'gzip' });
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    // The same bomb the way posthog-js marks it (query parameter instead of a header).
    const js = await post('/e/?compression=gzip-js', bomb, { 'content-type': 'text/plain' });
    expect({ status: js.status, code: errorCode(js.body) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    // Peak RSS of the server stays far below the inflated size: it stopped inflating at the limit.
    const peak = await peakRssBytes(server.child.pid ?? -1);
    if (peak !== undefined) expect(peak).toBeLessThan(512 * 1024 * 1024);
  });

  it('unknown routes and wrong methods → 404 NOT_FOUND with a code', async () => {
    const unknown = await post('/api/no-such-route', '{}');
    expect({ status: unknown.status, code: errorCode(unknown.body) }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const wrongMethod = await requestJson(`${server.url}/batch`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(404);
    expect(errorCode(wrongMethod.body)).toBe('NOT_FOUND');
  });
});

describe('query API keys', () => {
  const names = (key: string | undefined, projectId: () => string) => async () =>
    requestJson(`${server.url}/api/projects/${projectId()}/events/names`, {
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    });

  it('no key → 401 UNAUTHENTICATED', async () => {
    const res = await names(undefined, () => a.id)();
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('an unknown key → 401 UNAUTHENTICATED', async () => {
    const res = await names('nsk_not_a_real_key', () => a.id)();
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it("another project's key → 403 FORBIDDEN", async () => {
    const res = await requestJson(`${server.url}/api/projects/${a.id}/events/names`, {
      headers: { authorization: `Bearer ${b.apiKey}` },
    });
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const insight = await requestJson(`${server.url}/api/projects/${a.id}/insights/trend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'trend', series: [{ event: null }] }),
    });
    expect({ status: insight.status, code: errorCode(insight.body) }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('the public ingest token is not a query key → 401', async () => {
    const res = await names(a.token, () => a.id)();
    expect(res.status).toBe(401);
    expect(errorCode(res.body)).toBe('UNAUTHENTICATED');
  });

  it('an invalid insight spec → 400 QUERY_INVALID', async () => {
    const res = await requestJson(`${server.url}/api/projects/${a.id}/insights/trend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'trend', series: [{ event: 'x', math: 'median_of_nothing' }], dateFrom: "1; DROP TABLE events" }),
    });
    expect({ status: res.status, code: errorCode(res.body) }).toEqual({ status: 400, code: 'QUERY_INVALID' });
  });
});

describe('a batch mixing good and bad events', () => {
  const LONE = 'sur\ud800rogate';
  const REPAIRED = 'sur\uFFFDrogate';
  const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
  // [event, expected reason code or null when it must be stored]
  const cases: Array<[Record<string, unknown> | null | string, string | null]> = [
    [event(), null],
    [event({ event: undefined }), 'EVENT_MISSING_NAME'],
    [event({ distinct_id: undefined }), 'EVENT_MISSING_DISTINCT_ID'],
    [event({ event: 42 }), 'EVENT_INVALID_TYPE'],
    [event({ properties: 'not an object' }), 'EVENT_INVALID_TYPE'],
    [event({ distinct_id: { nested: true } }), 'EVENT_INVALID_TYPE'],
    [event({ uuid: 42 }), 'EVENT_INVALID_UUID'],
    [event({ event: LONE, properties: { label: LONE } }), null],
    [event({ timestamp: future }), null],
    [event({ timestamp: '1970-01-01T00:00:00Z' }), null],
    [event({ properties: { blob: 'y'.repeat(1100 * 1024) } }), 'EVENT_TOO_LARGE'],
    [event({ distinct_id: 12345 }), null],
    ['just a string', 'EVENT_INVALID_TYPE'],
  ];
  const batch = cases.map(([e]) => e);
  let surrogateUuid = '';

  it('stores the good ones, quarantines the bad ones with their codes, and lists them by index', async () => {
    const res = await post('/batch', JSON.stringify({ api_key: a.token, batch, sent_at: new Date().toISOString() }));
    expect(res.status).toBe(200);
    const rejected = rejectedEvents(res.body);
    const expected = cases.flatMap(([, code], index) => (code === null ? [] : [{ index, code }]));
    expect(rejected).toEqual(expected);
    // The clamped future and the 1970 timestamps are stored with a warning each.
    const warnings = (res.body as { warnings?: Array<{ index: number; code: string }> }).warnings ?? [];
    expect(warnings.map((w) => [w.index, w.code])).toEqual([
      [8, 'EVENT_INVALID_TIMESTAMP'],
      [9, 'EVENT_INVALID_TIMESTAMP'],
    ]);
    cases.forEach(([e, code]) => {
      if (code === null && typeof e === 'object' && e !== null) accepted.add(String(e.uuid));
      if (code !== null) quarantined.push(code);
    });
    surrogateUuid = String((cases[7]?.[0] as Record<string, unknown>).uuid);
  });

  it('the same batch again stores nothing new (dedup on uuid) and quarantines the bad ones again', async () => {
    const res = await post('/batch', JSON.stringify({ api_key: a.token, batch }));
    expect(res.status).toBe(200);
    for (const [, code] of cases) if (code !== null) quarantined.push(code);
    const counts = await eventNameCounts(server.url, a);
    expect(counts.get('bad_input_ok')).toBe(4);
    expect(counts.get(REPAIRED)).toBe(1);
    expect(counts.has(LONE)).toBe(false);
  });

  it('a single event without a name on /capture is quarantined, not stored', async () => {
    const res = await post('/capture', JSON.stringify({ api_key: a.token, ...event({ event: undefined }) }));
    expect(res.status).toBe(200);
    expect(rejectedEvents(res.body)).toEqual([{ index: 0, code: 'EVENT_MISSING_NAME' }]);
    quarantined.push('EVENT_MISSING_NAME');
  });

  it('raw invalid UTF-8 inside a string is stored as U+FFFD', async () => {
    const uuid = randomUUID();
    const text = JSON.stringify({ api_key: a.token, batch: [event({ uuid, event: 'bad_utf8', properties: { v: '@@' } })] });
    const at = Buffer.from(text, 'utf8').indexOf('@@');
    const body = Buffer.from(text, 'utf8');
    body[at] = 0xff;
    body[at + 1] = 0xc3;
    const res = await post('/batch', body);
    expect(res.status).toBe(200);
    expect(rejectedEvents(res.body)).toEqual([]);
    accepted.add(uuid);
  });

  it('Segment events without userId/anonymousId are quarantined, siblings stored', async () => {
    const ok = randomUUID();
    const res = await post(
      '/v1/batch',
      JSON.stringify({
        batch: [
          { type: 'track', event: 'seg_ok', userId: 'u-9', messageId: ok },
          { type: 'track', event: 'seg_no_user', messageId: randomUUID() },
        ],
      }),
      { authorization: basic(a.token) },
    );
    expect(res.status).toBe(200);
    expect(rejectedEvents(res.body)).toEqual([{ index: 1, code: 'EVENT_MISSING_DISTINCT_ID' }]);
    accepted.add(ok);
    quarantined.push('EVENT_MISSING_DISTINCT_ID');
  });

  it('future and ancient timestamps are stored with the receive time and marked', async () => {
    const spec = { series: [{ event: 'bad_input_ok' }], interval: 'day' as const, dateFrom: '-2d', dateTo: 'now' };
    const trend = await runTrend(server.url, a, spec);
    // All four stored bad_input_ok events (incl. the clamped future and the 1970 one) land in the last 2 days.
    expect(trend.series[0]?.total).toBe(4);
  });

  it('after all of it: still healthy, every accepted event stored, every rejected one quarantined', async () => {
    const health = await requestJson(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await totalStoredEvents(server.url, a)).toBe(accepted.size);
    expect(await totalStoredEvents(server.url, b)).toBe(0);

    expect(await server.stop()).toBe(0);
    const events = await queryDuckDb(data.dir, 'SELECT uuid, event, properties::VARCHAR AS properties FROM events WHERE project_id = $p', { p: a.id });
    expect(new Set(events.map((row) => String(row.uuid)))).toEqual(accepted);
    expect(events.length).toBe(accepted.size);
    const surrogate = events.find((row) => row.uuid === surrogateUuid);
    expect(surrogate?.event).toBe(REPAIRED);
    expect(JSON.parse(String(surrogate?.properties)).label).toBe(REPAIRED);
    const utf8 = events.find((row) => row.event === 'bad_utf8');
    expect(JSON.parse(String(utf8?.properties)).v).toBe('\uFFFD\uFFFD');

    const reasons = await queryDuckDb(data.dir, 'SELECT reason FROM quarantine WHERE project_id = $p', { p: a.id });
    expect(reasons.map((row) => String(row.reason)).sort()).toEqual([...quarantined].sort());
  });
});
