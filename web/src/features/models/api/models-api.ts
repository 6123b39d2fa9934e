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

/** A training job. */
export interface TrainingJob {
  id: string;
  kind: 'tabular' | 'image';
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  target: string;
  epochsPlanned: number;
  epochs: EpochRecord[];
  /** Keras-style epoch lines and warnings from the training worker. */
  logs: string[];
  model: TrainedModel | null;
  error: { code: string; message: string } | null;
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

/** Polls a job every 400 ms while it runs; stops once it succeeded, failed or was cancelled. */
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
