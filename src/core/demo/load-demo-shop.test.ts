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

  it('writes exactly the generated dataset, sets the north star, and a rerun of the same demo is skipped', async () => {
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
    expect(project?.settings.demo).toEqual({ seed: 11, users: 120, days: 21, end: '2026-06-01', products: 500, events: expected.events.length });

    // No `end` this time: the recorded end is reused, so it is the same demo, complete in the store: skipped
    // without generating anything (no progress ticks, nothing generated).
    const again = recordingProgress();
    const second = await loadDemoShop({ store, projects: ns.projects }, { seed: 11, users: 120, days: 21, progress: again });
    expect(second).toMatchObject({ created: false, alreadyLoaded: true, token: first.token });
    expect(second.apiKey).toBeUndefined();
    expect(second.events).toEqual({ generated: 0, stored: 0, duplicates: 0 });
    expect(again.calls).toEqual([]);
    expect(second.metadata.eventCount).toBe(expected.events.length);
    expect(second.metadata.eventNames).toEqual(expected.metadata.eventNames);
    expect(second.metadata.incident).toEqual(expected.metadata.incident);
    expect(await store.countEvents('demo-shop')).toBe(expected.events.length);

    // A different size is a different demo: loaded (through dedup for the users both share).
    const bigger = await loadDemoShop({ store, projects: ns.projects }, { seed: 11, users: 130, days: 21 });
    expect(bigger.alreadyLoaded).toBe(false);
    expect(bigger.events.generated).toBeGreaterThan(0);
  });

  it('completes a partial load through dedup, and loads when the settings predate the recorded count', async () => {
    const expected = generateDemoShop(OPTIONS);
    await ns.projects.create('Demo Shop', { id: 'demo-shop' });
    const half = Math.floor(expected.events.length / 2);
    await store.writeEvents({ projectId: 'demo-shop', events: expected.events.slice(0, half), quarantine: [] });
    // As if a complete load had been recorded but events are missing (e.g. the file was restored from an old copy).
    const demo = { seed: 11, users: 120, days: 21, end: '2026-06-01', products: 500 };
    await store.updateProjectSettings('demo-shop', { demo: { ...demo, events: expected.events.length } });
    const partial = await loadDemoShop({ store, projects: ns.projects }, OPTIONS);
    expect(partial.alreadyLoaded).toBe(false);
    expect(partial.events).toEqual({ generated: expected.events.length, stored: expected.events.length - half, duplicates: half });
    expect(await store.countEvents('demo-shop')).toBe(expected.events.length);

    // Settings written by a version without `events`: not trusted, loaded through dedup, then recorded.
    await store.updateProjectSettings('demo-shop', { demo });
    const old = await loadDemoShop({ store, projects: ns.projects }, OPTIONS);
    expect(old).toMatchObject({ alreadyLoaded: false, events: { stored: 0, duplicates: expected.events.length } });
    expect((await loadDemoShop({ store, projects: ns.projects }, OPTIONS)).alreadyLoaded).toBe(true);
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
