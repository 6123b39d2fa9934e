import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, apiPostText, projectPath } from '../../../lib/api-client.js';

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
}

/** A trained model as listed by `GET .../models`. */
export interface TrainedModel {
  id: string;
  name: string;
  target: string;
  features: string[];
  epochs: number;
  createdAt: string;
  metrics: ModelMetrics;
}

/** A training job. */
export interface TrainingJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  target: string;
  epochsPlanned: number;
  epochs: EpochRecord[];
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

/** Polls a job every 400 ms while it runs; stops once it succeeded or failed. */
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
