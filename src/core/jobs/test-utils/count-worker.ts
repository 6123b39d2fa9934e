/**
 * A worker for worker-job.test.ts: counts to `input.steps`, posting each step with its thread id, then
 * behaves as `input.end` asks: answer, throw a coded error, crash with an uncaught error, exit the thread,
 * allocate until its heap limit kills it, or wait forever (to be cancelled).
 */
import { threadId } from 'node:worker_threads';
import { NorthstarError } from '../../../common/errors.js';
import { serveWorkerJob } from '../worker-job-port.js';

/** What the test worker does after counting. */
export type CountWorkerEnd = 'answer' | 'coded-error' | 'uncaught' | 'exit' | 'oom' | 'hang';

/** Input of the count worker. */
export interface CountWorkerInput {
  steps: number;
  end: CountWorkerEnd;
}

serveWorkerJob<CountWorkerInput, { step: number; threadId: number }, { total: number; threadId: number }>(async (input, progress) => {
  let total = 0;
  for (let step = 1; step <= input.steps; step++) {
    total += step;
    progress({ step, threadId });
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (input.end === 'coded-error') throw new NorthstarError('NN_INVALID_DATA', 'bad data at step 3', { details: { step: 3 } });
  if (input.end === 'uncaught') setImmediate(() => { throw new Error('boom outside the job promise'); });
  // In a worker thread process.exit ends only the thread: exactly the crash this fixture simulates.
  // eslint-disable-next-line no-restricted-properties
  if (input.end === 'exit') process.exit(7);
  if (input.end === 'oom') {
    const hold: number[][] = [];
    for (;;) hold.push(Array.from({ length: 1e5 }, (_, i) => i + hold.length));
  }
  if (input.end === 'hang') setInterval(() => {}, 60_000); // a live handle keeps the thread running until cancelled
  if (input.end === 'uncaught' || input.end === 'hang') await new Promise(() => {});
  return { total, threadId };
});
