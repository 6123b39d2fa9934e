/**
 * Runs one background job in a `node:worker_threads` worker so the server's event loop stays free while it
 * computes (ARCHITECTURE.md, "Jobs and models"). The worker module calls {@link serveWorkerJob} from
 * `worker-job-port.ts`; progress messages come back to `onProgress` in order, and the job ends in exactly one
 * {@link WorkerJobOutcome}: the worker's result, its coded error, `cancelled` (cancel terminated the thread),
 * or JOB_WORKER_CRASHED when the thread died without answering (uncaught error, out of memory, exit).
 * Generic over input, progress and result so any trainable model (NN workbench, recommendations) can use it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { isErrorCode } from '../../common/error-codes.js';
import { NorthstarError } from '../../common/errors.js';
import { getBackend } from '../../nn/backends/registry.js';
import { isWorkerMessage, type WorkerEnvelope } from './worker-message.js';

/** How a worker job ended. Expected outcomes are values; only a bug in the caller throws. */
export type WorkerJobOutcome<R> =
  | { status: 'succeeded'; value: R }
  | { status: 'failed'; error: NorthstarError }
  | { status: 'cancelled' };

/** A running worker job. */
export interface WorkerJob<R> {
  /** The worker's thread id (differs from the caller's `threadId`). */
  readonly threadId: number;
  /** Settles once, when the job ended; never rejects. */
  readonly outcome: Promise<WorkerJobOutcome<R>>;
  /** Terminates the worker; the outcome becomes `cancelled` unless it had already ended. */
  cancel(): Promise<void>;
}

/** Options of {@link startWorkerJob}. */
export interface WorkerJobOptions<I, P> {
  /** Sent to the worker as its `workerData` (structured clone). */
  input: I;
  /** Receives each progress message the worker posts, in order. */
  onProgress?: (progress: P) => void;
  /** Heap limits of the worker thread; a worker over them crashes (JOB_WORKER_CRASHED), the server does not. */
  resourceLimits?: ResourceLimits;
}

/**
 * How to start `module`: compiled `.js` runs as is; when running from the TypeScript sources (tests, `tsx`),
 * the `.js` file does not exist, so a tiny bootstrap registers tsx in the worker and imports the `.ts` twin.
 */
function workerEntry(module: URL): { script: string | URL; evalCode: boolean } {
  const path = fileURLToPath(module);
  if (existsSync(path)) return { script: module, evalCode: false };
  const ts = path.replace(/\.js$/, '.ts');
  if (!existsSync(ts)) throw new NorthstarError('INTERNAL', `worker module ${path} does not exist`);
  // tsx's ESM API (dist/esm/api/index.mjs): its CommonJS entry cannot tsImport, so the ESM file is named.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const target = pathToFileURL(ts).href;
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}));`;
  return { script: code, evalCode: true };
}

function crashed(message: string, details: Record<string, unknown>): NorthstarError {
  return new NorthstarError('JOB_WORKER_CRASHED', message, { details });
}

/** Starts `module` (a file that calls `serveWorkerJob`) in a new worker thread with `options.input`. */
export function startWorkerJob<I, P, R>(module: URL, options: WorkerJobOptions<I, P>): WorkerJob<R> {
  const entry = workerEntry(module);
  const worker = new Worker(entry.script, {
    eval: entry.evalCode,
    // the worker computes on the parent's nn backend (a user's NORTHSTAR_NN_BACKEND choice reaches jobs too)
    workerData: { input: options.input, nnBackend: getBackend().name } satisfies WorkerEnvelope,
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  let settled: WorkerJobOutcome<R> | undefined;
  let cancelling = false;
  let lastError: unknown;
  let resolveOutcome: (o: WorkerJobOutcome<R>) => void = () => {};
  const outcome = new Promise<WorkerJobOutcome<R>>((resolve) => (resolveOutcome = resolve));
  const settle = (o: WorkerJobOutcome<R>): void => {
    if (settled !== undefined) return;
    settled = o;
    resolveOutcome(o);
  };

  worker.on('message', (message: unknown) => {
    if (!isWorkerMessage(message) || settled !== undefined) return;
    if (message.kind === 'progress') {
      options.onProgress?.(message.data as P);
    } else if (message.kind === 'result') {
      settle({ status: 'succeeded', value: message.data as R });
      // Native pools (BLAS, sharp) may keep an idle thread alive; the job is over, so free its memory now.
      void worker.terminate();
    } else {
      const e = message.error;
      settle({
        status: 'failed',
        error: new NorthstarError(isErrorCode(e.code) ? e.code : 'INTERNAL', e.message, { ...(e.hint ? { hint: e.hint } : {}), ...(e.details ? { details: e.details } : {}) }),
      });
      void worker.terminate();
    }
  });
  // An uncaught throw or ERR_WORKER_OUT_OF_MEMORY arrives here, then 'exit' follows.
  worker.on('error', (error: unknown) => {
    lastError = error;
  });
  worker.on('exit', (exitCode: number) => {
    if (cancelling) {
      settle({ status: 'cancelled' });
      return;
    }
    const reason = lastError instanceof Error ? `${(lastError as { code?: string }).code ?? lastError.name}: ${lastError.message}` : `exit code ${exitCode}`;
    settle({ status: 'failed', error: crashed(`the training worker stopped without a result (${reason})`, { exitCode, ...(lastError instanceof Error ? { reason: lastError.message } : {}) }) });
  });

  return {
    threadId: worker.threadId,
    outcome,
    async cancel() {
      if (settled !== undefined) return;
      cancelling = true;
      await worker.terminate();
      settle({ status: 'cancelled' });
    },
  };
}
