import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImageSet, zipFiles } from './test-utils/image-set.js';
import { createModelTrainingService } from './training-jobs.js';

let dir: string;
let zip: Uint8Array;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-training-jobs-'));
  zip = zipFiles(await makeImageSet({ perClass: { red: 4, blue: 4 }, seed: 2 }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function firstEpoch(service: ReturnType<typeof createModelTrainingService>, projectId: string, jobId: string): Promise<void> {
  while (service.getJob(projectId, jobId).epochs.length === 0 && service.getJob(projectId, jobId).status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('model training service', () => {
  it('a worker that dies (here: over its heap limit) fails the job with JOB_WORKER_CRASHED; the service carries on', async () => {
    const service = createModelTrainingService({ modelsDir: dir, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
    const job = service.startImage('crash', { zip, epochs: 2, imageSize: 8 });
    const done = await service.wait(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('JOB_WORKER_CRASHED');
    expect(await service.listModels('crash')).toEqual([]);
  });

  it('runs at most maxRunningJobs at once (OVERLOADED), and close() cancels what still runs', async () => {
    const service = createModelTrainingService({ modelsDir: dir, maxRunningJobs: 1 });
    const job = service.startImage('busy', { zip, epochs: 500, imageSize: 8, batchSize: 2 });
    expect(() => service.startImage('busy', { zip, epochs: 1, imageSize: 8 })).toThrow(expect.objectContaining({ code: 'OVERLOADED' }));
    await firstEpoch(service, 'busy', job.id);
    await service.close();
    expect(service.getJob('busy', job.id).status).toBe('cancelled');
    // The slot is free again.
    const next = service.startImage('busy', { zip, epochs: 1, imageSize: 8 });
    expect((await service.wait(next.id)).status).toBe('succeeded');
    expect(await service.listModels('busy')).toHaveLength(1);
  });
});
