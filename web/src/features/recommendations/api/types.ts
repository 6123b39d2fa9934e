/**
 * Wire shapes of the recommendation routes (docs/api.md "Recommendations"). Declared here rather than imported
 * from core because the browser sees JSON (dates as strings) and core's types pull in server-only modules.
 */

/** Evaluation metrics of a version (temporal leave-last-out at k), as `ModelReport` in core. */
export interface ModelMetrics {
  model: string;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  novelty: number;
  diversity: number;
  trainSeconds: number;
}

/** One trained version in `GET .../recommendations/models`. */
export interface ModelVersionSummary {
  version: number;
  model: string;
  trainedAt: string;
  active: boolean;
  metrics: ModelMetrics | null;
  counts: { events: number; users: number; items: number; interactions: number };
}

/** A training job (`GET .../recommendations/jobs/:jobId`). */
export interface TrainingJob {
  id: string;
  projectId: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: { done: number; total: number | null; stage: string };
  version: number | null;
  error: { code: string; message: string } | null;
}

/** `GET .../recommendations/models`. */
export interface ModelList {
  active: number | null;
  versions: ModelVersionSummary[];
  training: TrainingJob | null;
}

/** Why an item is in a list, in both languages. */
export type Explanation =
  | { kind: 'seen_item'; itemId: string; event: string; en: string; zh: string }
  | { kind: 'history'; en: string; zh: string }
  | { kind: 'trending'; en: string; zh: string };

/** Why a list looks the way it does. */
export type ListReason = 'personalized' | 'cold_start' | 'no_model' | 'no_events' | 'not_personal_model';

/** `GET .../recommendations?distinct_id=`. */
export interface RecommendationList {
  projectId: string;
  distinctId: string;
  reason: ListReason;
  model: { version: number; name: string } | null;
  training: boolean;
  items: Array<{ itemId: string; score: number; category: string | null; explanation: Explanation }>;
}

/** `GET .../similar-items?item_id=`. */
export interface SimilarItems {
  projectId: string;
  itemId: string;
  model: { version: number; name: string };
  method: 'model' | 'same_category';
  items: Array<{ itemId: string; score: number; category: string | null }>;
}

/** One event of `GET .../persons/:distinctId/events`. */
export interface PersonEvent {
  uuid: string;
  event: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

/** `GET .../persons/:distinctId/events`. */
export interface PersonEvents {
  distinctId: string;
  events: PersonEvent[];
  truncated: boolean;
}
