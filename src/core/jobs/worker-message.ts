/**
 * The messages a job worker posts to its parent (see `worker-job.ts` and `worker-job-port.ts`): progress in
 * order, then exactly one result or coded error. Structured-clone safe: plain objects only.
 */

/** The JSON shape of a NorthstarError crossing the thread boundary. */
export interface WorkerErrorShape {
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/** What a job worker receives as its `workerData`: the job's input and the parent's nn backend name. */
export interface WorkerEnvelope {
  input: unknown;
  nnBackend: string;
}

/** One message from a job worker. */
export type WorkerMessage =
  | { kind: 'progress'; data: unknown }
  | { kind: 'result'; data: unknown }
  | { kind: 'error'; error: WorkerErrorShape };

/** True when `m` is a {@link WorkerMessage} (anything else a worker posts is ignored). */
export function isWorkerMessage(m: unknown): m is WorkerMessage {
  if (typeof m !== 'object' || m === null) return false;
  const kind = (m as { kind?: unknown }).kind;
  if (kind === 'progress' || kind === 'result') return 'data' in m;
  if (kind !== 'error') return false;
  const e = (m as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}
