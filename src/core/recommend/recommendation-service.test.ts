import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { generateDemoShop, type DemoShopDataset } from '../demo/generate-demo-shop.js';
import { loadDemoShop } from '../demo/load-demo-shop.js';
import { createNorthstar, type Northstar } from '../northstar.js';

const OPTIONS = { seed: 7, users: 300, days: 30, end: '2026-06-01' } as const;
const P = 'demo-shop';

let ns: Northstar;
let shop: DemoShopDataset;

/** Distinct ids with their purchased product ids, from the generated fixture. */
function purchasesByUser(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of shop.events) {
    if (e.event !== 'order_completed' || typeof e.properties['product_id'] !== 'string') continue;
    let set = out.get(e.distinctId);
    if (set === undefined) out.set(e.distinctId, (set = new Set()));
    set.add(e.properties['product_id']);
  }
  return out;
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    return error instanceof NorthstarError ? error.code : 'not a NorthstarError';
  }
  return 'no error';
}

beforeAll(async () => {
  ns = createNorthstar({ store: await createDuckDbStore({ path: ':memory:' }) });
  shop = generateDemoShop(OPTIONS);
  await loadDemoShop({ store: ns.store, projects: ns.projects }, OPTIONS);
}, 60_000);
afterAll(async () => {
  await ns.close();
});

describe('recommendations before any model', () => {
  it('answers the store-trending fallback with reason no_model, and no_events for an empty project', async () => {
    const list = await ns.recommendations.recommendFor(P, 'user_00001', { k: 5 });
    expect(list.reason).toBe('no_model');
    expect(list.model).toBeNull();
    expect(list.items).toHaveLength(5);
    expect(list.items.every((i) => i.explanation.kind === 'trending')).toBe(true);
    const empty = await ns.projects.create('Empty', { id: 'empty-shop' });
    const none = await ns.recommendations.recommendFor(empty.id, 'u1');
    expect(none).toMatchObject({ reason: 'no_events', items: [] });
    expect(await codeOf(ns.recommendations.similarItems(P, 'anything'))).toBe('NOT_FOUND');
    expect(await codeOf(ns.recommendations.train(empty.id))).toBe('NO_INTERACTIONS');
  });
});

describe('training and serving over the demo shop', () => {
  it('trains EASE by default as a job with progress, with temporal metrics', async () => {
    const job = ns.recommendations.startTraining(P);
    expect(job.status).toBe('running');
    expect(ns.recommendations.models(P).training?.id).toBe(job.id);
    // Poll the job as a client would.
    let state = ns.recommendations.job(P, job.id);
    while (state.status === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      state = ns.recommendations.job(P, job.id);
    }
    expect(state).toMatchObject({ status: 'succeeded', version: 1, error: null });
    expect(state.progress.done).toBeGreaterThan(0);
    const models = ns.recommendations.models(P);
    expect(models.active).toBe(1);
    const v1 = models.versions[0]!;
    expect(v1.model).toBe('ease');
    expect(v1.metrics).not.toBeNull();
    expect(v1.metrics!.ndcg).toBeGreaterThan(0);
    expect(v1.metrics!.ndcg).toBeLessThanOrEqual(1);
    expect(v1.counts.items).toBeGreaterThan(50);
  }, 60_000);

  it('excludes purchased items, explains each item by something the user touched', async () => {
    const [user, bought] = [...purchasesByUser()].sort((a, b) => b[1].size - a[1].size)[0]!;
    const list = await ns.recommendations.recommendFor(P, user, { k: 10 });
    expect(list.reason).toBe('personalized');
    expect(list.items).toHaveLength(10);
    for (const item of list.items) expect(bought.has(item.itemId)).toBe(false);
    const touched = new Set(shop.events.filter((e) => e.distinctId === user).map((e) => e.properties['product_id']));
    const personal = list.items.filter((i) => i.explanation.kind === 'seen_item');
    expect(personal.length).toBeGreaterThan(5);
    for (const item of personal) {
      const why = item.explanation;
      if (why.kind !== 'seen_item') continue;
      expect(touched.has(why.itemId)).toBe(true);
      expect(why.en).toMatch(/^Because you (viewed|added|bought) /);
      const product = shop.items.find((i) => i.itemId === why.itemId)!;
      expect(why.en).toContain(product.properties['title_en'] as string);
      expect(why.zh).toContain(product.properties['title_zh'] as string);
      expect(why.zh).toMatch(/^因为你/);
    }
    const scores = list.items.filter((i) => i.explanation.kind === 'seen_item').map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('respects a category filter and spreads categories with diversity', async () => {
    const user = [...purchasesByUser().keys()][3]!;
    const list = await ns.recommendations.recommendFor(P, user, { k: 8, category: 'Books' });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.category === 'Books')).toBe(true);
    const plain = await ns.recommendations.recommendFor(P, user, { k: 10 });
    const diverse = await ns.recommendations.recommendFor(P, user, { k: 10, diversity: 0.8 });
    const cats = (l: typeof plain) => new Set(l.items.map((i) => i.category)).size;
    expect(cats(diverse)).toBeGreaterThanOrEqual(cats(plain));
    expect(cats(diverse)).toBeGreaterThan(2);
  });

  it('similar items of a popular product are mostly in its category', async () => {
    const counts = new Map<string, number>();
    for (const e of shop.events) {
      const id = e.properties['product_id'];
      if (e.event === 'product_viewed' && typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id]) => id);
    let same = 0;
    let total = 0;
    for (const id of top) {
      const category = shop.items.find((i) => i.itemId === id)!.properties['category'];
      const similar = await ns.recommendations.similarItems(P, id, { k: 10 });
      expect(similar.method).toBe('model');
      expect(similar.items.map((i) => i.itemId)).not.toContain(id);
      same += similar.items.filter((i) => i.category === category).length;
      total += similar.items.length;
    }
    expect(total).toBeGreaterThan(0);
    expect(same / total).toBeGreaterThan(0.5);
  });

  it('gives an unknown user the trending fallback with reason cold_start, within a category when asked', async () => {
    const list = await ns.recommendations.recommendFor(P, 'never-seen-user', { k: 5, category: 'Books' });
    expect(list.reason).toBe('cold_start');
    expect(list.items).toHaveLength(5);
    expect(list.items.every((i) => i.category === 'Books' && i.explanation.kind === 'trending')).toBe(true);
  });

  it('folds in events written after training, without a retrain', async () => {
    const item = shop.items.find((i) => i.properties['category'] === 'Books')!.itemId;
    const before = await ns.recommendations.recommendFor(P, 'fresh-user', { k: 5 });
    expect(before.reason).toBe('cold_start');
    await ns.store.writeEvents({
      projectId: P,
      events: [{ uuid: '0190aaaa-0000-7000-8000-000000000002', event: 'product_viewed', distinctId: 'fresh-user', timestamp: new Date('2026-06-01T10:00:00Z'), receivedAt: new Date('2026-06-01T10:00:01Z'), properties: { product_id: item, category: 'Books' }, sessionId: null }],
      quarantine: [],
    });
    const after = await ns.recommendations.recommendFor(P, 'fresh-user', { k: 5 });
    expect(after.reason).toBe('personalized');
    expect(after.model?.version).toBe(1);
    expect(after.items[0]!.explanation).toMatchObject({ kind: 'seen_item', itemId: item, event: 'product_viewed' });
  });

  it('keeps versions: a new model becomes active, activating the old one rolls back', async () => {
    const v2 = await ns.recommendations.train(P, { model: 'itemknn' });
    expect(v2).toMatchObject({ version: 2, model: 'itemknn', active: true });
    const user = [...purchasesByUser().keys()][0]!;
    expect((await ns.recommendations.recommendFor(P, user)).model).toEqual({ version: 2, name: 'itemknn' });
    expect(ns.recommendations.activate(P, 1)).toMatchObject({ version: 1, active: true });
    const models = ns.recommendations.models(P);
    expect(models.active).toBe(1);
    expect(models.versions.map((v) => [v.version, v.active])).toEqual([[1, true], [2, false]]);
    expect((await ns.recommendations.recommendFor(P, user)).model).toEqual({ version: 1, name: 'ease' });
    expect(await codeOf(() => ns.recommendations.activate(P, 99))).toBe('NOT_FOUND');
  }, 60_000);

  it('ALS serves known users from their vectors and explains through item factors', async () => {
    await ns.recommendations.train(P, { model: 'als:factors=16:iterations=5' });
    const user = [...purchasesByUser().keys()][1]!;
    const list = await ns.recommendations.recommendFor(P, user, { k: 5 });
    expect(list).toMatchObject({ reason: 'personalized', model: { version: 3 } });
    expect(list.items).toHaveLength(5);
    // A user unknown to the factors (written after training) is folded in through the item factors.
    const fresh = await ns.recommendations.recommendFor(P, 'fresh-user', { k: 3 });
    expect(fresh.reason).toBe('personalized');
    expect(fresh.items[0]!.explanation).toMatchObject({ kind: 'seen_item', event: 'product_viewed' });
    const similar = await ns.recommendations.similarItems(P, list.items[0]!.itemId, { k: 3 });
    expect(similar.items).toHaveLength(3);
    ns.recommendations.activate(P, 1);
  }, 60_000);

  it('answers bad input with codes', async () => {
    for (const k of [0, 101, 2.5]) expect(await codeOf(ns.recommendations.recommendFor(P, 'u', { k }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(ns.recommendations.recommendFor(P, '', {}))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(ns.recommendations.recommendFor(P, 'u', { diversity: 2 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(ns.recommendations.similarItems(P, 'no-such-item'))).toBe('NOT_FOUND');
    expect(await codeOf(ns.recommendations.similarItems(P, shop.items[0]!.itemId, { k: 0 }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => ns.recommendations.startTraining(P, { model: 'nope' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(() => ns.recommendations.job(P, 'no-such-job'))).toBe('NOT_FOUND');
  });
});
