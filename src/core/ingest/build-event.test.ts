import { describe, expect, it } from 'vitest';
import { buildEvent, mergePersonUpdates, normalizeEventId, toPersonRecord, type WireEvent } from './build-event.js';

const receivedAt = new Date('2026-03-10T12:00:00.000Z');
const wire = (overrides: Partial<WireEvent>): WireEvent => ({
  id: undefined,
  event: 'signup',
  distinctId: 'u1',
  properties: { plan: 'pro' },
  timestamp: undefined,
  sentAt: undefined,
  offset: undefined,
  ...overrides,
});

describe('buildEvent', () => {
  it('builds a stored row from a valid event', () => {
    const r = buildEvent(wire({ id: 'A1B2C3D4-0000-4000-8000-000000000001', properties: { plan: 'pro', $session_id: 's1' } }), receivedAt);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.event).toEqual({
      uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
      event: 'signup',
      distinctId: 'u1',
      timestamp: receivedAt,
      receivedAt,
      properties: { plan: 'pro', $session_id: 's1' },
      sessionId: 's1',
    });
    expect(r.value.generatedId).toBe(false);
    expect(r.value.person).toBeUndefined();
  });

  it('mints a uuidv7 when the client sent no id', () => {
    const r = buildEvent(wire({}), receivedAt);
    expect(r.ok && r.value.generatedId).toBe(true);
    expect(r.ok && r.value.event.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('stringifies numeric distinct ids', () => {
    const r = buildEvent(wire({ distinctId: 42 }), receivedAt);
    expect(r.ok && r.value.event.distinctId).toBe('42');
  });

  it.each([
    ['missing name', { event: undefined }, 'EVENT_MISSING_NAME'],
    ['empty name', { event: '' }, 'EVENT_MISSING_NAME'],
    ['numeric name', { event: 5 }, 'EVENT_INVALID_TYPE'],
    ['name too long', { event: 'x'.repeat(201) }, 'EVENT_INVALID_TYPE'],
    ['missing distinct id', { distinctId: undefined }, 'EVENT_MISSING_DISTINCT_ID'],
    ['blank distinct id', { distinctId: '  ' }, 'EVENT_MISSING_DISTINCT_ID'],
    ['object distinct id', { distinctId: { a: 1 } }, 'EVENT_INVALID_TYPE'],
    ['array properties', { properties: [1, 2] }, 'EVENT_INVALID_TYPE'],
    ['string $set', { set: 'x' }, 'EVENT_INVALID_TYPE'],
    ['numeric uuid', { id: 12 }, 'EVENT_INVALID_UUID'],
    ['empty uuid', { id: '' }, 'EVENT_INVALID_UUID'],
  ] as const)('rejects %s with %s', (_name, overrides, code) => {
    const r = buildEvent(wire(overrides), receivedAt);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('clamps a far-future timestamp, marks it and warns', () => {
    const r = buildEvent(wire({ timestamp: '2026-03-12T12:00:00Z' }), receivedAt);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.event.timestamp).toEqual(receivedAt);
    expect(r.value.event.properties).toMatchObject({ $timestamp_clamped: true, $timestamp_original: '2026-03-12T12:00:00Z' });
    expect(r.value.warning?.code).toBe('EVENT_INVALID_TIMESTAMP');
  });

  it('keeps an ancient-timestamp event with the receive time', () => {
    const r = buildEvent(wire({ timestamp: '1970-01-01T00:00:00Z' }), receivedAt);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.event.timestamp).toEqual(receivedAt);
    expect(r.value.event.properties['$timestamp_invalid']).toBe(true);
  });

  it('derives a person update from $set / $set_once and $identify', () => {
    const r = buildEvent(wire({ event: '$identify', set: { email: 'a@b.c' }, setOnce: { first: 'x' } }), receivedAt);
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.person).toEqual({ distinctId: 'u1', set: { email: 'a@b.c' }, setOnce: { first: 'x' }, seenAt: receivedAt });
    expect(r.value.event.properties['$set']).toEqual({ email: 'a@b.c' });
  });
});

describe('normalizeEventId', () => {
  it('keeps non-UUID ids verbatim and lower-cases UUIDs', () => {
    expect(normalizeEventId('ajs-next-123')).toEqual({ ok: true, value: 'ajs-next-123' });
    expect(normalizeEventId('0190A1B2-0000-7000-8000-00000000000F')).toEqual({ ok: true, value: '0190a1b2-0000-7000-8000-00000000000f' });
  });
});

describe('person updates', () => {
  const t1 = new Date('2026-01-01T00:00:00Z');
  const t2 = new Date('2026-01-02T00:00:00Z');
  it('merges a batch: later $set wins, earliest $set_once wins, seen range spans both', () => {
    const merged = mergePersonUpdates([
      { distinctId: 'u', set: { a: 1 }, setOnce: { o: 'first' }, seenAt: t2 },
      { distinctId: 'u', set: { a: 2 }, setOnce: { o: 'second' }, seenAt: t1 },
    ]);
    expect(merged).toEqual([{ distinctId: 'u', set: { a: 2 }, setOnce: { o: 'first' }, firstSeen: t1, lastSeen: t2 }]);
  });

  it('leaves $set_once to the store and keeps "__proto__" keys as data', () => {
    const updates = [
      { distinctId: 'u', set: JSON.parse('{"a":1,"__proto__":{"x":1}}') as Record<string, unknown>, setOnce: { o: 'new' }, seenAt: t1 },
      { distinctId: 'u', set: { b: 2 }, setOnce: {}, seenAt: t1 },
    ];
    const [m] = mergePersonUpdates(updates);
    if (m === undefined) throw new Error('expected one update');
    const record = toPersonRecord(m);
    expect(Object.keys(record.properties)).toEqual(['a', '__proto__', 'b']);
    expect(Object.getPrototypeOf(record.properties)).toBe(Object.prototype);
    expect(record.setOnce).toEqual({ o: 'new' });
    const [plain] = mergePersonUpdates([{ distinctId: 'v', set: { a: 1 }, setOnce: {}, seenAt: t1 }]);
    expect(plain === undefined ? 'missing' : toPersonRecord(plain)).toEqual({ distinctId: 'v', properties: { a: 1 }, firstSeen: t1, lastSeen: t1 });
  });

});
