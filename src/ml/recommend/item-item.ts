import type { Recommender } from './recommender.js';

/**
 * A model whose scores are a user's item row times an item × item weight matrix (EASE, item-kNN, SAR).
 * Serving uses it to score a row rebuilt from the user's latest events (new events count without a
 * retrain, exactly), to explain a score by its largest contribution, and to list similar items.
 */
export interface ItemItemScorer {
  /** out[j] = Σ_t values[t] · W[items[t]][j] (values are the model's own input weights; see `rowWeight`). */
  scoreRow(items: ArrayLike<number>, values: ArrayLike<number>, out: Float32Array): void;
  /** Row `item` of W (its weight towards every item) written densely into `out`. */
  itemRow(item: number, out: Float32Array): void;
  /** The weight the model gives an interaction of this strength (EASE and binary kNN use 1). */
  rowWeight(value: number): number;
}

/** True when the model can score arbitrary rows through an item × item matrix. */
export function isItemItem(model: Recommender): model is Recommender & ItemItemScorer {
  const m = model as Partial<ItemItemScorer>;
  return typeof m.scoreRow === 'function' && typeof m.itemRow === 'function' && typeof m.rowWeight === 'function';
}
