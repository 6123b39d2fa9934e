import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import type { EventStore } from '../../store/event-store.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { silentLogger } from '../../common/logger.js';
import { createIngestor, type Ingestor } from './ingestor.js';

const limits = { maxBodyBytes: 1 << 20, maxEventBytes: 1024, maxBatchEvents: 100, maxPendingEvents: 1000 };
const receivedAt = new Date('2026-03-10T12:00:00.000Z');
let store: EventStore;
let ingestor: Ingestor;

beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  await store.createProject({ id: 'p', name: 'P', token: 'phc_p' });
  ingestor = createIngestor({ store, logger: silentLogger, limits });
});
afterEach(async () => {
  await store.close();
});

describe('ingestor', () => {
  it('accounts for every event: accepted + duplicates + rejected = sent', async () => {
    const events = [
      { event: 'a', distinct_id: 'u', uuid: 'x-1' },
      { event: 'a', distinct_id: 'u', uuid: 'x-1' }, // repeated in the same batch
      { event: 'b', distinct_id: 'u' }, // server uuid
      { distinct_id: 'u' },
      { event: 'c', distinct_id: 'u', properties: { blob: 'x'.repeat(2000) } },
    ];
    const r = await ingestor.ingest({ projectId: 'p', format: 'native', events, receivedAt });
    expect(r.accepted + r.duplicates + r.rejected.length).toBe(events.length);
    expect(r).toMatchObject({ accepted: 2, duplicates: 1, rejected: [{ index: 3, code: 'EVENT_MISSING_NAME' }, { index: 4, code: 'EVENT_TOO_LARGE' }] });
    expect(await store.countEvents('p')).toBe(2);
    const quarantine = await store.listQuarantine('p', { limit: 10 });
    expect(quarantine.map((q) => q.reason).sort()).toEqual(['EVENT_MISSING_NAME', 'EVENT_TOO_LARGE']);
    expect(ingestor.pendingEvents).toBe(0);
  });

  it('repairs lone surrogates for callers that did not decode through decodeRequestBody (imports)', async () => {
    await ingestor.ingest({ projectId: 'p', format: 'native', events: [{ event: 'x\uD800', distinct_id: 'u', properties: { t: '\uDC00' } }], receivedAt });
    const [stored] = await store.readEvents('p', { limit: 1 });
    expect(stored?.event).toBe('x\uFFFD');
    expect(stored?.properties['t']).toBe('\uFFFD');
  });

  it('skips the per-event size check only when the decoded body itself is within the event limit', async () => {
    const big = { event: 'c', distinct_id: 'u', properties: { blob: 'x'.repeat(2000) } };
    const checked = await ingestor.ingest({ projectId: 'p', format: 'native', events: [big], receivedAt, decoded: { bytes: 5000 } });
    expect(checked.rejected.map((r) => r.code)).toEqual(['EVENT_TOO_LARGE']);
    const small = await ingestor.ingest({ projectId: 'p', format: 'native', events: [{ event: 'd', distinct_id: 'u' }], receivedAt, decoded: { bytes: 40 } });
    expect(small.accepted).toBe(1);
  });

  it('measures large bodies per event exactly at the limit, and stores the same properties as small bodies', async () => {
    // An event whose JSON is exactly maxEventBytes is accepted; one byte more is quarantined (multi-byte text).
    const sized = (bytes: number, uuid: string): Record<string, unknown> => {
      const base = { event: '浏览', distinct_id: 'u', uuid, properties: { 城市: '北京', pad: '' } };
      const missing = bytes - Buffer.byteLength(JSON.stringify(base), 'utf8');
      return { ...base, properties: { 城市: '北京', pad: 'x'.repeat(missing) } };
    };
    const events = [
      sized(limits.maxEventBytes, 'at-limit'),
      sized(limits.maxEventBytes + 1, 'over-limit'),
      { event: 'set', distinct_id: 'u', uuid: 'top-set', $set: { plan: 'pro' }, properties: { a: 1 } },
      { event: 'late', distinct_id: 'u', uuid: 'clamped', timestamp: '2030-01-01T00:00:00Z', properties: { b: 2 } },
    ];
    const r = await ingestor.ingest({ projectId: 'p', format: 'posthog', events, receivedAt, decoded: { bytes: 5000 } });
    expect(r).toMatchObject({ accepted: 3, rejected: [{ index: 1, code: 'EVENT_TOO_LARGE' }] });
    const stored = new Map((await store.readEvents('p', { limit: 10 })).map((e) => [e.uuid, e]));
    expect(stored.get('at-limit')?.properties).toEqual(events[0]?.['properties']);
    // Properties the mapper changed are stored as built, not as sent.
    expect(stored.get('top-set')?.properties).toEqual({ a: 1, $set: { plan: 'pro' } });
    expect(stored.get('clamped')?.properties).toMatchObject({ b: 2, $timestamp_clamped: true });
    expect(Object.keys(stored.get('at-limit') ?? {})).not.toContain('propertiesJson');
  });

  it('keeps $set_once values the person already has', async () => {
    await ingestor.ingest({ projectId: 'p', format: 'posthog', events: [{ event: '$identify', distinct_id: 'u', $set_once: { first: 'ads' } }], receivedAt });
    await ingestor.ingest({ projectId: 'p', format: 'posthog', events: [{ event: 'x', distinct_id: 'u', $set_once: { first: 'seo' }, $set: { plan: 'pro' } }], receivedAt });
    const [person] = await store.getPersons('p', ['u']);
    expect(person?.properties).toEqual({ first: 'ads', plan: 'pro' });
  });

  it.each([
    ['empty', [], 'EMPTY_BATCH'],
    ['too many', Array.from({ length: 101 }, () => ({ event: 'a', distinct_id: 'u' })), 'BATCH_TOO_LARGE'],
  ])('refuses %s batches', async (_name, events, code) => {
    const error = await ingestor.ingest({ projectId: 'p', format: 'native', events, receivedAt }).catch((e: unknown) => e);
    expect(error instanceof NorthstarError && error.code).toBe(code);
  });

  it('refuses a single oversize event with PAYLOAD_TOO_LARGE', async () => {
    const events = [{ event: 'c', distinct_id: 'u', properties: { blob: 'x'.repeat(2000) } }];
    const error = await ingestor.ingest({ projectId: 'p', format: 'posthog', events, receivedAt, single: true }).catch((e: unknown) => e);
    expect(error instanceof NorthstarError && error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await store.countQuarantine('p')).toBe(0);
  });
});
