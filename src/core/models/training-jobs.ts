/**
 * Training jobs of the dashboard's Models page. A request is validated on the spot (a bad CSV or archive is
 * a coded error on the request itself), then the job trains in a worker thread (`training-worker.ts` through
 * `startWorkerJob`), so the server keeps answering while it computes. Each epoch's loss/accuracy and each
 * Keras-style log line come back as progress; cancel terminates the worker; a worker that dies marks the
 * job failed with JOB_WORKER_CRASHED. A finished model is saved with its metrics under
 * `<modelsDir>/<project>/<model>`, so the list of trained models survives restarts; uploads are extracted
 * under `<modelsDir>/<project>/.uploads/<job>` and removed when the job ends.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { ErrorCode } from '../../common/error-codes.js';
import { NorthstarError } from '../../common/errors.js';
import { uuidv7 } from '../../common/ids.js';
import { startWorkerJob, type WorkerJob, type WorkerJobOutcome } from '../jobs/worker-job.js';
import { DEFAULT_IMAGE_ARCHIVE_LIMITS, type ImageArchiveLimits } from './image-archive.js';
import { checkImageRequest, type ImageJobRequest } from './image-request.js';
import { checkTabularRequest } from './tabular-job.js';
import type { EpochRecord, TrainedModelResult, TrainedModelSummary, TrainingProgress, TrainingWorkerInput } from './training-job-types.js';

export type { EpochRecord, ModelMetrics, TrainedModelSummary } from './training-job-types.js';
export type { ImageJobRequest } from './image-request.js';

/** A training job as the API shows it. */
export interface ModelTrainingJob {
  id: string;
  projectId: string;
  kind: 'tabular' | 'image';
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  target: string;
  epochsPlanned: number;
  epochs: EpochRecord[];
  /** Keras-style epoch lines and warnings from the worker (the newest {@link MAX_LOG_LINES}). */
  logs: string[];
  model: TrainedModelSummary | null;
  error: { code: ErrorCode; message: string } | null;
}

/** What {@link ModelTrainingService.startTabular} needs. */
export interface TabularJobRequest {
  csv: string;
  target: string;
  task?: 'classification' | 'regression';
  epochs: number;
  batchSize?: number;
  seed?: number;
  /** Shown in the model list (default: `<target> model`). */
  name?: string;
}

/** Training jobs and the trained models of each project. */
export interface ModelTrainingService {
  /** Validates the CSV and starts training; NN_INVALID_DATA / UNKNOWN_COLUMN for a bad upload. */
  startTabular(projectId: string, request: TabularJobRequest): ModelTrainingJob;
  /** Plans the image archive and starts training; UPLOAD_* / PAYLOAD_TOO_LARGE / NN_INVALID_DATA for a bad upload. */
  startImage(projectId: string, request: ImageJobRequest): ModelTrainingJob;
  /** Stops a running job (its worker is terminated); a finished job is returned as it is. */
  cancel(projectId: string, jobId: string): Promise<ModelTrainingJob>;
  /** A job of the project; NOT_FOUND otherwise. */
  getJob(projectId: string, jobId: string): ModelTrainingJob;
  /** Resolves when the job finished (tests wait on it). */
  wait(jobId: string): Promise<ModelTrainingJob>;
  /** Trained models of the project, newest first. */
  listModels(projectId: string): Promise<TrainedModelSummary[]>;
  /** Cancels every running job (server shutdown). */
  close(): Promise<void>;
}

/** Options of {@link createModelTrainingService}. */
export interface ModelTrainingOptions {
  modelsDir: string;
  now?: () => Date;
  /** Jobs training at once (each is a thread); more is OVERLOADED. Default 2. */
  maxRunningJobs?: number;
  /** Limits on an uploaded image archive. */
  imageLimits?: ImageArchiveLimits;
  /** Heap limits of each training worker. */
  resourceLimits?: ResourceLimits;
}

const SUMMARY_FILE = 'northstar.summary.json';
const UPLOADS = '.uploads';
const MAX_FINISHED_JOBS = 100;
const MAX_LOG_LINES = 500;
const WORKER = new URL('./training-worker.js', import.meta.url);

function copyJob(job: ModelTrainingJob): ModelTrainingJob {
  return { ...job, epochs: job.epochs.map((e) => ({ epoch: e.epoch, metrics: { ...e.metrics } })), logs: [...job.logs] };
}

/** Creates the service; models go under `modelsDir/<projectId>/<modelId>`. */
export function createModelTrainingService(options: ModelTrainingOptions): ModelTrainingService {
  const now = options.now ?? (() => new Date());
  const maxRunning = options.maxRunningJobs ?? 2;
  const jobs = new Map<string, ModelTrainingJob>();
  const done = new Map<string, Promise<ModelTrainingJob>>();
  const workers = new Map<string, WorkerJob<TrainedModelResult>>();

  const admit = (projectId: string, kind: ModelTrainingJob['kind'], target: string, epochs: number): ModelTrainingJob => {
    if (workers.size >= maxRunning) {
      throw new NorthstarError('OVERLOADED', `${workers.size} training job(s) are running; at most ${maxRunning} train at once`, {
        hint: 'Wait for a running training job to finish, or cancel it, then start this one again.',
        details: { running: workers.size, maxRunningJobs: maxRunning },
      });
    }
    const job: ModelTrainingJob = { id: uuidv7(), projectId, kind, status: 'running', startedAt: now().toISOString(), finishedAt: null, target, epochsPlanned: epochs, epochs: [], logs: [], model: null, error: null };
    jobs.set(job.id, job);
    // Finished jobs are kept for polling, but only the newest MAX_FINISHED_JOBS (their models stay listed).
    const finishedIds = [...jobs.values()].filter((j) => j.status !== 'running').map((j) => j.id);
    for (const old of finishedIds.slice(0, Math.max(0, finishedIds.length - MAX_FINISHED_JOBS))) {
      jobs.delete(old);
      done.delete(old);
    }
    return job;
  };

  const launch = (job: ModelTrainingJob, name: string, input: (modelDir: string) => TrainingWorkerInput, uploadDir?: string): ModelTrainingJob => {
    const modelId = uuidv7();
    const modelDir = join(options.modelsDir, job.projectId, modelId);
    const onProgress = (p: TrainingProgress): void => {
      if (p.kind === 'epoch') job.epochs.push({ epoch: p.epoch, metrics: p.metrics });
      else if (job.logs.push(p.line) > MAX_LOG_LINES) job.logs.shift();
    };
    const worker = startWorkerJob<TrainingWorkerInput, TrainingProgress, TrainedModelResult>(WORKER, {
      input: input(modelDir),
      onProgress,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    workers.set(job.id, worker);
    const finish = async (outcome: WorkerJobOutcome<TrainedModelResult>): Promise<ModelTrainingJob> => {
      workers.delete(job.id);
      // Clean up before the status turns final, so whoever sees a finished job sees its upload gone.
      if (uploadDir !== undefined) await rm(uploadDir, { recursive: true, force: true });
      if (outcome.status === 'succeeded') {
        const summary: TrainedModelSummary = { id: modelId, projectId: job.projectId, name, createdAt: now().toISOString(), ...outcome.value };
        try {
          await writeFile(join(modelDir, SUMMARY_FILE), JSON.stringify(summary, null, 2));
          job.status = 'succeeded';
          job.model = summary;
        } catch (error) {
          job.status = 'failed';
          job.error = { code: 'INTERNAL', message: `the trained model could not be listed: ${error instanceof Error ? error.message : String(error)}` };
        }
      } else {
        await rm(modelDir, { recursive: true, force: true });
        job.status = outcome.status;
        if (outcome.status === 'failed') {
          // Never show the server's folders: name the upload instead of its extraction path.
          const message = uploadDir === undefined ? outcome.error.message : outcome.error.message.split(uploadDir).join('the uploaded folder');
          job.error = { code: outcome.error.code, message };
        }
      }
      job.finishedAt = now().toISOString();
      return copyJob(job);
    };
    done.set(job.id, worker.outcome.then(finish));
    return copyJob(job);
  };

  const find = (projectId: string, jobId: string): ModelTrainingJob => {
    const job = jobs.get(jobId);
    if (job === undefined || job.projectId !== projectId) {
      throw new NorthstarError('NOT_FOUND', `no model training job ${jobId} in project ${projectId}`, { details: { projectId, jobId } });
    }
    return job;
  };

  return {
    startTabular(projectId, request) {
      checkTabularRequest(request);
      const job = admit(projectId, 'tabular', request.target, request.epochs);
      const seed = request.seed ?? 42;
      return launch(job, request.name ?? `${request.target} model`, (modelDir) => ({
        kind: 'tabular',
        modelDir,
        csv: request.csv,
        target: request.target,
        ...(request.task ? { task: request.task } : {}),
        epochs: request.epochs,
        batchSize: request.batchSize ?? 32,
        seed,
      }));
    },
    startImage(projectId, request) {
      const { plan, settings } = checkImageRequest(request, options.imageLimits ?? DEFAULT_IMAGE_ARCHIVE_LIMITS);
      const job = admit(projectId, 'image', 'class', settings.epochs);
      const uploadDir = join(options.modelsDir, projectId, UPLOADS, job.id);
      return launch(job, request.name ?? `${plan.classes.join(' / ')} images`, (modelDir) => ({ kind: 'image', modelDir, uploadDir, zip: request.zip, plan, ...settings }), uploadDir);
    },
    async cancel(projectId, jobId) {
      const job = find(projectId, jobId);
      const worker = workers.get(jobId);
      if (worker !== undefined) {
        await worker.cancel();
        return (await done.get(jobId)) ?? copyJob(job);
      }
      return copyJob(job);
    },
    getJob(projectId, jobId) {
      return copyJob(find(projectId, jobId));
    },
    wait(jobId) {
      const p = done.get(jobId);
      return p ?? Promise.reject(new NorthstarError('NOT_FOUND', `no model training job ${jobId}`));
    },
    async listModels(projectId) {
      const dir = join(options.modelsDir, projectId);
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n !== UPLOADS);
      } catch {
        return []; // no model trained yet
      }
      const out: TrainedModelSummary[] = [];
      for (const name of names) {
        try {
          out.push(JSON.parse(await readFile(join(dir, name, SUMMARY_FILE), 'utf8')) as TrainedModelSummary);
        } catch {
          // A folder without a summary (training interrupted, or copied in by hand) is not listed.
        }
      }
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async close() {
      const running = [...workers.keys()];
      await Promise.all(running.map(async (id) => {
        await workers.get(id)?.cancel();
        await done.get(id);
      }));
    },
  };
}

