import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-support.js';

/**
 * Persons through the HTTP API: PostHog `$identify` / `$set` / `$set_once` and Segment `identify` traits merge
 * into the persons table; `$set_once` never overwrites; first/last seen span the person's events.
 */

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const basic = (writeKey: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` });
const at = (minute: number): string => new Date(Date.UTC(2026, 2, 10, 12, minute)).toISOString();

async function capture(payload: Record<string, unknown>): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: '/batch', payload: { api_key: t.project.token, historical_migration: true, ...payload } });
  expect(res.statusCode).toBe(200);
  expect(res.json().rejected).toEqual([]);
}

describe('persons from PostHog and Segment', () => {
  it('merges posthog-js $identify, top-level $set / $set_once, and keeps first/last seen over all events', async () => {
    await capture({
      batch: [
        { event: '$pageview', distinct_id: 'ph-1', timestamp: at(1) },
        {
          event: '$identify',
          distinct_id: 'ph-1',
          timestamp: at(5),
          properties: { $anon_distinct_id: 'anon-1', $set: { email: 'a@b.c', 城市: '北京' }, $set_once: { source: 'ads' } },
        },
        { event: 'buy', distinct_id: 'ph-1', timestamp: at(9) },
      ],
    });
    let [person] = await t.northstar.store.getPersons(t.project.id, ['ph-1']);
    expect(person).toEqual({
      distinctId: 'ph-1',
      properties: { email: 'a@b.c', 城市: '北京', source: 'ads' },
      firstSeen: new Date(at(1)),
      lastSeen: new Date(at(9)),
    });

    // A later request: $set overwrites, $set_once fills only new keys, the seen range widens on both sides.
    await capture({
      batch: [
        { event: 'x', distinct_id: 'ph-1', timestamp: at(0), $set: { email: 'new@b.c' }, $set_once: { source: 'seo', plan: 'trial' } },
        { event: 'y', distinct_id: 'ph-1', timestamp: at(20), properties: { $set_once: { 城市: '上海' } } },
      ],
    });
    [person] = await t.northstar.store.getPersons(t.project.id, ['ph-1']);
    expect(person).toEqual({
      distinctId: 'ph-1',
      properties: { email: 'new@b.c', 城市: '北京', source: 'ads', plan: 'trial' },
      firstSeen: new Date(at(0)),
      lastSeen: new Date(at(20)),
    });
  });

  it('concurrent $set_once requests leave one row with one of their values, which later requests keep', async () => {
    const sends = ['a', 'b', 'c', 'd'].map((value, i) =>
      t.app.inject({
        method: 'POST',
        url: '/capture',
        payload: { api_key: t.project.token, event: 'e', distinct_id: 'race', uuid: `00000000-0000-7000-8000-00000000000${i}`, $set_once: { first: value } },
      }),
    );
    for (const res of await Promise.all(sends)) expect(res.statusCode).toBe(200);
    const persons = await t.northstar.store.getPersons(t.project.id, ['race']);
    expect(persons).toHaveLength(1);
    const first = persons[0]?.properties['first'];
    expect(['a', 'b', 'c', 'd']).toContain(first);
    // Later set_once requests never change it.
    await capture({ batch: [{ event: 'e', distinct_id: 'race', $set_once: { first: 'z' } }] });
    expect((await t.northstar.store.getPersons(t.project.id, ['race']))[0]?.properties['first']).toBe(first);
  });

  it('merges Segment identify traits, single and in /v1/batch', async () => {
    const headers = basic(t.project.token);
    let res = await t.app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers,
      payload: { userId: 'seg-1', traits: { name: '王芳', plan: 'free' }, timestamp: at(3), messageId: 'seg-id-1' },
    });
    expect(res.statusCode).toBe(200);
    res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers,
      payload: {
        batch: [
          { type: 'track', event: 'Viewed', userId: 'seg-1', timestamp: at(7), messageId: 'seg-b-1' },
          { type: 'identify', userId: 'seg-1', traits: { plan: 'pro' }, timestamp: at(6), messageId: 'seg-b-2' },
          { type: 'identify', anonymousId: 'anon-seg', traits: { referrer: 'wechat' }, messageId: 'seg-b-3' },
        ],
      },
    });
    expect(res.json()).toMatchObject({ accepted: 3, rejected: [] });
    const [anon, seg] = await t.northstar.store.getPersons(t.project.id, ['seg-1', 'anon-seg']);
    expect(seg).toEqual({ distinctId: 'seg-1', properties: { name: '王芳', plan: 'pro' }, firstSeen: new Date(at(3)), lastSeen: new Date(at(7)) });
    expect(anon?.properties).toEqual({ referrer: 'wechat' });
  });

  it('does not create persons for events without person properties', async () => {
    await capture({ batch: [{ event: 'view', distinct_id: 'nobody' }] });
    expect(await t.northstar.store.getPersons(t.project.id, ['nobody'])).toEqual([]);
  });
});
