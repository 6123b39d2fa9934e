/**
 * Training jobs of the dashboard's Models page. A request is validated on the spot (a bad CSV or archive is
 * a coded error on the request itself); then its upload and a job record are made durable (the upload under
 * `<modelsDir>/<project>/.uploads/<job>`, the record in the store) before the job is acknowledged, and the
 * job trains in a worker thread (`training-worker.ts` through `startWorkerJob`), so the server keeps
 * answering while it computes. Each epoch's loss/accuracy and each Keras-style log line come back as
 * progress and are written to the record (throttled, `training-jobs-journal.ts`); cancel terminates the
 * worker; a worker that dies marks the job failed with JOB_WORKER_CRASHED. A finished model is saved with its
 * metrics under `<modelsDir>/<project>/<model>`.
 *
 * Restarts (issue 3, "nothing that was accepted is ever lost"): a clean shutdown marks running jobs
 * `interrupted` (JOB_INTERRUPTED); {@link ModelTrainingService.recover} does the same on start-up for jobs a
 * crashed process left running. An interrupted job keeps its upload, so `retry` starts it again as a new job
 * without a second upload; finished jobs list again from the store with their metrics and curves.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { ERROR_CODES } from '../../common/error-codes.js';
import { NorthstarError } from '../../common/errors.js';
import { uuidv7 } from '../../common/ids.js';
import { silentLogger, type Logger } from '../../common/logger.js';
import type { EventStore } from '../../store/index.js';
import { startWorkerJob, type WorkerJob, type WorkerJobOutcome } from '../jobs/worker-job.js';
import { DEFAULT_IMAGE_ARCHIVE_LIMITS, type ImageArchiveLimits } from './image-archive.js';
import { checkImageRequest, type ImageJobRequest } from './image-request.js';
import { checkTabularRequest } from './tabular-job.js';
import type { ModelTrainingJob, ModelTrainingService, TabularJobRequest, TrainedModelResult, TrainedModelSummary, TrainingProgress, TrainingRequestSummary, TrainingWorkerInput } from './training-job-types.js';
import { createJobJournal, fromJobRecord, type JournalEntry } from './training-jobs-journal.js';
import { recoverTrainingJobs, SUMMARY_FILE } from './training-jobs-recovery.js';
import { listTrainedModels } from './training-jobs-models.js';
import { hasKeptUpload, imageRequestOf, imagesDirOf, keepUpload, moveUpload, readKeptUpload, removeExtracted, removeUpload, tabularRequestOf, uploadDirOf } from './training-jobs-uploads.js';

export type { EpochRecord, ModelMetrics, ModelTrainingJob, ModelTrainingService, RecoveryReport, TabularJobRequest, TrainedModelSummary, TrainingJobStatus, TrainingRequestSummary } from './training-job-types.js';
export type { ImageJobRequest } from './image-request.js';


/** Options of {@link createModelTrainingService}. */
export interface ModelTrainingOptions {
  modelsDir: string;
  /** Where job records live (the server's store). */
  store: EventStore;
  logger?: Logger;
  now?: () => Date;
  /** Jobs training at once (each is a thread); more is OVERLOADED. Default 2. */
  maxRunningJobs?: number;
  /** Limits on an uploaded image archive. */
  imageLimits?: ImageArchiveLimits;
  /** Heap limits of each training worker. */
  resourceLimits?: ResourceLimits;
  /** Least time between two progress writes of one job's record (default 1000 ms). */
  progressIntervalMs?: number;
}

const MAX_FINISHED_JOBS = 100;
const MAX_LOG_LINES = 500;
const WORKER = new URL('./training-worker.js', import.meta.url);

/** How a job came to be: a fresh upload (kept now) or a retry (takes over the interrupted job's upload). */
interface Origin {
  retryOf: string | null;
  persist: (uploadDir: string) => Promise<void>;
  /** Undoes `persist` when the record cannot be written. */
  undo: (uploadDir: string) => Promise<void>;
}

function copyJob(job: ModelTrainingJob): ModelTrainingJob {
  return structuredClone(job);
}

const utf8 = new TextEncoder();

/** Creates the service; models go under `modelsDir/<projectId>/<modelId>`. */
export function createModelTrainingService(options: ModelTrainingOptions): ModelTrainingService {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const maxRunning = options.maxRunningJobs ?? 2;
  const journal = createJobJournal(options.store, logger, now, options.progressIntervalMs);
  const jobs = new Map<string, ModelTrainingJob>();
  const done = new Map<string, Promise<ModelTrainingJob>>();
  const workers = new Map<string, WorkerJob<TrainedModelResult>>();
  const starting = new Set<Promise<unknown>>();
  const retrying = new Set<string>();
  let active = 0; // admitted and not yet ended: slots are taken before the awaits of accepting
  let closing = false;

  const view = async (job: ModelTrainingJob): Promise<ModelTrainingJob> => {
    const copy = copyJob(job);
    copy.retryable = copy.status === 'interrupted' && copy.retriedAs === null && !retrying.has(copy.id) && (await hasKeptUpload(uploadDirOf(options.modelsDir, copy.projectId, copy.id)));
    return copy;
  };

  const admit = (projectId: string, kind: ModelTrainingJob['kind'], target: string, request: TrainingRequestSummary, retryOf: string | null): ModelTrainingJob => {
    if (closing) throw new NorthstarError('OVERLOADED', 'the server is shutting down; start the training job again once it is back');
    if (active >= maxRunning) {
      throw new NorthstarError('OVERLOADED', `${active} training job(s) are running; at most ${maxRunning} train at once`, {
        hint: 'Wait for a running training job to finish, or cancel it, then start this one again.',
        details: { running: active, maxRunningJobs: maxRunning },
      });
    }
    active += 1;
    const at = now().toISOString();
    const job: ModelTrainingJob = { id: uuidv7(), projectId, kind, status: 'running', startedAt: at, updatedAt: at, finishedAt: null, target, epochsPlanned: request.epochs, request, epochs: [], logs: [], model: null, error: null, retryable: false, retryOf, retriedAs: null };
    jobs.set(job.id, job);
    // Finished jobs stay in memory for polling, but only the newest MAX_FINISHED_JOBS (the store keeps all).
    const finishedIds = [...jobs.values()].filter((j) => j.status !== 'running').map((j) => j.id);
    for (const old of finishedIds.slice(0, Math.max(0, finishedIds.length - MAX_FINISHED_JOBS))) {
      jobs.delete(old);
      done.delete(old);
    }
    return job;
  };

  /** Makes the upload and the record durable, then starts the worker; a failure frees the slot and throws. */
  const launch = async (job: ModelTrainingJob, origin: Origin, input: (modelDir: string, uploadDir: string) => TrainingWorkerInput): Promise<ModelTrainingJob> => {
    const modelId = uuidv7();
    const modelDir = join(options.modelsDir, job.projectId, modelId);
    const uploadDir = uploadDirOf(options.modelsDir, job.projectId, job.id);
    const entry: JournalEntry = { job, modelDir };
    try {
      await origin.persist(uploadDir);
      await journal.save(entry);
    } catch (error) {
      active -= 1;
      jobs.delete(job.id);
      await origin.undo(uploadDir).catch(() => undefined);
      throw error;
    }
    const shownDir = imagesDirOf(uploadDir);
    const onProgress = (p: TrainingProgress): void => {
      if (p.kind === 'epoch') job.epochs.push({ epoch: p.epoch, metrics: p.metrics });
      else if (job.logs.push(p.line) > MAX_LOG_LINES) job.logs.shift();
      journal.progress(entry);
    };
    const worker = startWorkerJob<TrainingWorkerInput, TrainingProgress, TrainedModelResult>(WORKER, {
      input: input(modelDir, uploadDir),
      onProgress,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    workers.set(job.id, worker);
    const finish = async (outcome: WorkerJobOutcome<TrainedModelResult>): Promise<ModelTrainingJob> => {
      workers.delete(job.id);
      journal.settle(job.id);
      // The end is computed on a copy and shown only once it is stored and the upload is cleaned up, so
      // whoever sees a finished job sees its record durable and its upload gone.
      const final = copyJob(job);
      final.finishedAt = now().toISOString();
      const interrupted = outcome.status === 'cancelled' && closing;
      if (outcome.status === 'succeeded') {
        const summary: TrainedModelSummary = { id: modelId, projectId: job.projectId, name: job.request.name, createdAt: now().toISOString(), ...outcome.value };
        try {
          await writeFile(join(modelDir, SUMMARY_FILE), JSON.stringify(summary, null, 2));
          Object.assign(final, { status: 'succeeded', model: summary });
        } catch (error) {
          Object.assign(final, { status: 'failed', error: { code: 'INTERNAL', message: `the trained model could not be listed: ${error instanceof Error ? error.message : String(error)}` } });
        }
      } else {
        await rm(modelDir, { recursive: true, force: true });
        if (interrupted) {
          final.status = 'interrupted';
          final.error = { code: 'JOB_INTERRUPTED', message: `the server shut down while this job was training (after epoch ${job.epochs.length} of ${job.epochsPlanned}); no model was saved`, hint: ERROR_CODES.JOB_INTERRUPTED.hint };
        } else {
          final.status = outcome.status;
          if (outcome.status === 'failed') {
            // Never show the server's folders: name the upload instead of its extraction path.
            final.error = { code: outcome.error.code, message: outcome.error.message.split(shownDir).join('the uploaded folder') };
          }
        }
      }
      try {
        await journal.save({ job: final, modelDir });
      } catch (error) {
        logger.error('training job end not saved', { jobId: job.id, status: final.status, error: error instanceof Error ? error.message : String(error) });
      }
      // An interrupted job keeps its upload for a retry; the extracted images are rebuilt from the archive.
      await (interrupted ? removeExtracted(uploadDir) : removeUpload(uploadDir));
      Object.assign(job, final);
      active -= 1;
      return copyJob(job);
    };
    done.set(job.id, worker.outcome.then(finish));
    return copyJob(job);
  };

  /** Runs a start while tracking it, so close() waits for a start that is making its upload durable. */
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    starting.add(work);
    return work.finally(() => starting.delete(work));
  };

  const fresh = (data: Uint8Array, kind: ModelTrainingJob['kind'], target: string, request: TrainingRequestSummary): Origin => ({
    retryOf: null,
    persist: (dir) => keepUpload(dir, { kind, target, request, data }),
    undo: (dir) => removeUpload(dir),
  });

  const startTabular = (projectId: string, request: TabularJobRequest, origin?: (summary: TrainingRequestSummary) => Origin): Promise<ModelTrainingJob> => {
    checkTabularRequest(request);
    const summary: TrainingRequestSummary = { name: request.name ?? `${request.target} model`, epochs: request.epochs, batchSize: request.batchSize ?? 32, seed: request.seed ?? 42, ...(request.task ? { task: request.task } : {}) };
    const how = origin?.(summary) ?? fresh(utf8.encode(request.csv), 'tabular', request.target, summary);
    const job = admit(projectId, 'tabular', request.target, summary, how.retryOf);
    return tracked(launch(job, how, (modelDir) => ({
      kind: 'tabular',
      modelDir,
      csv: request.csv,
      target: request.target,
      ...(request.task ? { task: request.task } : {}),
      epochs: summary.epochs,
      batchSize: summary.batchSize,
      seed: summary.seed,
    })));
  };

  const startImage = (projectId: string, request: ImageJobRequest, origin?: (summary: TrainingRequestSummary) => Origin): Promise<ModelTrainingJob> => {
    const { plan, settings } = checkImageRequest(request, options.imageLimits ?? DEFAULT_IMAGE_ARCHIVE_LIMITS);
    const summary: TrainingRequestSummary = { name: request.name ?? `${plan.classes.join(' / ')} images`, ...settings, classes: plan.classes };
    const how = origin?.(summary) ?? fresh(request.zip, 'image', 'class', summary);
    const job = admit(projectId, 'image', 'class', summary, how.retryOf);
    return tracked(launch(job, how, (modelDir, uploadDir) => ({ kind: 'image', modelDir, uploadDir: imagesDirOf(uploadDir), zip: request.zip, plan, ...settings })));
  };

  const getJob = async (projectId: string, jobId: string): Promise<ModelTrainingJob> => {
    const live = jobs.get(jobId);
    if (live !== undefined && live.projectId === projectId) return view(live);
    const stored = await options.store.getTrainingJob(projectId, jobId);
    if (stored === undefined) throw new NorthstarError('NOT_FOUND', `no model training job ${jobId} in project ${projectId}`, { details: { projectId, jobId } });
    return view(fromJobRecord(stored, false));
  };

  const notRetryable = (job: ModelTrainingJob, why: string): NorthstarError =>
    new NorthstarError('JOB_NOT_RETRYABLE', `training job ${job.id} cannot be retried: ${why}`, { details: { jobId: job.id, status: job.status, retriedAs: job.retriedAs } });

  return {
    // async, so a bad request or OVERLOADED rejects rather than throws
    startTabular: async (projectId, request) => startTabular(projectId, request),
    startImage: async (projectId, request) => startImage(projectId, request),
    async retry(projectId, jobId) {
      const old = await getJob(projectId, jobId);
      if (old.status !== 'interrupted') throw notRetryable(old, `it is ${old.status}, and only an interrupted job starts again`);
      if (old.retriedAs !== null) throw notRetryable(old, `it was already retried as job ${old.retriedAs}`);
      if (retrying.has(jobId)) throw notRetryable(old, 'a retry of it is starting');
      const oldDir = uploadDirOf(options.modelsDir, projectId, jobId);
      retrying.add(jobId);
      try {
        const upload = await readKeptUpload(oldDir);
        if (upload === undefined) throw notRetryable(old, 'its upload is no longer on disk; upload the data again');
        const origin = (): Origin => ({ retryOf: jobId, persist: (dir) => moveUpload(oldDir, dir), undo: (dir) => moveUpload(dir, oldDir) });
        const job = upload.kind === 'tabular' ? await startTabular(projectId, tabularRequestOf(upload), origin) : await startImage(projectId, imageRequestOf(upload), origin);
        const stored = await options.store.getTrainingJob(projectId, jobId);
        if (stored !== undefined) await options.store.saveTrainingJob({ ...stored, retriedAs: job.id, updatedAt: now().toISOString() });
        const inMemory = jobs.get(jobId);
        if (inMemory !== undefined) inMemory.retriedAs = job.id;
        return job;
      } finally {
        retrying.delete(jobId);
      }
    },
    async cancel(projectId, jobId) {
      const job = await getJob(projectId, jobId);
      const worker = workers.get(jobId);
      if (worker === undefined) return job;
      await worker.cancel();
      const ended = await done.get(jobId);
      return ended === undefined ? getJob(projectId, jobId) : view(ended);
    },
    getJob,
    async listJobs(projectId, page) {
      const rows = await options.store.listTrainingJobs({ projectId, limit: page.limit, ...(page.offset === undefined ? {} : { offset: page.offset }) });
      // A live job's progress in memory is newer than its throttled record.
      return Promise.all(rows.map((r) => view(jobs.get(r.id) ?? fromJobRecord(r, false))));
    },
    wait(jobId) {
      const p = done.get(jobId);
      return p ?? Promise.reject(new NorthstarError('NOT_FOUND', `no model training job ${jobId}`));
    },
    listModels: (projectId) => listTrainedModels(join(options.modelsDir, projectId)),
    recover() {
      return recoverTrainingJobs({ store: options.store, modelsDir: options.modelsDir, now, logger });
    },
    async close() {
      closing = true;
      await Promise.allSettled([...starting]);
      const running = [...workers.keys()];
      await Promise.all(running.map(async (id) => {
        await workers.get(id)?.cancel();
        await done.get(id);
      }));
    },
  };
}
