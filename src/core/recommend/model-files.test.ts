import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import { generateDemoShop } from '../demo/generate-demo-shop.js';
import { loadDemoShop } from '../demo/load-demo-shop.js';
import { createNorthstar, type Northstar } from '../northstar.js';
import { createRecommendationService, type RecommendationService } from './recommendation-service.js';

const OPTIONS = { seed: 11, users: 200, days: 30, end: '2026-06-01' } as const;
const P = 'demo-shop';
const USERS = ['user_00001', 'user_00007', 'user_00042', 'user_00150', 'nobody'];

let ns: Northstar;
let store: EventStore;
let dir: string;
let itemId: string;

/** What a client sees of the active version: lists for a few users and the similar items of one item. */
async function snapshot(service: RecommendationService): Promise<unknown> {
  const lists = [];
  for (const u of USERS) {
    const l = await service.recommendFor(P, u, { k: 8 });
    lists.push({ reason: l.reason, model: l.model, items: l.items.map((i) => [i.itemId, i.score]) });
  }
  const similar = await service.similarItems(P, itemId, { k: 5 });
  return { lists, similar: [similar.method, similar.items.map((i) => [i.itemId, i.score])] };
}

const fresh = (): RecommendationService => createRecommendationService({ store, modelsDir: dir });

beforeAll(async () => {
  ns = createNorthstar({ store: await createDuckDbStore({ path: ':memory:' }) });
  store = ns.store;
  const shop = generateDemoShop(OPTIONS);
  await loadDemoShop({ store, projects: ns.projects }, OPTIONS);
  const first = shop.events.find((e) => e.event === 'order_completed' && typeof e.properties['product_id'] === 'string');
  itemId = first!.properties['product_id'] as string;
  dir = mkdtempSync(join(tmpdir(), 'northstar-recommend-'));
}, 60_000);
afterAll(async () => {
  await ns.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saved recommendation model versions', () => {
  const seen = new Map<number, unknown>();

  it('serves identical lists and the same active version from a new service after a restart', async () => {
    const a = fresh();
    for (const model of ['ease', 'sar', 'als:factors=16:iterations=4']) {
      const v = await a.train(P, { model });
      seen.set(v.version, await snapshot(a));
    }
    expect([...seen.keys()]).toEqual([1, 2, 3]);
    const lists = (seen.get(1) as { lists: Array<{ reason: string; items: unknown[] }> }).lists;
    expect(lists.filter((l) => l.reason === 'personalized' && l.items.length === 8).length).toBeGreaterThanOrEqual(3);
    expect(seen.get(1)).not.toEqual(seen.get(2));
    expect(existsSync(join(dir, P, 'v3', 'model.json'))).toBe(true);
    expect(existsSync(join(dir, P, 'v3', 'arrays.bin'))).toBe(true);

    const b = fresh();
    const models = b.models(P);
    expect(models.active).toBe(3);
    expect(models.versions).toEqual(a.models(P).versions);
    expect(await snapshot(b)).toEqual(seen.get(3));
  }, 120_000);

  it('keeps a rollback across a restart, and every kept version serves as before', async () => {
    fresh().activate(P, 1);
    const b = fresh();
    expect(b.models(P).active).toBe(1);
    expect(await snapshot(b)).toEqual(seen.get(1));
    b.activate(P, 2);
    const c = fresh();
    expect(c.models(P).active).toBe(2);
    expect(await snapshot(c)).toEqual(seen.get(2));
  });

  it('keeps the last 3 versions on disk and numbers on after a restart', async () => {
    const b = fresh();
    b.activate(P, 3);
    const v = await b.train(P, { model: 'itemknn' });
    expect(v.version).toBe(4);
    expect(existsSync(join(dir, P, 'v1'))).toBe(false);
    const c = fresh();
    expect(c.models(P).versions.map((s) => s.version)).toEqual([2, 3, 4]);
    expect(await snapshot(c)).toEqual(await snapshot(b));
  }, 60_000);

  it('rejects files of an unknown format with NN_MODEL_FORMAT', () => {
    const path = join(dir, P, 'v4', 'model.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...json, format: 99 }));
    let code = 'no error';
    try {
      fresh().models(P);
    } catch (error) {
      code = error instanceof NorthstarError ? error.code : 'other';
    }
    expect(code).toBe('NN_MODEL_FORMAT');
  });

  it('keeps versions in memory only without a folder', async () => {
    const a = createRecommendationService({ store });
    await a.train(P, { model: 'popularity' });
    expect(a.models(P).active).toBe(1);
    expect(createRecommendationService({ store }).models(P).versions).toEqual([]);
  }, 60_000);
});
