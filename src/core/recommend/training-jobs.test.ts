import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { createTrainingJobs } from './training-jobs.js';

describe('createTrainingJobs', () => {
  it('runs a job with progress, one per project at a time, and records the version', async () => {
    const jobs = createTrainingJobs(() => new Date('2026-01-01T00:00:00Z'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = jobs.start('p', async (progress) => {
      progress.start(10, 'read events');
      progress.tick(4);
      await gate;
      progress.tick(0, { stage: 'fit' });
      return 7;
    });
    expect(job.status).toBe('running');
    expect(jobs.start('p', async () => 99).id).toBe(job.id);
    await new Promise((r) => setImmediate(r));
    expect(jobs.get('p', job.id).progress).toEqual({ done: 4, total: 10, stage: 'read events' });
    release();
    const done = await jobs.wait(job.id);
    expect(done).toMatchObject({ status: 'succeeded', version: 7, error: null, finishedAt: '2026-01-01T00:00:00.000Z' });
    expect(jobs.running('p')).toBeUndefined();
    expect(() => jobs.get('other', job.id)).toThrow(NorthstarError);
  });

  it('records a failure with its code', async () => {
    const jobs = createTrainingJobs();
    const job = jobs.start('p', async () => {
      throw new NorthstarError('NO_INTERACTIONS', 'nothing to learn from');
    });
    expect(await jobs.wait(job.id)).toMatchObject({ status: 'failed', version: null, error: { code: 'NO_INTERACTIONS', message: 'nothing to learn from' } });
    const boom = jobs.start('p', async () => {
      throw new Error('bug');
    });
    expect((await jobs.wait(boom.id)).error?.code).toBe('INTERNAL');
  });
});
