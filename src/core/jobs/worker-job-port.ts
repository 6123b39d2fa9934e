/**
 * The worker side of `worker-job.ts`: a worker module calls {@link serveWorkerJob} once with its job
 * function. The input is the thread's `workerData`; `progress(p)` posts a progress message; the function's
 * value is posted as the result, and a thrown error as its coded JSON (unknown throws become INTERNAL).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { toNorthstarError } from '../../common/errors.js';
import { setBackend } from '../../nn/backends/registry.js';
import type { WorkerEnvelope, WorkerMessage } from './worker-message.js';

/** Runs `job(workerData, progress)` in this worker thread and reports its end to the parent. */
export function serveWorkerJob<I, P, R>(job: (input: I, progress: (p: P) => void) => Promise<R>): void {
  const port = parentPort;
  if (isMainThread || port === null) throw new Error('serveWorkerJob must run inside a worker thread (started by startWorkerJob)');
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const envelope = workerData as WorkerEnvelope;
  try {
    setBackend(envelope.nnBackend);
  } catch {
    // the parent's backend cannot load in this thread: the default order (native, wasm, js) still computes
  }
  job(envelope.input as I, (data) => post({ kind: 'progress', data })).then(
    (data) => post({ kind: 'result', data }),
    (error: unknown) => post({ kind: 'error', error: toNorthstarError(error).toJSON() }),
  );
}
