import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop, loadDemoShop } from '../core/demo/index.js';
import { bearer, makeTestApp, type TestApp } from './test-support.js';

const OPTIONS = { seed: 5, users: 200, days: 21, end: '2026-05-01' } as const;
let t: TestApp;
let base: string;
let auth: Record<string, string>;
const shop = generateDemoShop(OPTIONS);

beforeAll(async () => {
  t = await makeTestApp();
  base = `/api/projects/${t.project.id}`;
  auth = bearer(t.project.apiKey);
  await loadDemoShop({ store: t.northstar.store, projects: t.northstar.projects }, { ...OPTIONS, projectId: t.project.id });
}, 60_000);
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url: `${base}${url}`, headers: auth });
const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url: `${base}${url}`, headers: auth, ...(payload === undefined ? {} : { payload }) });

async function waitForJob(jobId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await get(`/recommendations/jobs/${jobId}`);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('recommendations over HTTP', () => {
  it('before training: a fallback list with a reason, not an error', async () => {
    const res = await get('/recommendations?distinct_id=user_00001&k=3');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reason: 'no_model', model: null });
    expect(res.json().items).toHaveLength(3);
    expect((await get('/recommendations/models')).json()).toEqual({ active: null, versions: [], training: null });
  });

  it('trains as a job, serves personal lists with explanations, similar items, and rolls back', async () => {
    const started = await post('/recommendations/train');
    expect(started.statusCode).toBe(202);
    const job = await waitForJob(started.json().jobId);
    expect(job).toMatchObject({ status: 'succeeded', version: 1 });

    const buyer = shop.events.find((e) => e.event === 'order_completed')!.distinctId;
    const bought = new Set(shop.events.filter((e) => e.distinctId === buyer && e.event === 'order_completed').map((e) => e.properties['product_id']));
    const recs = await get(`/recommendations?distinct_id=${buyer}&k=5`);
    expect(recs.statusCode).toBe(200);
    const body = recs.json();
    expect(body).toMatchObject({ reason: 'personalized', model: { version: 1, name: 'ease' } });
    expect(body.items).toHaveLength(5);
    for (const item of body.items) {
      expect(bought.has(item.itemId)).toBe(false);
      expect(item.explanation.en.length).toBeGreaterThan(0);
      expect(item.explanation.zh.length).toBeGreaterThan(0);
    }
    const inCategory = await get(`/recommendations?distinct_id=${buyer}&k=5&category=${encodeURIComponent('Electronics')}`);
    expect(inCategory.json().items.every((i: { category: string }) => i.category === 'Electronics')).toBe(true);

    const cold = await get('/recommendations?distinct_id=nobody-yet&k=4');
    expect(cold.json()).toMatchObject({ reason: 'cold_start' });
    expect(cold.json().items).toHaveLength(4);

    const similar = await get(`/similar-items?item_id=${body.items[0].itemId}&k=5`);
    expect(similar.statusCode).toBe(200);
    expect(similar.json().items.length).toBeGreaterThan(0);

    const second = await post('/recommendations/train', { model: 'sar', half_life_days: 14 });
    expect(await waitForJob(second.json().jobId)).toMatchObject({ status: 'succeeded', version: 2 });
    let models = (await get('/recommendations/models')).json();
    expect(models.active).toBe(2);
    expect(models.versions.map((v: { model: string }) => v.model)).toEqual(['ease', 'sar']);
    expect(models.versions[0].metrics.ndcg).toBeGreaterThan(0);

    const back = await post('/recommendations/models/1/activate');
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ version: 1, active: true });
    models = (await get('/recommendations/models')).json();
    expect(models.active).toBe(1);
    expect((await get(`/recommendations?distinct_id=${buyer}&k=2`)).json().model.version).toBe(1);
  }, 60_000);

  it.each([
    ['/recommendations?distinct_id=u&k=0', 400, 'INVALID_ARGUMENT'],
    ['/recommendations?distinct_id=u&k=500', 400, 'INVALID_ARGUMENT'],
    ['/recommendations?k=5', 400, 'INVALID_ARGUMENT'],
    ['/recommendations?distinct_id=u&diversity=3', 400, 'INVALID_ARGUMENT'],
    ['/similar-items?item_id=no-such-item', 404, 'NOT_FOUND'],
    ['/similar-items?item_id=x&k=101', 400, 'INVALID_ARGUMENT'],
    ['/recommendations/jobs/no-such-job', 404, 'NOT_FOUND'],
  ])('GET %s → %i %s', async (url, status, code) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('bad training input, unknown versions and missing keys get their codes', async () => {
    const bad = await post('/recommendations/train', { model: 'nope' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'INVALID_ARGUMENT']);
    const negative = await post('/recommendations/train', { half_life_days: -1 });
    expect([negative.statusCode, negative.json().error.code]).toEqual([400, 'INVALID_ARGUMENT']);
    const missing = await post('/recommendations/models/42/activate');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const anon = await t.app.inject({ method: 'GET', url: `${base}/recommendations?distinct_id=u` });
    expect(anon.statusCode).toBe(401);
  });
});
