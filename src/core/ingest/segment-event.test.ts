import { describe, expect, it } from 'vitest';
import { buildEvent } from './build-event.js';
import { fromSegment, splitSegmentBody } from './segment-event.js';

const receivedAt = new Date('2026-03-10T12:00:00.000Z');
const noBatch: { sentAt: unknown; context: unknown } = { sentAt: undefined, context: undefined };

function build(raw: Record<string, unknown>, route?: Parameters<typeof fromSegment>[1], batch = noBatch) {
  const r = buildEvent(fromSegment(raw, route, batch), receivedAt);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('fromSegment', () => {
  it('maps track with messageId, userId, context and sentAt skew', () => {
    const v = build(
      {
        type: 'track',
        event: 'Order Completed',
        userId: 'u1',
        anonymousId: 'a1',
        messageId: 'ajs-1',
        timestamp: '2026-03-10T10:00:00Z',
        sentAt: '2026-03-10T10:00:10Z',
        context: { library: { name: 'analytics-node', version: '3.1.0' }, ip: '1.2.3.4' },
        properties: { revenue: 10 },
      },
      'track',
    );
    expect(v.event).toMatchObject({ uuid: 'ajs-1', event: 'Order Completed', distinctId: 'u1' });
    expect(v.event.timestamp.toISOString()).toBe('2026-03-10T11:59:50.000Z');
    expect(v.event.properties).toMatchObject({ revenue: 10, $lib: 'analytics-node', $lib_version: '3.1.0', $anon_distinct_id: 'a1' });
    expect(v.event.properties['$context']).toEqual({ library: { name: 'analytics-node', version: '3.1.0' }, ip: '1.2.3.4' });
  });

  it.each([
    ['page', { name: 'Home', properties: { url: 'https://x/' } }, '$pageview', { $page_name: 'Home', $current_url: 'https://x/' }],
    ['screen', { name: 'Cart' }, '$screen', { $screen_name: 'Cart' }],
    ['group', { groupId: 'g1', traits: { plan: 'x' } }, '$groupidentify', { $group_key: 'g1', $group_set: { plan: 'x' } }],
    ['alias', { previousId: 'old' }, '$create_alias', { alias: 'old' }],
  ] as const)('maps %s', (type, fields, event, props) => {
    const v = build({ ...fields, userId: 'u1' }, type);
    expect(v.event.event).toBe(event);
    expect(v.event.properties).toMatchObject(props);
  });

  it('maps identify traits to a person $set and falls back to anonymousId', () => {
    const v = build({ anonymousId: 'anon-9', traits: { email: 'x@y.z' } }, 'identify');
    expect(v.event.event).toBe('$identify');
    expect(v.event.distinctId).toBe('anon-9');
    expect(v.person?.set).toEqual({ email: 'x@y.z' });
  });

  it('rejects a call with neither userId nor anonymousId', () => {
    const r = buildEvent(fromSegment({ event: 'x' }, 'track', noBatch), receivedAt);
    expect(r.ok ? 'ok' : r.error.code).toBe('EVENT_MISSING_DISTINCT_ID');
  });

  it('uses the body type over the route in a batch, and the batch context', () => {
    const split = splitSegmentBody({
      writeKey: 'phc_k',
      sentAt: '2026-03-10T12:00:00Z',
      context: { app: 'demo' },
      batch: [{ type: 'page', userId: 'u', name: 'P' }],
    });
    expect(split?.writeKey).toBe('phc_k');
    const first = split?.events[0] as Record<string, unknown>;
    const v = build(first, undefined, { sentAt: split?.sentAt, context: split?.context });
    expect(v.event.event).toBe('$pageview');
    expect(v.event.properties['$context']).toEqual({ app: 'demo' });
  });
});
