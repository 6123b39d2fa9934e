import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { createDuckDbStore, type EventStore } from '../../store/index.js';
import type { ModelTrainingJob } from './training-job-types.js';
import { createJobJournal, fromJobRecord, toJobRecord, type JournalEntry } from './training-jobs-journal.js';

let store: EventStore;
let writes: number;
/** The real store, counting its job writes (the journal's whole point is how many there are). */
let counting: EventStore;

beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  await store.createProject({ id: 'p', name: 'p', token: 'phc_p' });
  writes = 0;
  counting = Object.assign(Object.create(store) as EventStore, {
    saveTrainingJob: (r: Parameters<EventStore['saveTrainingJob']>[0]) => {
      writes += 1;
      return store.saveTrainingJob(r);
    },
  });
});
/** Resolves once every write issued before it is committed (the store's writes run in call order). */
const committed = (): Promise<void> => store.upsertItems('p', []);

afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

function entry(): JournalEntry {
  const job: ModelTrainingJob = {
    id: 'j1', projectId: 'p', kind: 'image', status: 'running', startedAt: '2026-11-29T10:00:00.000Z', updatedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: null, target: 'class', epochsPlanned: 50, request: { name: '猫 / 狗 images', epochs: 50, batchSize: 16, seed: 42, imageSize: 32, arch: 'small', augment: false, validationSplit: 0.2, classes: ['cat', 'dog'] },
    epochs: [], logs: [], model: null, error: null, retryable: false, retryOf: null, retriedAs: null,
  };
  return { job, modelDir: '/data/models/p/m1' };
}

describe('job journal', () => {
  it('round-trips a job through its store row (retryable is decided by the caller)', async () => {
    const e = entry();
    e.job.epochs.push({ epoch: 1, metrics: { loss: 0.7, accuracy: 0.5 } });
    e.job.error = { code: 'JOB_INTERRUPTED', message: 'stopped', hint: 'start it again' };
    await store.saveTrainingJob(toJobRecord(e));
    const row = await store.getTrainingJob('p', 'j1');
    expect(row?.modelDir).toBe('/data/models/p/m1');
    expect(fromJobRecord(row!, true)).toEqual({ ...e.job, retryable: true });
    // a status or code this build does not know reads as failed / INTERNAL, never as running
    expect(fromJobRecord({ ...row!, status: 'paused', error: { code: 'FUTURE_CODE', message: 'x' } }, false)).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
  });

  it('writes progress at most once per interval, with a trailing write, and save() supersedes a pending one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const journal = createJobJournal(counting, silentLogger, () => new Date(), 1000);
    const e = entry();
    await journal.save(e);
    expect(writes).toBe(1);
    for (let epoch = 1; epoch <= 100; epoch++) {
      e.job.epochs.push({ epoch, metrics: { loss: 1 / epoch } });
      journal.progress(e);
    }
    expect(writes).toBe(2); // the first progress after accept is written at once, the rest wait
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toBe(3); // one trailing write carries the other 99 epochs
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toBe(3); // nothing new, nothing written
    await committed();
    expect((await store.getTrainingJob('p', 'j1'))?.epochs).toHaveLength(100);
    e.job.epochs.push({ epoch: 101, metrics: { loss: 0.02 } });
    journal.progress(e); // the last write is old: written at once
    expect(writes).toBe(4);
    e.job.epochs.push({ epoch: 102, metrics: { loss: 0.01 } });
    journal.progress(e); // due in a second...
    e.job.status = 'succeeded';
    await journal.save(e); // ...but the end is written now and the pending write is dropped
    await vi.advanceTimersByTimeAsync(2000);
    expect(writes).toBe(5);
    expect(await store.getTrainingJob('p', 'j1')).toMatchObject({ status: 'succeeded', epochs: expect.arrayContaining([{ epoch: 102, metrics: { loss: 0.01 } }]) });
  });
});
