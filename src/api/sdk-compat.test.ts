import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-support.js';

/** The real SDKs against a live port: the events they send must be stored and queryable. */
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await makeTestApp();
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await t.close();
});

describe('SDK compatibility (live port)', () => {
  it('posthog-node: capture, identify and flags run unchanged', async () => {
    const client = new PostHog(t.project.token, { host: url, flushAt: 100, flushInterval: 0 });
    const errors: unknown[] = [];
    client.on('error', (error: unknown) => errors.push(error));
    client.capture({ distinctId: 'ph-user', event: 'purchase', properties: { price: 12.5 } });
    client.capture({ distinctId: 'ph-user', event: 'purchase', properties: { price: 7.5 } });
    client.identify({ distinctId: 'ph-user', properties: { email: 'ph@example.com' } });
    expect(await client.isFeatureEnabled('anything', 'ph-user')).toBeFalsy();
    await client.shutdown();
    expect(errors).toEqual([]);
    const purchases = await t.northstar.store.readEvents(t.project.id, { limit: 10, events: ['purchase'] });
    expect(purchases.map((e) => e.properties['price']).sort()).toEqual([12.5, 7.5]);
    expect(purchases.every((e) => /^[0-9a-f-]{36}$/.test(e.uuid))).toBe(true);
    const [person] = await t.northstar.store.getPersons(t.project.id, ['ph-user']);
    expect(person?.properties).toMatchObject({ email: 'ph@example.com' });
  });

  it('@segment/analytics-node: track, page and identify via HTTP Basic write key', async () => {
    const analytics = new Analytics({ writeKey: t.project.token, host: url, path: '/v1/batch', flushAt: 10, flushInterval: 50, maxRetries: 0 });
    const errors: unknown[] = [];
    analytics.on('error', (error: unknown) => errors.push(error));
    analytics.track({ userId: 'seg-user', event: 'Order Completed', properties: { revenue: 30 } });
    analytics.page({ userId: 'seg-user', name: 'Home', properties: { url: 'https://shop.example/' } });
    analytics.identify({ userId: 'seg-user', traits: { plan: 'pro' } });
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);
    const names = (await t.northstar.store.listEventNames(t.project.id)).map((n) => n.event);
    expect(names).toEqual(expect.arrayContaining(['Order Completed', '$pageview', '$identify']));
    const [order] = await t.northstar.store.readEvents(t.project.id, { limit: 1, events: ['Order Completed'] });
    expect(order?.distinctId).toBe('seg-user');
    expect(order?.properties['$lib']).toBe('@segment/analytics-node');
  });
});
