/**
 * Rows of model training jobs as the store keeps them (docs/store.md, migration 4). The store knows nothing
 * of training: the request summary and the trained model's summary are opaque JSON here, so the schema does
 * not change when a job kind gains a setting. Core (`core/models/training-jobs.ts`) writes a row when it
 * accepts a job, again as epochs finish (throttled), and once more when the job ends; on start-up it turns
 * rows left `running` by a stopped process into `interrupted`.
 */

/** One finished epoch: Keras log names (`loss`, `accuracy`, `val_loss`...) and their values. */
export interface TrainingEpochRecord {
  epoch: number;
  metrics: Record<string, number>;
}

/** A stored training job. Timestamps are ISO-8601 UTC strings. */
export interface TrainingJobRecord {
  id: string;
  projectId: string;
  /** `tabular` or `image` (core's job kinds; a string here so the store need not change for a new kind). */
  kind: string;
  /** `running`, `succeeded`, `failed`, `cancelled` or `interrupted`. */
  status: string;
  startedAt: string;
  /** When the row was last written (progress or status). */
  updatedAt: string;
  finishedAt: string | null;
  target: string;
  epochsPlanned: number;
  /** The request without its data (name, epochs, batch size, seed, task, image settings...). */
  request: Record<string, unknown>;
  epochs: TrainingEpochRecord[];
  logs: string[];
  /** The trained model's summary once the job succeeded. */
  model: Record<string, unknown> | null;
  error: { code: string; message: string; hint?: string } | null;
  /** The model folder the job writes (absent until the job is accepted). */
  modelDir: string | null;
  /** The interrupted job this one retries, and the job that retried this one. */
  retryOf: string | null;
  retriedAs: string | null;
}

/** Filters of `listTrainingJobs`: newest started first. */
export interface TrainingJobQuery {
  /** One project; every project when absent (start-up recovery). */
  projectId?: string;
  statuses?: string[];
  limit: number;
  offset?: number;
}
