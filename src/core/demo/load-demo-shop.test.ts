import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../common/progress.js';
import type { EventStore } from '../../store/event-store.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { createNorthstar, type Northstar } from '../northstar.js';
import { generateDemoShop } from './generate-demo-shop.js';
import { loadDemoShop } from './load-demo-shop.js';

const OPTIONS = { seed: 11, users: 120, days: 21, end: '2026-06-01' } as const;

function recordingProgress(): Progress & { calls: string[]; done: number; total: number | undefined } {
  const p = {
    calls: [] as string[],
    done: 0,
    total: undefined as number | undefined,
    start(total: number | undefined) {
      p.total = total;
      p.calls.push('start');
    },
    tick(delta = 1) {
      p.done += delta;
    },
    finish() {
      p.calls.push('finish');
    },
  };
  return p;
}

describe('loadDemoShop', () => {
  let store: EventStore;
  let ns: Northstar;
  beforeEach(async () => {
    store = await createDuckDbStore({ path: ':memory:' });
    ns = createNorthstar({ store });
  });
  afterEach(async () => {
    await ns.close();
  });

  it('writes exactly the generated dataset, sets the north star, and a reload stores nothing new', async () => {
    const expected = generateDemoShop(OPTIONS);
    const progress = recordingProgress();
    const first = await loadDemoShop({ store, projects: ns.projects }, { ...OPTIONS, progress, batchSize: 1000 });
    expect(first).toMatchObject({ projectId: 'demo-shop', created: true, token: expect.stringMatching(/^phc_/), apiKey: expect.stringMatching(/^nsk_/) });
    expect(first.events).toEqual({ generated: expected.events.length, stored: expected.events.length, duplicates: 0 });
    expect(progress.calls).toEqual(['start', 'finish']);
    expect(progress.done).toBe(OPTIONS.users);
    expect(progress.total).toBe(OPTIONS.users);
    expect(await store.countEvents('demo-shop')).toBe(expected.events.length);
    expect(first.metadata.incident).toEqual(expected.metadata.incident);

    // Same uuids in the store as in the in-memory fixture.
    const stored = await store.readEvents('demo-shop', { limit: 50 });
    const expectedIds = new Set(expected.events.map((e) => e.uuid));
    for (const e of stored) expect(expectedIds.has(e.uuid)).toBe(true);

    const items = await store.listItems('demo-shop', { limit: 1000 });
    expect(items).toHaveLength(500);
    const persons = await store.getPersons('demo-shop', ['user_00001', 'user_00002']);
    expect(persons.map((p) => p.distinctId).sort()).toEqual(['user_00001', 'user_00002']);
    expect(await store.listFeedback('demo-shop', { limit: 10_000 })).toHaveLength(expected.feedback.length);

    const project = await store.getProject('demo-shop');
    expect(project?.settings.northStar).toMatchObject({ kind: 'trend', interval: 'week', series: [{ event: 'order_completed', math: 'unique_users' }] });
    expect(project?.settings.demo).toEqual({ seed: 11, users: 120, days: 21, end: '2026-06-01' });

    // No `end` this time: the recorded end is reused, so the very same events come out and dedup.
    const second = await loadDemoShop({ store, projects: ns.projects }, { seed: 11, users: 120, days: 21 });
    expect(second.created).toBe(false);
    expect(second.apiKey).toBeUndefined();
    expect(second.token).toBe(first.token);
    expect(second.events).toEqual({ generated: expected.events.length, stored: 0, duplicates: expected.events.length });
    expect(second.feedback.stored).toBe(0);
    expect(await store.countEvents('demo-shop')).toBe(expected.events.length);
  });

  it('keeps a north star the owner chose when reloading', async () => {
    await loadDemoShop({ store, projects: ns.projects }, { ...OPTIONS, users: 20 });
    await ns.insights.setNorthStar('demo-shop', { kind: 'trend', series: [{ event: '$pageview', math: 'total' }], interval: 'day' });
    await loadDemoShop({ store, projects: ns.projects }, { ...OPTIONS, users: 20 });
    const { spec } = await ns.insights.getNorthStar('demo-shop');
    expect(spec.series[0]?.event).toBe('$pageview');
  });

  it('finds the planted incident through the funnel insight', async () => {
    const loaded = await loadDemoShop({ store, projects: ns.projects }, { seed: 5, users: 900, days: 21, end: '2026-06-01' });
    const { date, platform } = loaded.metadata.incident;
    const funnel = await ns.insights.run('demo-shop', 'funnel', {
      steps: [{ event: 'checkout_started' }, { event: 'order_completed' }],
      windowSeconds: 3600,
      breakdown: 'platform',
      dateFrom: `${date}T00:00:00Z`,
      dateTo: `${date}T23:59:59Z`,
    });
    if (funnel.kind !== 'funnel') throw new Error('expected a funnel result');
    const byPlatform = new Map((funnel.breakdowns ?? []).map((b) => [b.breakdownValue, b.steps[1]?.conversionFromPrevious ?? Number.NaN]));
    expect(byPlatform.get(platform)).toBeLessThan(0.3);
    expect(byPlatform.get('ios')).toBeGreaterThan(0.5);
  });
});
