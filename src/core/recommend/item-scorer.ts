import { isItemItem, type ItemItemScorer } from '../../ml/recommend/item-item.js';
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
 */
export function factorItemItem(y: Float32Array, f: number): ItemItemScorer {
  const n = y.length / f;
  const x = new Float64Array(f);
  return {
    scoreRow(items, values, out) {
      x.fill(0);
      for (let t = 0; t < items.length; t++) {
        const o = (items[t] as number) * f;
        const w = values[t] as number;
        for (let a = 0; a < f; a++) x[a]! += w * y[o + a]!;
      }
      for (let j = 0; j < n; j++) {
        let s = 0;
        const o = j * f;
        for (let a = 0; a < f; a++) s += x[a]! * y[o + a]!;
        out[j] = s;
      }
    },
    itemRow(item, out) {
      const oi = item * f;
      for (let j = 0; j < n; j++) {
        let s = 0;
        const o = j * f;
        for (let a = 0; a < f; a++) s += y[oi + a]! * y[o + a]!;
        out[j] = s;
      }
    },
    rowWeight: (value) => value,
  };
}

/** Cosine similarity of item i's factors to every item's (similar items of a factor model). */
function factorCosineRow(y: Float32Array, f: number, item: number, out: Float32Array): void {
  const n = y.length / f;
  const norm = (o: number): number => {
    let s = 0;
    for (let a = 0; a < f; a++) s += y[o + a]! * y[o + a]!;
    return Math.sqrt(s) || 1;
  };
  const oi = item * f;
  const ni = norm(oi);
  for (let j = 0; j < n; j++) {
    let s = 0;
    const o = j * f;
    for (let a = 0; a < f; a++) s += y[oi + a]! * y[o + a]!;
    out[j] = s / (ni * norm(o));
  }
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
      similarRow: (i, out) => factorCosineRow(factors.y, factors.f, i, out),
      pair: (i, j) => {
        let s = 0;
        for (let a = 0; a < factors.f; a++) s += factors.y[i * factors.f + a]! * factors.y[j * factors.f + a]!;
        return s;
      },
    };
  }
  return { kind: 'global', itemItem: undefined, similarRow: undefined };
}
