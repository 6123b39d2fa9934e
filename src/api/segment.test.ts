import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const basic = (writeKey: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` });

describe('Segment HTTP API', () => {
  it.each([
    ['track', { event: 'Order Completed', userId: 'u1', properties: { revenue: 9 } }, 'Order Completed'],
    ['page', { userId: 'u1', name: 'Home', properties: { url: 'https://shop/' } }, '$pageview'],
    ['screen', { userId: 'u1', name: 'Cart' }, '$screen'],
    ['identify', { userId: 'u1', traits: { email: 'u1@x.y' } }, '$identify'],
    ['group', { userId: 'u1', groupId: 'acme' }, '$groupidentify'],
    ['alias', { userId: 'u1', previousId: 'anon-1' }, '$create_alias'],
  ] as const)('/v1/%s stores %s', async (type, body, event) => {
    const messageId = `msg-${type}`;
    const res = await t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic(t.project.token), payload: { ...body, messageId } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, success: true });
    const rows = await t.northstar.store.readEvents(t.project.id, { limit: 100, events: [event] });
    expect(rows.some((r) => r.uuid === messageId)).toBe(true);
  });

  it('ingests /v1/batch with writeKey in the body and dedups on messageId', async () => {
    const payload = {
      writeKey: t.project.token,
      batch: [
        { type: 'track', event: 'A', anonymousId: 'anon-9', messageId: 'b-1' },
        { type: 'page', anonymousId: 'anon-9', messageId: 'b-2' },
        { type: 'track', messageId: 'b-3' },
      ],
    };
    const first = await t.app.inject({ method: 'POST', url: '/v1/batch', payload });
    expect(first.json()).toMatchObject({ accepted: 2, duplicates: 0, rejected: [{ index: 2, code: 'EVENT_MISSING_NAME' }] });
    const again = await t.app.inject({ method: 'POST', url: '/v1/import', payload });
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('updates the person from identify traits', async () => {
    const [person] = await t.northstar.store.getPersons(t.project.id, ['u1']);
    expect(person?.properties).toMatchObject({ email: 'u1@x.y' });
  });

  it('rejects an unknown write key', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/track', headers: basic('wrong'), payload: { event: 'x', userId: 'u' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_TOKEN');
  });
});
