import { describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.js';
import type { TrainingJobRecord } from './training-job-records.js';

/** A running tabular job of project `p1` (the conformance suite creates p1 and p2). */
function makeJob(overrides: Partial<TrainingJobRecord> = {}): TrainingJobRecord {
  return {
    id: 'j1',
    projectId: 'p1',
    kind: 'tabular',
    status: 'running',
    startedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    finishedAt: null,
    target: '流失 churn',
    epochsPlanned: 30,
    request: { name: '客户流失 model', epochs: 30, batchSize: 32, seed: 42 },
    epochs: [],
    logs: [],
    model: null,
    error: null,
    modelDir: '/data/models/p1/m1',
    retryOf: null,
    retriedAs: null,
    ...overrides,
  };
}

/**
 * Training-job behaviour every EventStore adapter must show; called from `runEventStoreConformance` inside
 * its describe block (projects p1 and p2 exist).
 */
export function describeTrainingJobStore(getStore: () => EventStore): void {
  describe('training jobs', () => {
    it('saves, replaces and reads back a job with its curve, logs, model and error', async () => {
      const store = getStore();
      await store.saveTrainingJob(makeJob());
      expect(await store.getTrainingJob('p1', 'j1')).toEqual(makeJob());
      const done = makeJob({
        status: 'succeeded',
        updatedAt: '2026-11-01T00:05:00.000Z',
        finishedAt: '2026-11-01T00:05:00.000Z',
        epochs: [
          { epoch: 1, metrics: { loss: 0.69, accuracy: 0.5, val_loss: 0.7 } },
          { epoch: 2, metrics: { loss: 0.41, accuracy: 0.875, val_loss: 0.45 } },
        ],
        logs: ['Epoch 1/30', 'Epoch 2/30 … loss: 0.4100 - accuracy: 0.8750'],
        model: { id: 'm1', metrics: { task: 'classification', accuracy: 0.9, confusionMatrix: [[4, 1], [0, 5]] } },
      });
      await store.saveTrainingJob(done);
      expect(await store.getTrainingJob('p1', 'j1')).toEqual(done);
      // replaced, not appended
      expect(await store.listTrainingJobs({ projectId: 'p1', limit: 10 })).toEqual([done]);
      const failed = makeJob({ id: 'j2', status: 'interrupted', error: { code: 'JOB_INTERRUPTED', message: 'stopped', hint: 'start it again' }, retriedAs: 'j3' });
      await store.saveTrainingJob(failed);
      expect(await store.getTrainingJob('p1', 'j2')).toEqual(failed);
    });

    it('lists per project or across projects, newest first, filtered by status, in pages', async () => {
      const store = getStore();
      await store.saveTrainingJob(makeJob({ id: 'a', startedAt: '2026-11-01T00:00:00.000Z', status: 'succeeded' }));
      await store.saveTrainingJob(makeJob({ id: 'b', startedAt: '2026-11-02T00:00:00.000Z' }));
      await store.saveTrainingJob(makeJob({ id: 'c', startedAt: '2026-11-03T00:00:00.000Z', status: 'failed' }));
      await store.saveTrainingJob(makeJob({ id: 'a', projectId: 'p2', startedAt: '2026-11-04T00:00:00.000Z' }));
      expect((await store.listTrainingJobs({ projectId: 'p1', limit: 10 })).map((j) => j.id)).toEqual(['c', 'b', 'a']);
      expect((await store.listTrainingJobs({ projectId: 'p1', limit: 1, offset: 1 })).map((j) => j.id)).toEqual(['b']);
      expect((await store.listTrainingJobs({ statuses: ['running'], limit: 10 })).map((j) => `${j.projectId}/${j.id}`)).toEqual(['p2/a', 'p1/b']);
      expect(await store.listTrainingJobs({ projectId: 'p2', statuses: ['succeeded', 'failed'], limit: 10 })).toEqual([]);
      expect(await store.getTrainingJob('p2', 'c')).toBeUndefined();
    });

    it('refuses a job of an unknown project with NOT_FOUND', async () => {
      await expect(getStore().saveTrainingJob(makeJob({ projectId: 'nope' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
