/**
 * What the Models page's training jobs exchange: the records the API shows (epochs, metrics, trained-model
 * summaries) and the messages between the job registry (`training-jobs.ts`, main thread) and the training
 * worker (`training-worker.ts`). Everything here crosses a thread boundary, so it is plain data.
 */
import type { ErrorCode } from '../../common/error-codes.js';
import type { ImageArchivePlan } from './image-archive.js';
import type { ImageJobRequest } from './image-request.js';

/**
 * Where a training job is. `interrupted`: it was running when the server stopped (shut down, crashed or was
 * killed); the next start marks it so (JOB_INTERRUPTED) instead of losing it.
 */
export type TrainingJobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** The request of a job without its data: what a retry trains with, and what the dashboard shows. */
export interface TrainingRequestSummary {
  /** Shown in the model list. */
  name: string;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Tabular: the task when it was forced. */
  task?: 'classification' | 'regression';
  /** Image folders: the checked settings and the class folders found. */
  imageSize?: number;
  arch?: string;
  augment?: boolean;
  validationSplit?: number;
  classes?: string[];
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

/** A training job as the API shows it. */
export interface ModelTrainingJob {
  id: string;
  projectId: string;
  kind: 'tabular' | 'image';
  status: TrainingJobStatus;
  startedAt: string;
  /** When the job's record was last written (accepted, progress, end). */
  updatedAt: string;
  finishedAt: string | null;
  target: string;
  epochsPlanned: number;
  request: TrainingRequestSummary;
  epochs: EpochRecord[];
  /** Keras-style epoch lines and warnings from the worker (the newest 500). */
  logs: string[];
  model: TrainedModelSummary | null;
  error: { code: ErrorCode; message: string; hint?: string } | null;
  /** True for an interrupted job whose upload is still on disk: `POST .../jobs/:jobId/retry` starts it again. */
  retryable: boolean;
  /** The interrupted job this one retries, and the job that retried this one. */
  retryOf: string | null;
  retriedAs: string | null;
}

/** One finished epoch (Keras log names: `loss`, `accuracy`, `val_loss`, `val_accuracy`, ...). */
export interface EpochRecord {
  epoch: number;
  metrics: Record<string, number>;
}

/** Scores of a trained model on its validation rows (tabular) or images (image folder). */
export interface ModelMetrics {
  task: 'classification' | 'regression';
  /** Classification: accuracy on the validation rows. */
  accuracy?: number;
  /** Regression: RMSE in the target's units on the validation rows. */
  rmse?: number;
  classes?: string[];
  /** confusionMatrix[true][predicted], in the order of `classes`. */
  confusionMatrix?: number[][];
  perClass?: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
  /** Training rows (tabular) or images (image folder). */
  trainRows: number;
  validationRows: number;
  /** Rows without a usable target (tabular), or files that are not readable images plus ignored archive entries. */
  skippedRows: number;
  /** Image folders: the first skipped files and why (not an image, undecodable, hidden, outside a class folder). */
  skipped?: Array<{ file: string; reason: string }>;
}

/** A trained model as listed by the API. */
export interface TrainedModelSummary {
  id: string;
  projectId: string;
  name: string;
  /** `tabular` (CSV) or `image` (image folder); absent in summaries written before image training existed. */
  kind?: 'tabular' | 'image';
  /** The CSV column predicted; `class` for image models (the class folder). */
  target: string;
  /** Encoded feature names; for image models, one entry describing the input (`32×32×3 pixels`). */
  features: string[];
  epochs: number;
  createdAt: string;
  metrics: ModelMetrics;
}

/** What the worker reports while it trains. */
export type TrainingProgress = { kind: 'epoch'; epoch: number; metrics: Record<string, number> } | { kind: 'log'; line: string };

/** What the worker answers: the summary without the fields the registry fills in. */
export type TrainedModelResult = Omit<TrainedModelSummary, 'id' | 'projectId' | 'createdAt' | 'name'>;

/** A tabular job as the worker receives it (the CSV was validated on the request). */
export interface TabularWorkerInput {
  kind: 'tabular';
  modelDir: string;
  csv: string;
  target: string;
  task?: 'classification' | 'regression';
  epochs: number;
  batchSize: number;
  seed: number;
}

/** An image-folder job as the worker receives it (the archive was planned on the request). */
export interface ImageWorkerInput {
  kind: 'image';
  modelDir: string;
  /** Where the archive is extracted as `<class>/<file>` (the registry removes it when the job ends). */
  uploadDir: string;
  zip: Uint8Array;
  plan: ImageArchivePlan;
  epochs: number;
  batchSize: number;
  imageSize: number;
  arch: string;
  augment: boolean;
  validationSplit: number;
  seed: number;
}

/** Input of the training worker. */
export type TrainingWorkerInput = TabularWorkerInput | ImageWorkerInput;

/** What `recoverTrainingJobs` (start-up) did. */
export interface RecoveryReport {
  /** Jobs marked interrupted, and whether each can be retried (its upload is on disk). */
  interrupted: Array<{ projectId: string; id: string; retryable: boolean }>;
  /** Jobs whose model had been saved: marked succeeded. */
  completed: string[];
  /** Upload folders of ended jobs removed. */
  removedUploads: number;
}

/** Training jobs and the trained models of each project. */
export interface ModelTrainingService {
  /** Validates the CSV, keeps it and the job record durably, and starts training; NN_INVALID_DATA / UNKNOWN_COLUMN for a bad upload. */
  startTabular(projectId: string, request: TabularJobRequest): Promise<ModelTrainingJob>;
  /** Plans the image archive, keeps it durably and starts training; UPLOAD_* / PAYLOAD_TOO_LARGE / NN_INVALID_DATA for a bad upload. */
  startImage(projectId: string, request: ImageJobRequest): Promise<ModelTrainingJob>;
  /** Starts an interrupted job again from its kept upload, as a new job; JOB_NOT_RETRYABLE otherwise. */
  retry(projectId: string, jobId: string): Promise<ModelTrainingJob>;
  /** Stops a running job (its worker is terminated); a finished job is returned as it is. */
  cancel(projectId: string, jobId: string): Promise<ModelTrainingJob>;
  /** A job of the project, live or from the store; NOT_FOUND otherwise. */
  getJob(projectId: string, jobId: string): Promise<ModelTrainingJob>;
  /** Jobs of the project, newest first, across restarts. */
  listJobs(projectId: string, options: { limit: number; offset?: number }): Promise<ModelTrainingJob[]>;
  /** Resolves when a job started by this service finished (tests wait on it). */
  wait(jobId: string): Promise<ModelTrainingJob>;
  /** Trained models of the project, newest first. */
  listModels(projectId: string): Promise<TrainedModelSummary[]>;
  /** Marks jobs a stopped process left running as interrupted (call once, before serving). */
  recover(): Promise<RecoveryReport>;
  /** Stops every running job and records it as interrupted (server shutdown). */
  close(): Promise<void>;
}
