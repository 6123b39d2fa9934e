import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../common/rng.js';
import { createDuckDbStore, createNorthstar, type Northstar } from '../core/index.js';
import { buildApp } from './app.js';
import { bearer } from './test-support.js';

/**
 * Training jobs across a real restart (issue 3, "nothing that was accepted is ever lost"): an app on a
 * DuckDB file trains one model to the end and is closed while a second one trains; a new app on the same
 * file and models folder lists the finished job with its metrics and curve, and the other as interrupted,
 * which retries from the kept upload. A store closed under a running job (the end never written, as in a
 * crash) is recovered the same way on the next start.
 */

function csv(seed: number, rows: number): string {
  const rng = createRng(seed);
  const lines = ['x1,x2,plan,label'];
  for (let i = 0; i < rows; i++) {
    const yes = i % 2 === 0;
    const c = yes ? 1.5 : -1.5;
    lines.push(`${rng.normal(c, 0.7).toFixed(3)},${rng.normal(c, 0.7).toFixed(3)},${rng.pick(['基础', '高级'])},${yes ? '流失' : '留存'}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Running {
  app: FastifyInstance;
  northstar: Northstar;
}

let dir: string;
let key: string;
const PROJECT = 'restart-shop';
const base = `/api/projects/${PROJECT}/models`;

async function open(): Promise<Running> {
  const store = await createDuckDbStore({ path: join(dir, 'northstar.duckdb') });
  const northstar = createNorthstar({ store });
  if ((await store.getProject(PROJECT)) === undefined) key = (await northstar.projects.create('Restart shop', { id: PROJECT })).apiKey;
  const app = await buildApp({ northstar, modelsDir: join(dir, 'models') });
  return { app, northstar };
}

async function shutdown(r: Running): Promise<void> {
  await r.app.close();
  await r.northstar.close();
}

type Job = { id: string; status: string; epochs: unknown[]; retryable: boolean; retryOf: string | null; retriedAs: string | null; error: { code: string; hint?: string; message: string } | null; model: { id: string; metrics: { accuracy: number } } | null };

async function get<T>(app: FastifyInstance, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: bearer(key) });
  expect(res.statusCode).toBe(200);
  return res.json<T>();
}

async function until(app: FastifyInstance, jobId: string, done: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = await get<Job>(app, `${base}/jobs/${jobId}`);
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const train = async (app: FastifyInstance, epochs: number): Promise<string> => {
  const res = await app.inject({ method: 'POST', url: `${base}/tabular?target=label&epochs=${epochs}&seed=3`, headers: { ...bearer(key), 'content-type': 'text/csv' }, payload: csv(7, 1500) });
  expect(res.statusCode).toBe(202);
  return res.json<{ jobId: string }>().jobId;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-models-restart-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('training jobs across a server restart', () => {
  let finishedId: string;
  let interruptedId: string;
  let finished: Job;

  it('closes the app while a job trains, after another finished', async () => {
    const first = await open();
    finishedId = await train(first.app, 4);
    finished = await until(first.app, finishedId, (j) => j.status !== 'running');
    expect(finished.status).toBe('succeeded');
    interruptedId = await train(first.app, 500);
    await until(first.app, interruptedId, (j) => j.epochs.length > 0);
    await shutdown(first);
  });

  it('a new app on the same file lists the finished job with its metrics and the other as interrupted', async () => {
    const second = await open();
    try {
      const { jobs } = await get<{ jobs: Job[] }>(second.app, `${base}/jobs`);
      expect(jobs.map((j) => [j.id, j.status])).toEqual([[interruptedId, 'interrupted'], [finishedId, 'succeeded']]);
      const [stopped, done] = jobs;
      expect(done).toEqual({ ...finished, retryable: false, updatedAt: expect.any(String) });
      expect(done?.model?.metrics.accuracy).toBeGreaterThan(0.8);
      expect(done?.epochs).toHaveLength(4);
      expect(stopped).toMatchObject({ retryable: true, error: { code: 'JOB_INTERRUPTED' } });
      expect(stopped?.error?.hint).toMatch(/start it again/);
      expect(stopped?.epochs.length).toBeGreaterThan(0);
      expect(await get(second.app, `${base}/jobs/${interruptedId}`)).toEqual(stopped);
      // the finished model is listed; the interrupted one left no model folder behind
      expect((await get<{ models: Array<{ id: string }> }>(second.app, base)).models.map((m) => m.id)).toEqual([done?.model?.id]);

      const refused = await second.app.inject({ method: 'POST', url: `${base}/jobs/${finishedId}/retry`, headers: bearer(key) });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: { code: 'JOB_NOT_RETRYABLE' } });
      const forbidden = await second.app.inject({ method: 'POST', url: `${base}/jobs/${interruptedId}/retry` });
      expect(forbidden.statusCode).toBe(401);

      const retried = await second.app.inject({ method: 'POST', url: `${base}/jobs/${interruptedId}/retry`, headers: bearer(key) });
      expect(retried.statusCode).toBe(202);
      const again = retried.json<{ jobId: string; job: Job }>();
      expect(again.job).toMatchObject({ status: 'running', retryOf: interruptedId });
      expect(await get<Job>(second.app, `${base}/jobs/${interruptedId}`)).toMatchObject({ retryable: false, retriedAs: again.jobId });
      const twice = await second.app.inject({ method: 'POST', url: `${base}/jobs/${interruptedId}/retry`, headers: bearer(key) });
      expect(twice.json()).toMatchObject({ error: { code: 'JOB_NOT_RETRYABLE' } });
      // leave the retry running: the next test stops the store under it, as a crash would
      await until(second.app, again.jobId, (j) => j.epochs.length > 0);
      interruptedId = again.jobId;
      // a crash: the store goes away first, so the job's end cannot be written; the row stays `running`
      await second.northstar.close();
      await second.app.close();
    } finally {
      await second.app.close();
    }
  });

  it('after a stop whose last write was lost, the next start marks the job interrupted and keeps its upload', async () => {
    const third = await open();
    try {
      const job = await get<Job>(third.app, `${base}/jobs/${interruptedId}`);
      expect(job).toMatchObject({ status: 'interrupted', retryable: true, error: { code: 'JOB_INTERRUPTED' } });
      expect(job.error?.message).toMatch(/after epoch \d+ of 500/);
      expect(existsSync(join(dir, 'models', PROJECT, '.uploads', interruptedId, 'data.csv'))).toBe(true);
      const { jobs } = await get<{ jobs: Job[] }>(third.app, `${base}/jobs?limit=2&offset=1`);
      expect(jobs.map((j) => j.status)).toEqual(['interrupted', 'succeeded']);
    } finally {
      await shutdown(third);
    }
  });
});
