import type { CsrMatrix } from '../../ml/recommend/csr-matrix.js';
import { buildInteractionMatrix } from '../../ml/recommend/interaction-matrix.js';
import { Popularity } from '../../ml/recommend/popularity.js';
import type { Recommender } from '../../ml/recommend/recommender.js';
import { evaluateModel, prepareSplit, splitTable, type ModelReport } from './evaluate.js';
import type { InteractionTable } from './interaction-table.js';
import { createModel, parseModelSpec } from './model-registry.js';

/** What {@link fitTable} needs: the table read from the store and the training options. Structured-cloneable. */
export interface FitTableInput {
  table: InteractionTable;
  /** Model spec as on the CLI (`ease`, `als:factors=64`). */
  modelSpec: string;
  /** List length of the evaluation. */
  k: number;
  seed: number;
  /** Half-life in days of the time decay of interaction weights (0 = none). */
  halfLifeDays: number;
}

/** The CPU-heavy part of a training: evaluation metrics, the fitted model, its training matrix and trending. */
export interface FittedTable {
  model: Recommender;
  /** Temporal leave-last-out metrics at k; null when no user had two interactions to split. */
  metrics: ModelReport | null;
  /** The (decayed) users × items training matrix. */
  matrix: CsrMatrix;
  /** Trending score per item (distinct users, 7-day half-life): the cold-start list. */
  trending: Float32Array;
}

/**
 * Evaluates the model on a temporal leave-last-out split, then fits it on every interaction (time-decayed)
 * and counts the trending list. Pure computation: it runs in a worker thread for the server
 * (`fit-worker.ts`) or in the caller's thread; `onStage` reports `evaluate` and `fit` as they start.
 */
export function fitTable(input: FitTableInput, onStage: (stage: 'evaluate' | 'fit') => void = () => undefined): FittedTable {
  const { table, k, seed, halfLifeDays } = input;
  const spec = parseModelSpec(input.modelSpec);
  onStage('evaluate');
  const split = prepareSplit(table, splitTable(table, 'temporal', seed));
  const metrics = split.testUsers.length === 0 ? null : evaluateModel(spec, split, k, seed);

  onStage('fit');
  const nUsers = table.userIds.length;
  const nItems = table.itemIds.length;
  const built = buildInteractionMatrix(table, nUsers, nItems, { halfLifeDays });
  const context = built.times === undefined ? {} : { times: built.times };
  const model = createModel(spec, seed);
  model.fit(built.matrix, context);
  const trending = new Float32Array(nItems);
  const popular = new Popularity({ timeDecayDays: 7 });
  popular.fit(built.matrix, context);
  popular.scoreUser(0, trending);
  return { model, metrics, matrix: built.matrix, trending };
}
