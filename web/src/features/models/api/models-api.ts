import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, apiPostBlob, apiPostText, projectPath } from '../../../lib/api-client.js';

/** One finished epoch (`loss`, `accuracy`, `val_loss`, `val_accuracy`, ...), as `GET .../models/jobs/:id` sends it. */
export interface EpochRecord {
  epoch: number;
  metrics: Record<string, number>;
}

/** Per-class scores on the validation rows. */
export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Validation metrics of a trained model. */
export interface ModelMetrics {
  task: 'classification' | 'regression';
  accuracy?: number;
  rmse?: number;
  classes?: string[];
  confusionMatrix?: number[][];
  perClass?: ClassScores[];
  trainRows: number;
  validationRows: number;
  skippedRows: number;
  /** Image folders: the first skipped files and why. */
  skipped?: Array<{ file: string; reason: string }>;
}

/** A trained model as listed by `GET .../models`. */
export interface TrainedModel {
  id: string;
  name: string;
  /** `tabular` (CSV) or `image` (image folder); older summaries have none (tabular). */
  kind?: 'tabular' | 'image';
  target: string;
  features: string[];
  epochs: number;
  createdAt: string;
  metrics: ModelMetrics;
}

/** Where a job is; `interrupted`: the server stopped while it trained (it can be started again). */
export type TrainingJobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** A training job (kept by the server across restarts). */
export interface TrainingJob {
  id: string;
  kind: 'tabular' | 'image';
  status: TrainingJobStatus;
  startedAt: string;
  finishedAt: string | null;
  target: string;
  epochsPlanned: number;
  /** The settings it trains with, without the data. */
  request: { name: string; epochs: number };
  epochs: EpochRecord[];
  /** Keras-style epoch lines and warnings from the training worker. */
  logs: string[];
  model: TrainedModel | null;
  error: { code: string; message: string; hint?: string } | null;
  /** Interrupted, and its upload is still on the server: `retryTraining` starts it again. */
  retryable: boolean;
  retryOf: string | null;
  retriedAs: string | null;
}

/** What the Train button sends. */
export interface TrainRequest {
  csv: string;
  target: string;
  epochs: number;
  name?: string;
}

/** `POST /api/projects/:id/models/tabular?target=&epochs=` with the CSV text as the body. */
export function startTraining(projectId: string, r: TrainRequest): Promise<{ jobId: string; job: TrainingJob }> {
  const q = new URLSearchParams({ target: r.target, epochs: String(r.epochs), ...(r.name ? { name: r.name } : {}) });
  return apiPostText(projectPath(projectId, `models/tabular?${q.toString()}`), r.csv, 'text/csv');
}

/** What the Train button sends for an image folder. */
export interface ImageTrainRequest {
  /** The zipped folder (or the picked .zip) as `<class>/<image>` entries. */
  zip: Blob;
  epochs: number;
  imageSize: number;
  name?: string;
}

/** `POST /api/projects/:id/models/images?epochs=&imageSize=` with the .zip as the body. */
export function startImageTraining(projectId: string, r: ImageTrainRequest): Promise<{ jobId: string; job: TrainingJob }> {
  const q = new URLSearchParams({ epochs: String(r.epochs), imageSize: String(r.imageSize), ...(r.name ? { name: r.name } : {}) });
  return apiPostBlob(projectPath(projectId, `models/images?${q.toString()}`), r.zip);
}

/** `POST /api/projects/:id/models/jobs/:jobId/cancel`: stops the job's worker; answers the job. */
export function cancelTraining(projectId: string, jobId: string): Promise<TrainingJob> {
  return apiPost(projectPath(projectId, `models/jobs/${encodeURIComponent(jobId)}/cancel`), undefined);
}

/** `POST /api/projects/:id/models/jobs/:jobId/retry`: starts an interrupted job again as a new job. */
export function retryTraining(projectId: string, jobId: string): Promise<{ jobId: string; job: TrainingJob }> {
  return apiPost(projectPath(projectId, `models/jobs/${encodeURIComponent(jobId)}/retry`), undefined);
}

/** Query options of the project's training jobs (newest first, kept across server restarts). */
export function trainingJobsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: ['models', projectId, 'jobs'],
    queryFn: ({ signal }) => apiGet<{ jobs: TrainingJob[] }>(projectPath(projectId, 'models/jobs?limit=20'), signal),
  });
}

/** The project's recent training jobs; refreshed every 2 s while one of them runs. */
export function useTrainingJobs(projectId: string) {
  return useQuery({
    ...trainingJobsQueryOptions(projectId),
    refetchInterval: (query) => (query.state.data?.jobs.some((j) => j.status === 'running') ? 2000 : false),
  });
}

/** Polls a job every 400 ms while it runs; stops once it succeeded, failed, was cancelled or interrupted. */
export function useTrainingJob(projectId: string, jobId: string | null) {
  return useQuery({
    queryKey: ['models', projectId, 'job', jobId],
    queryFn: ({ signal }) => apiGet<TrainingJob>(projectPath(projectId, `models/jobs/${encodeURIComponent(jobId ?? '')}`), signal),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' || query.state.data === undefined ? 400 : false),
  });
}

/** Query options of the trained-model list. */
export function modelsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: ['models', projectId, 'list'],
    queryFn: ({ signal }) => apiGet<{ models: TrainedModel[] }>(projectPath(projectId, 'models'), signal),
  });
}

/** The project's trained models, newest first. */
export function useModels(projectId: string) {
  return useQuery(modelsQueryOptions(projectId));
}
