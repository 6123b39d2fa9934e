import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { CountWorkerEnd, CountWorkerInput } from './test-utils/count-worker.js';
import { getBackend, setBackend } from '../../nn/backends/registry.js';
import { startWorkerJob, type WorkerJobOptions } from './worker-job.js';

const COUNT_WORKER = new URL('./test-utils/count-worker.js', import.meta.url);

function start(end: CountWorkerEnd, steps = 5, extra: Partial<WorkerJobOptions<CountWorkerInput, { step: number; threadId: number }>> = {}) {
  const seen: Array<{ step: number; threadId: number }> = [];
  const job = startWorkerJob<CountWorkerInput, { step: number; threadId: number }, { total: number; threadId: number }>(COUNT_WORKER, {
    input: { steps, end },
    onProgress: (p) => seen.push(p),
    ...extra,
  });
  return { job, seen };
}

describe('startWorkerJob', () => {
  it('computes in the worker on the nn backend active in the parent', async () => {
    const previous = setBackend('js');
    try {
      const job = startWorkerJob<null, never, string>(new URL('./test-utils/backend-worker.js', import.meta.url), { input: null });
      expect(await job.outcome).toEqual({ status: 'succeeded', value: 'js' });
    } finally {
      setBackend(previous);
    }
    expect(getBackend()).toBe(previous);
  });

  it('runs in another thread, delivers progress in order, then the result', async () => {
    const { job, seen } = start('answer', 6);
    const outcome = await job.outcome;
    expect(outcome).toEqual({ status: 'succeeded', value: { total: 21, threadId: job.threadId } });
    expect(seen.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(job.threadId).not.toBe(threadId);
    expect(new Set(seen.map((p) => p.threadId))).toEqual(new Set([job.threadId]));
  });

  it('passes a coded error thrown in the worker through with its code and details', async () => {
    const outcome = await start('coded-error').job.outcome;
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.code).toBe('NN_INVALID_DATA');
    expect(outcome.error.details).toEqual({ step: 3 });
  });

  it.each<[CountWorkerEnd, RegExp]>([
    ['uncaught', /boom outside the job promise/],
    ['exit', /exit code 7/],
  ])('marks a worker that dies without answering (%s) as JOB_WORKER_CRASHED', async (end, message) => {
    const { job, seen } = start(end, 3);
    const outcome = await job.outcome;
    expect(seen).toHaveLength(3); // progress before the crash still arrived
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.code).toBe('JOB_WORKER_CRASHED');
    expect(outcome.error.message).toMatch(message);
  });

  it('a worker over its heap limit crashes alone: JOB_WORKER_CRASHED, and this thread keeps running', async () => {
    const { job } = start('oom', 1, { resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    const outcome = await job.outcome;
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.code).toBe('JOB_WORKER_CRASHED');
    expect(outcome.error.message).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
  });

  it('cancel terminates a running worker: the outcome is cancelled and no progress follows', async () => {
    let cancelAfterFirst: () => void = () => {};
    const first = new Promise<void>((resolve) => (cancelAfterFirst = resolve));
    const seen: number[] = [];
    const job = startWorkerJob<CountWorkerInput, { step: number }, unknown>(COUNT_WORKER, {
      input: { steps: 2, end: 'hang' },
      onProgress: (p) => {
        seen.push(p.step);
        cancelAfterFirst();
      },
    });
    await first;
    await job.cancel();
    expect(await job.outcome).toEqual({ status: 'cancelled' });
    const count = seen.length;
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(count);
    await job.cancel(); // idempotent
  });
});
