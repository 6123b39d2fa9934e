import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { createDuckDbStore, type EventStore, type TrainingJobRecord } from '../../store/index.js';
import { recoverTrainingJobs, SUMMARY_FILE } from './training-jobs-recovery.js';
import { keepUpload, uploadDirOf } from './training-jobs-uploads.js';

let dir: string;
let store: EventStore;
const now = () => new Date('2026-11-29T12:00:00.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-recovery-'));
  store = await createDuckDbStore({ path: ':memory:' });
  await store.createProject({ id: 'p', name: '项目', token: 'phc_p' });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A row as a process that crashed mid-training leaves it: running, two epochs in. */
function leftRunning(id: string, overrides: Partial<TrainingJobRecord> = {}): TrainingJobRecord {
  return {
    id,
    projectId: 'p',
    kind: 'tabular',
    status: 'running',
    startedAt: '2026-11-29T11:00:00.000Z',
    updatedAt: '2026-11-29T11:01:00.000Z',
    finishedAt: null,
    target: 'label',
    epochsPlanned: 30,
    request: { name: 'm', epochs: 30, batchSize: 32, seed: 42 },
    epochs: [{ epoch: 1, metrics: { loss: 0.7 } }, { epoch: 2, metrics: { loss: 0.5 } }],
    logs: ['Epoch 1/30', 'Epoch 2/30'],
    model: null,
    error: null,
    modelDir: join(dir, 'p', `model-of-${id}`),
    retryOf: null,
    retriedAs: null,
    ...overrides,
  };
}

describe('recoverTrainingJobs (start-up after a crash)', () => {
  it('marks jobs left running as interrupted, keeps their curve and upload, and removes half-written models', async () => {
    const kept = leftRunning('kept');
    await store.saveTrainingJob(kept);
    await keepUpload(uploadDirOf(dir, 'p', 'kept'), { kind: 'tabular', target: 'label', request: { name: 'm', epochs: 30, batchSize: 32, seed: 42 }, data: new TextEncoder().encode('a,label\n1,x\n') });
    await mkdir(kept.modelDir ?? '', { recursive: true });
    await writeFile(join(kept.modelDir ?? '', 'weights.bin'), 'partial');
    // an image job whose upload had not been kept (accepted by a build before uploads were kept, or lost)
    await store.saveTrainingJob(leftRunning('lost', { kind: 'image', startedAt: '2026-11-29T10:00:00.000Z' }));
    await store.saveTrainingJob(leftRunning('done-before', { status: 'succeeded' }));

    const report = await recoverTrainingJobs({ store, modelsDir: dir, now, logger: silentLogger });
    expect(report.interrupted).toEqual([
      { projectId: 'p', id: 'kept', retryable: true },
      { projectId: 'p', id: 'lost', retryable: false },
    ]);
    const after = await store.getTrainingJob('p', 'kept');
    expect(after).toMatchObject({ status: 'interrupted', finishedAt: now().toISOString(), epochs: kept.epochs, logs: kept.logs, error: { code: 'JOB_INTERRUPTED' } });
    expect(after?.error?.message).toMatch(/after epoch 2 of 30/);
    expect(after?.error?.hint).toMatch(/start it again/);
    expect(existsSync(kept.modelDir ?? '')).toBe(false);
    expect(await readdir(uploadDirOf(dir, 'p', 'kept'))).toEqual(['data.csv', 'request.json']);
    expect((await store.getTrainingJob('p', 'done-before'))?.status).toBe('succeeded');
    // a second start finds nothing left running
    expect((await recoverTrainingJobs({ store, modelsDir: dir, now, logger: silentLogger })).interrupted).toEqual([]);
  });

  it('a job whose model was saved but whose end was not written is succeeded with that model', async () => {
    const job = leftRunning('saved');
    await store.saveTrainingJob(job);
    const summary = { id: 'model-of-saved', projectId: 'p', name: 'm', target: 'label', features: ['a'], epochs: 30, createdAt: '2026-11-29T11:30:00.000Z', metrics: { task: 'classification', accuracy: 0.9, trainRows: 8, validationRows: 2, skippedRows: 0 } };
    await mkdir(job.modelDir ?? '', { recursive: true });
    await writeFile(join(job.modelDir ?? '', SUMMARY_FILE), JSON.stringify(summary));
    const report = await recoverTrainingJobs({ store, modelsDir: dir, now, logger: silentLogger });
    expect(report.completed).toEqual(['saved']);
    expect(await store.getTrainingJob('p', 'saved')).toMatchObject({ status: 'succeeded', model: summary, error: null });
    expect(existsSync(join(job.modelDir ?? '', SUMMARY_FILE))).toBe(true);
  });

  it('sweeps uploads of jobs the store knows ended, and leaves folders it knows nothing of', async () => {
    const request = { name: 'm', epochs: 3, batchSize: 32, seed: 42 };
    const data = new TextEncoder().encode('a,label\n');
    await store.saveTrainingJob(leftRunning('ended', { status: 'failed' }));
    await store.saveTrainingJob(leftRunning('retried', { status: 'interrupted', retriedAs: 'next' }));
    await store.saveTrainingJob(leftRunning('waiting', { status: 'interrupted' }));
    for (const id of ['ended', 'retried', 'waiting', 'unknown']) await keepUpload(uploadDirOf(dir, 'p', id), { kind: 'tabular', target: 'label', request, data });
    const report = await recoverTrainingJobs({ store, modelsDir: dir, now, logger: silentLogger });
    expect(report.removedUploads).toBe(2);
    expect((await readdir(join(dir, 'p', '.uploads'))).sort()).toEqual(['unknown', 'waiting']);
  });
});
