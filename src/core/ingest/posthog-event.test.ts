import { describe, expect, it } from 'vitest';
import { buildEvent } from './build-event.js';
import { fromPostHog, splitPostHogBody } from './posthog-event.js';

const receivedAt = new Date('2026-03-10T12:00:00.000Z');

describe('splitPostHogBody', () => {
  it.each([
    ['array', [{ event: 'a', properties: { token: 'phc_x' } }], 'phc_x', false, 1],
    ['batch (posthog-node)', { api_key: 'phc_y', batch: [{ event: 'a' }, { event: 'b' }] }, 'phc_y', false, 2],
    ['single with token', { token: 'phc_z', event: 'a' }, 'phc_z', true, 1],
    ['single with properties.token (posthog-js)', { event: 'a', properties: { token: 'phc_w' } }, 'phc_w', true, 1],
    ['data wrapper', { data: [{ event: 'a', api_key: 'phc_v' }] }, 'phc_v', false, 1],
  ])('%s', (_name, body, token, single, count) => {
    const split = splitPostHogBody(body);
    expect(split?.token).toBe(token);
    expect(split?.single).toBe(single);
    expect(split?.events).toHaveLength(count);
  });

  it('flags historical_migration batches', () => {
    expect(splitPostHogBody({ api_key: 'k', historical_migration: true, batch: [] })?.historical).toBe(true);
    expect(splitPostHogBody({ api_key: 'k', batch: [] })?.historical).toBe(false);
  });

  it('returns undefined for a non-object body', () => {
    expect(splitPostHogBody('hello')).toBeUndefined();
    expect(splitPostHogBody(3)).toBeUndefined();
  });
});

describe('fromPostHog', () => {
  it('maps a posthog-node capture with skew correction and $insert_id', () => {
    const sentAt = '2026-03-10T11:00:00.000Z'; // device clock 1 h slow
    const wire = fromPostHog(
      { event: 'buy', distinct_id: 'u1', timestamp: '2026-03-10T10:59:50.000Z', properties: { $insert_id: 'ins-1', price: 3 } },
      sentAt,
    );
    const r = buildEvent(wire, receivedAt);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.event.uuid).toBe('ins-1');
    expect(r.value.event.timestamp.toISOString()).toBe('2026-03-10T11:59:50.000Z');
  });

  it('takes distinct_id from properties and $set from the top level', () => {
    const wire = fromPostHog({ event: '$identify', properties: { distinct_id: 'p1' }, $set: { name: '王' } }, undefined);
    const r = buildEvent(wire, receivedAt);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.event.distinctId).toBe('p1');
    expect(r.value.person?.set).toEqual({ name: '王' });
  });
});
