import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import { loadDemoShop } from '../demo/load-demo-shop.js';
import { createProjectService } from '../projects/project-service.js';
import { createRecommendationService, type RecommendationService } from './recommendation-service.js';
import type { TrainingJob } from './training-jobs.js';

const OPTIONS = { seed: 11, users: 250, days: 21, end: '2026-06-01' } as const;
const P = 'demo-shop';
let store: EventStore;

beforeAll(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  await loadDemoShop({ store, projects: createProjectService({ store }) }, OPTIONS);
}, 60_000);
afterAll(async () => {
  await store.close();
});

async function finished(service: RecommendationService, job: TrainingJob): Promise<TrainingJob> {
  for (;;) {
    const j = service.job(P, job.id);
    if (j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('training in a worker thread', () => {
  it('answers recommendation requests while a fit runs, and reports the stages back', async () => {
    const service = createRecommendationService({ store });
    // Thousands of BPR epochs: seconds of CPU in the worker, while this thread keeps serving.
    const job = service.startTraining(P, { model: 'bpr:epochs=1500' });
    const stages = new Set<string>();
    const answeredDuringFit: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const list = await service.recommendFor(P, 'user_00001', { k: 5 });
      const now = service.job(P, job.id);
      stages.add(now.progress.stage);
      // Ordering, not timing: the answer arrived and the job was still running afterwards.
      answeredDuringFit.push(list.items.length === 5 && list.training && now.status === 'running');
    }
    expect(answeredDuringFit).toEqual([true, true, true]);
    for (;;) {
      const j = service.job(P, job.id);
      stages.add(j.progress.stage);
      if (j.status !== 'running' || stages.has('fit')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const done = await finished(service, job);
    expect(done).toMatchObject({ status: 'succeeded', version: 1, error: null });
    // Progress posted from the worker reached the job (read events, then evaluate and fit stages).
    expect([...stages].some((s) => s === 'evaluate' || s === 'fit')).toBe(true);
  }, 120_000);

  it('serves exactly what a fit on this thread serves (the model comes back as its arrays)', async () => {
    const inWorker = createRecommendationService({ store });
    const inThread = createRecommendationService({ store, fitInWorker: false });
    const a = await inWorker.train(P, { model: 'ease' });
    const b = await inThread.train(P, { model: 'ease' });
    // Same metrics (the training time aside).
    expect({ ...a.metrics, trainSeconds: 0 }).toEqual({ ...b.metrics, trainSeconds: 0 });
    for (const user of ['user_00001', 'user_00042', 'user_00100']) {
      const x = await inWorker.recommendFor(P, user, { k: 8 });
      const y = await inThread.recommendFor(P, user, { k: 8 });
      expect(x.items).toEqual(y.items);
    }
  }, 120_000);
});

describe('Mult-VAE served from the store', () => {
  it('trains in the worker and serves personal lists with explanations and similar items', async () => {
    const service = createRecommendationService({ store });
    const version = await service.train(P, { model: 'multvae:hidden=32:latent=8:epochs=5' });
    expect(version.model).toBe('multvae:hidden=32:latent=8:epochs=5');
    expect(version.metrics?.ndcg).toBeGreaterThanOrEqual(0);
    const list = await service.recommendFor(P, 'user_00001', { k: 6 });
    expect(list.reason).toBe('personalized');
    expect(list.items).toHaveLength(6);
    expect(list.items.every((i) => i.score > 0 && i.explanation.en.length > 0 && i.explanation.zh.length > 0)).toBe(true);
    const similar = await service.similarItems(P, list.items[0]!.itemId, { k: 4 });
    expect(similar).toMatchObject({ method: 'model' });
    expect(similar.items).toHaveLength(4);
  }, 120_000);
});
