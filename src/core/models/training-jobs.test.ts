import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/index.js';
import type { EventStore } from '../../store/index.js';
import { makeImageSet, zipFiles } from './test-utils/image-set.js';
import { createModelTrainingService, type ModelTrainingService } from './training-jobs.js';

let dir: string;
let zip: Uint8Array;
let store: EventStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-training-jobs-'));
  zip = zipFiles(await makeImageSet({ perClass: { red: 4, blue: 4 }, seed: 2 }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  for (const id of ['crash', 'busy', 'tab']) await store.createProject({ id, name: id, token: `phc_${id}` });
});
afterEach(async () => {
  await store.close();
});

async function firstEpoch(service: ModelTrainingService, projectId: string, jobId: string): Promise<void> {
  for (;;) {
    const job = await service.getJob(projectId, jobId);
    if (job.epochs.length > 0 || job.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A CSV two classes separate on (x1, x2). */
function csv(rows: number): string {
  const lines = ['x1,x2,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i % 2 === 0 ? 1 + (i % 7) / 10 : -1 - (i % 5) / 10},${(i % 3) - 1},${i % 2 === 0 ? '是' : '否'}`);
  return `${lines.join('\n')}\n`;
}

describe('model training service', () => {
  it('a worker that dies (here: over its heap limit) fails the job with JOB_WORKER_CRASHED; the service carries on', async () => {
    const service = createModelTrainingService({ modelsDir: dir, store, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
    const job = await service.startImage('crash', { zip, epochs: 2, imageSize: 8 });
    const done = await service.wait(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('JOB_WORKER_CRASHED');
    expect(await service.listModels('crash')).toEqual([]);
    // the end is in the store too, and the upload is gone
    expect(await store.getTrainingJob('crash', job.id)).toMatchObject({ status: 'failed', error: { code: 'JOB_WORKER_CRASHED' } });
    expect(existsSync(join(dir, 'crash', '.uploads', job.id))).toBe(false);
  });

  it('runs at most maxRunningJobs at once (OVERLOADED); close() records what still runs as interrupted, keeping its archive for a retry', async () => {
    const service = createModelTrainingService({ modelsDir: dir, store, maxRunningJobs: 1 });
    const job = await service.startImage('busy', { zip, epochs: 500, imageSize: 8, batchSize: 2, name: '红蓝 colours' });
    // accepted = durable: the record and the archive are on disk before the job is answered
    expect(await store.getTrainingJob('busy', job.id)).toMatchObject({ status: 'running', kind: 'image', request: { name: '红蓝 colours', epochs: 500, classes: ['blue', 'red'] } });
    expect(existsSync(join(dir, 'busy', '.uploads', job.id, 'data.zip'))).toBe(true);
    await expect(service.startImage('busy', { zip, epochs: 1, imageSize: 8 })).rejects.toMatchObject({ code: 'OVERLOADED' });
    await firstEpoch(service, 'busy', job.id);
    await service.close();
    const stopped = await service.getJob('busy', job.id);
    expect(stopped).toMatchObject({ status: 'interrupted', retryable: true, error: { code: 'JOB_INTERRUPTED' } });
    expect(stopped.error?.hint).toMatch(/start it again/);
    expect(stopped.epochs.length).toBeGreaterThan(0);
    expect(await store.getTrainingJob('busy', job.id)).toMatchObject({ status: 'interrupted', epochs: stopped.epochs });
    // the archive stays for a retry; the extracted images and the half-trained model folder do not
    expect(await readdir(join(dir, 'busy', '.uploads', job.id))).toEqual(['data.zip', 'request.json']);
    expect(await service.listModels('busy')).toEqual([]);
    await expect(service.startImage('busy', { zip, epochs: 1, imageSize: 8 })).rejects.toMatchObject({ code: 'OVERLOADED' });

    // the next server retries it from the kept archive: re-planned, re-extracted, training again
    const next = createModelTrainingService({ modelsDir: dir, store, maxRunningJobs: 1 });
    const again = await next.retry('busy', job.id);
    expect(again).toMatchObject({ kind: 'image', retryOf: job.id, request: { name: '红蓝 colours', classes: ['blue', 'red'] } });
    await firstEpoch(next, 'busy', again.id);
    expect((await next.getJob('busy', again.id)).epochs.length).toBeGreaterThan(0);
    expect((await next.cancel('busy', again.id)).status).toBe('cancelled');
    expect(existsSync(join(dir, 'busy', '.uploads', again.id))).toBe(false);
    await next.close();
  });

  it('a new service on the same store lists the interrupted job and retries it from the kept upload, once', async () => {
    const first = createModelTrainingService({ modelsDir: dir, store, progressIntervalMs: 0 });
    const job = await first.startTabular('tab', { csv: csv(1500), target: 'label', epochs: 500, seed: 5, name: '是否 model' });
    await firstEpoch(first, 'tab', job.id);
    await first.close();

    const second = createModelTrainingService({ modelsDir: dir, store });
    await second.recover();
    const [listed] = await second.listJobs('tab', { limit: 10 });
    expect(listed).toMatchObject({ id: job.id, status: 'interrupted', retryable: true, retriedAs: null, request: { name: '是否 model', epochs: 500, seed: 5 } });
    await expect(second.retry('tab', 'no-such-job')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const again = await second.retry('tab', job.id);
    expect(again).toMatchObject({ status: 'running', retryOf: job.id, epochsPlanned: 500, request: { name: '是否 model' } });
    // the upload moved to the new job
    expect(existsSync(join(dir, 'tab', '.uploads', job.id))).toBe(false);
    const old = await second.getJob('tab', job.id);
    expect(old).toMatchObject({ status: 'interrupted', retryable: false, retriedAs: again.id });
    await expect(second.retry('tab', job.id)).rejects.toMatchObject({ code: 'JOB_NOT_RETRYABLE' });
    await second.cancel('tab', again.id);
    expect((await second.getJob('tab', again.id)).status).toBe('cancelled');
    await expect(second.retry('tab', again.id)).rejects.toMatchObject({ code: 'JOB_NOT_RETRYABLE' });
    expect((await second.listJobs('tab', { limit: 10 })).map((j) => j.id)).toEqual([again.id, job.id]);
    await second.close();
  });
});
