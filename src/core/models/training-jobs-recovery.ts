/**
 * Start-up recovery of training jobs (issue 3, "nothing that was accepted is ever lost"). A job the store
 * still shows as `running` belongs to a process that stopped without finishing it (crash, kill -9, power
 * loss; a clean shutdown already wrote `interrupted`). Such a job becomes `interrupted` with JOB_INTERRUPTED,
 * keeping its curve and logs; its half-written model folder is removed, and its upload is kept for a retry
 * (only the extracted images go). If the model folder holds a finished summary, the worker had saved the
 * model and only the last write was lost: the job is then `succeeded` with that model.
 *
 * Upload folders are removed only when the store positively knows their job ended: a folder without a row
 * may belong to another store's server sharing the models folder (tests do), so it is left alone.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES } from '../../common/error-codes.js';
import type { Logger } from '../../common/logger.js';
import type { EventStore, TrainingJobRecord } from '../../store/index.js';
import type { RecoveryReport, TrainedModelSummary } from './training-job-types.js';
import { hasKeptUpload, listUploadFolders, removeExtracted, removeUpload, uploadDirOf } from './training-jobs-uploads.js';

/** File a finished model folder holds (written by the registry after the worker saved the model). */
export const SUMMARY_FILE = 'northstar.summary.json';

async function readSummary(modelDir: string | null): Promise<TrainedModelSummary | undefined> {
  if (modelDir === null) return undefined;
  try {
    return JSON.parse(await readFile(join(modelDir, SUMMARY_FILE), 'utf8')) as TrainedModelSummary;
  } catch {
    return undefined;
  }
}

async function runningJobs(store: EventStore): Promise<TrainingJobRecord[]> {
  const out: TrainingJobRecord[] = [];
  const page = 500;
  for (let offset = 0; ; offset += page) {
    const rows = await store.listTrainingJobs({ statuses: ['running'], limit: page, offset });
    out.push(...rows);
    if (rows.length < page) return out;
  }
}

/** Marks jobs left running as interrupted and sweeps uploads of ended jobs; see the file comment. */
export async function recoverTrainingJobs(options: { store: EventStore; modelsDir: string; now: () => Date; logger: Logger }): Promise<RecoveryReport> {
  const { store, modelsDir, logger } = options;
  const at = options.now().toISOString();
  const report: RecoveryReport = { interrupted: [], completed: [], removedUploads: 0 };
  for (const job of await runningJobs(store)) {
    const uploadDir = uploadDirOf(modelsDir, job.projectId, job.id);
    const summary = await readSummary(job.modelDir);
    const next: TrainingJobRecord = { ...job, updatedAt: at, finishedAt: at };
    if (summary !== undefined) {
      Object.assign(next, { status: 'succeeded', model: summary as unknown as Record<string, unknown> });
      await removeUpload(uploadDir);
      report.completed.push(job.id);
    } else {
      if (job.modelDir !== null) await rm(job.modelDir, { recursive: true, force: true });
      await removeExtracted(uploadDir);
      const done = job.epochs.length;
      Object.assign(next, {
        status: 'interrupted',
        error: {
          code: 'JOB_INTERRUPTED',
          message: `the server stopped while this job was training (after epoch ${done} of ${job.epochsPlanned}); no model was saved`,
          hint: ERROR_CODES.JOB_INTERRUPTED.hint,
        },
      });
      report.interrupted.push({ projectId: job.projectId, id: job.id, retryable: await hasKeptUpload(uploadDir) });
    }
    await store.saveTrainingJob(next);
  }
  for (const folder of await listUploadFolders(modelsDir)) {
    const job = await store.getTrainingJob(folder.projectId, folder.jobId).catch(() => undefined);
    if (job === undefined || (job.status === 'interrupted' && job.retriedAs === null) || job.status === 'running') continue;
    await removeUpload(folder.dir);
    report.removedUploads += 1;
  }
  if (report.interrupted.length > 0 || report.completed.length > 0) {
    logger.warn('training jobs found running at start-up', { interrupted: report.interrupted.length, completed: report.completed.length });
  }
  return report;
}
