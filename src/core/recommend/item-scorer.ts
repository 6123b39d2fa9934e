import { isItemItem, type ItemItemScorer } from '../../ml/recommend/item-item.js';
import { scoreVector } from '../../ml/recommend/als.js';
import type { Recommender } from '../../ml/recommend/recommender.js';

/** Item factors of a matrix-factorisation model (ALS, BPR), row-major items × factors. */
interface FactorModel {
  itemFactors: Float32Array;
}

function factorsOf(model: Recommender): { y: Float32Array; f: number } | undefined {
  const y = (model as Partial<FactorModel>).itemFactors;
  const f = model.getConfig()['factors'];
  if (!(y instanceof Float32Array) || typeof f !== 'number' || f <= 0 || y.length === 0) return undefined;
  return { y, f };
}

/**
 * Item × item view of a factor model, W = Y·Yᵀ: a row is folded in as x = Σ wᵢ·yᵢ (the user vector a
 * least-squares fold-in approaches when Y is near-orthogonal), and item i's contribution to j is wᵢ·yᵢ·yⱼ.
 * Scoring is one matrix-vector product on the NN engine's backend (BLAS when the native addon loads).
 */
export function factorItemItem(y: Float32Array, f: number): ItemItemScorer {
  const x = new Float32Array(f);
  return {
    scoreRow(items, values, out) {
      x.fill(0);
      for (let t = 0; t < items.length; t++) {
        const o = (items[t] as number) * f;
        const w = values[t] as number;
        for (let a = 0; a < f; a++) x[a]! += w * y[o + a]!;
      }
      scoreVector(x, y, f, out);
    },
    itemRow(item, out) {
      scoreVector(y.subarray(item * f, (item + 1) * f), y, f, out);
    },
    rowWeight: (value) => value,
  };
}

/** Cosine similarity of item i's factors to every item's (similar items of a factor model); norms computed once. */
function factorCosine(y: Float32Array, f: number): (item: number, out: Float32Array) => void {
  const n = y.length / f;
  const norms = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let a = 0; a < f; a++) s += y[j * f + a]! * y[j * f + a]!;
    norms[j] = Math.sqrt(s) || 1;
  }
  return (item, out) => {
    scoreVector(y.subarray(item * f, (item + 1) * f), y, f, out);
    const ni = norms[item]!;
    for (let j = 0; j < n; j++) out[j] = out[j]! / (ni * norms[j]!);
  };
}

/** How serving scores with a model: an item-item view (exact or factor fold-in), or none (popularity). */
export interface ServingScorer {
  kind: 'item-item' | 'factors' | 'global';
  /** Scores a user row; absent for `global` models. */
  itemItem: ItemItemScorer | undefined;
  /** Similarity of item i to every item, for similar-items; absent for `global` models. */
  similarRow: ((item: number, out: Float32Array) => void) | undefined;
  /** W[i][j] for one pair, when cheaper than a whole `itemRow` (factor models: one dot product). */
  pair?: (i: number, j: number) => number;
}

/** Picks the serving path for a trained model. */
export function servingScorer(model: Recommender): ServingScorer {
  if (isItemItem(model)) return { kind: 'item-item', itemItem: model, similarRow: (i, out) => model.itemRow(i, out) };
  const factors = factorsOf(model);
  if (factors !== undefined) {
    return {
      kind: 'factors',
      itemItem: factorItemItem(factors.y, factors.f),
      similarRow: factorCosine(factors.y, factors.f),
      pair: (i, j) => {
        let s = 0;
        for (let a = 0; a < factors.f; a++) s += factors.y[i * factors.f + a]! * factors.y[j * factors.f + a]!;
        return s;
      },
    };
  }
  return { kind: 'global', itemItem: undefined, similarRow: undefined };
}
