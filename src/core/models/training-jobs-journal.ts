/**
 * The durable side of the training-job registry: turns a {@link ModelTrainingJob} into the store's
 * {@link TrainingJobRecord} and back, and writes progress at most once per `intervalMs` per job (plus a
 * trailing write), so a fast tabular job does not turn every epoch into a commit while a crash still loses
 * at most that interval of curve. Accept and end are written at once and awaited by the caller.
 */
import { isErrorCode } from '../../common/error-codes.js';
import type { Logger } from '../../common/logger.js';
import type { EventStore, TrainingJobRecord } from '../../store/index.js';
import type { ModelTrainingJob, TrainedModelSummary, TrainingRequestSummary } from './training-job-types.js';

/** A live job with what only the server knows (its model folder). */
export interface JournalEntry {
  job: ModelTrainingJob;
  modelDir: string | null;
}

/** The store row of a job. */
export function toJobRecord({ job, modelDir }: JournalEntry): TrainingJobRecord {
  return {
    id: job.id,
    projectId: job.projectId,
    kind: job.kind,
    status: job.status,
    startedAt: job.startedAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
    target: job.target,
    epochsPlanned: job.epochsPlanned,
    request: { ...job.request },
    epochs: job.epochs.map((e) => ({ epoch: e.epoch, metrics: { ...e.metrics } })),
    logs: [...job.logs],
    model: job.model === null ? null : (structuredClone(job.model) as unknown as Record<string, unknown>),
    error: job.error === null ? null : { ...job.error },
    modelDir,
    retryOf: job.retryOf,
    retriedAs: job.retriedAs,
  };
}

const STATUSES: ReadonlySet<string> = new Set(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);

/** A job as the API shows it, from its row; `retryable` is decided by the caller (is the upload on disk?). */
export function fromJobRecord(r: TrainingJobRecord, retryable: boolean): ModelTrainingJob {
  return {
    id: r.id,
    projectId: r.projectId,
    kind: r.kind === 'image' ? 'image' : 'tabular',
    // A status this build does not know (written by a newer one) reads as failed rather than running.
    status: STATUSES.has(r.status) ? (r.status as ModelTrainingJob['status']) : 'failed',
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    finishedAt: r.finishedAt,
    target: r.target,
    epochsPlanned: r.epochsPlanned,
    request: r.request as unknown as TrainingRequestSummary,
    epochs: r.epochs,
    logs: r.logs,
    model: r.model as unknown as TrainedModelSummary | null,
    error: r.error === null ? null : { ...r.error, code: isErrorCode(r.error.code) ? r.error.code : 'INTERNAL' },
    retryable,
    retryOf: r.retryOf,
    retriedAs: r.retriedAs,
  };
}

/** Writes job records; see the file comment. */
export interface JobJournal {
  /** Writes the job now (accept, end); rejects when the store cannot. */
  save(entry: JournalEntry): Promise<void>;
  /** Notes progress: written now if the last write is older than the interval, else once it is. */
  progress(entry: JournalEntry): void;
  /** Drops a pending progress write (the end is about to be written). */
  settle(jobId: string): void;
}

/** Creates a journal over the store. */
export function createJobJournal(store: EventStore, logger: Logger, now: () => Date, intervalMs = 1000): JobJournal {
  const lastWrite = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();

  const write = (entry: JournalEntry): Promise<void> => {
    lastWrite.set(entry.job.id, Date.now());
    entry.job.updatedAt = now().toISOString();
    // The store applies writes in call order, so the snapshot taken here can never overtake a later one.
    return store.saveTrainingJob(toJobRecord(entry));
  };
  const writeQuietly = (entry: JournalEntry): void => {
    write(entry).catch((error: unknown) =>
      logger.warn('training job progress not saved', { jobId: entry.job.id, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  const settle = (jobId: string): void => {
    const timer = timers.get(jobId);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(jobId);
  };

  return {
    save(entry) {
      settle(entry.job.id);
      const written = write(entry);
      // The next progress of this job (if any) may be written at once: accept and end are rare.
      lastWrite.delete(entry.job.id);
      return written;
    },
    progress(entry) {
      const id = entry.job.id;
      if (timers.has(id)) return; // a trailing write is already due and will carry this progress
      const wait = (lastWrite.get(id) ?? 0) + intervalMs - Date.now();
      if (wait <= 0) {
        writeQuietly(entry);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(id);
        writeQuietly(entry);
      }, wait);
      timer.unref();
      timers.set(id, timer);
    },
    settle(jobId) {
      settle(jobId);
      lastWrite.delete(jobId);
    },
  };
}
