import type { ErrorCode } from '../../common/error-codes.js';
import { NorthstarError, toNorthstarError } from '../../common/errors.js';
import { uuidv7 } from '../../common/ids.js';
import type { Progress } from '../../common/progress.js';

/** Lifecycle of a training job. */
export type JobStatus = 'running' | 'succeeded' | 'failed';

/** A job as the API shows it. */
export interface TrainingJob {
  id: string;
  projectId: string;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Work done and total of the current stage (events read), and the stage's label. */
  progress: { done: number; total: number | null; stage: string };
  /** The model version produced, once succeeded. */
  version: number | null;
  error: { code: ErrorCode; message: string } | null;
}

/** In-process jobs: one running training per project at a time. */
export interface TrainingJobs {
  /** Starts `run` unless the project already has a running job, which is returned instead. */
  start(projectId: string, run: (progress: Progress) => Promise<number>): TrainingJob;
  /** A job of the project; NOT_FOUND otherwise. */
  get(projectId: string, jobId: string): TrainingJob;
  /** The project's running job, if any. */
  running(projectId: string): TrainingJob | undefined;
  /** Resolves when the job has finished (tests and the CLI wait on it). */
  wait(jobId: string): Promise<TrainingJob>;
}

/** Creates the job table; `now` is the clock for start and finish times. */
export function createTrainingJobs(now: () => Date = () => new Date()): TrainingJobs {
  const jobs = new Map<string, TrainingJob>();
  const done = new Map<string, Promise<TrainingJob>>();
  const running = (projectId: string): TrainingJob | undefined =>
    [...jobs.values()].find((j) => j.projectId === projectId && j.status === 'running');
  return {
    start(projectId, run) {
      const current = running(projectId);
      if (current !== undefined) return { ...current };
      const job: TrainingJob = {
        id: uuidv7(),
        projectId,
        status: 'running',
        startedAt: now().toISOString(),
        finishedAt: null,
        progress: { done: 0, total: null, stage: 'starting' },
        version: null,
        error: null,
      };
      jobs.set(job.id, job);
      const progress: Progress = {
        start: (total, label) => {
          job.progress = { done: 0, total: total ?? null, stage: label ?? job.progress.stage };
        },
        tick: (delta = 1, info) => {
          job.progress.done += delta;
          if (typeof info?.['stage'] === 'string') job.progress.stage = info['stage'];
        },
        finish: () => {
          job.progress.stage = 'done';
        },
      };
      // Deferred a tick so the caller gets the id before any synchronous training work blocks the loop.
      const promise = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => run(progress))
        .then(
          (version) => {
            job.status = 'succeeded';
            job.version = version;
          },
          (error: unknown) => {
            const e = toNorthstarError(error);
            job.status = 'failed';
            job.error = { code: e.code, message: e.message };
          },
        )
        .then(() => {
          job.finishedAt = now().toISOString();
          return { ...job };
        });
      done.set(job.id, promise);
      return { ...job };
    },
    get(projectId, jobId) {
      const job = jobs.get(jobId);
      if (job === undefined || job.projectId !== projectId) {
        throw new NorthstarError('NOT_FOUND', `no training job ${jobId} in project ${projectId}`, { details: { projectId, jobId } });
      }
      return { ...job, progress: { ...job.progress } };
    },
    running: (projectId) => {
      const job = running(projectId);
      return job === undefined ? undefined : { ...job };
    },
    wait(jobId) {
      const p = done.get(jobId);
      if (p === undefined) return Promise.reject(new NorthstarError('NOT_FOUND', `no training job ${jobId}`));
      return p;
    },
  };
}
