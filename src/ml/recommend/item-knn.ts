import { type CsrMatrix, mapValues, rowIndices, rowValues } from './csr-matrix.js';
import { itemCooccurrence, pruneRows, sparseRowTimes } from './item-cooccurrence.js';
import type { ItemItemScorer } from './item-item.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';
import { csrFromState, csrToState, type ModelState } from './model-state.js';

/** Hyper-parameters of {@link ItemKnn}. */
export interface ItemKnnArgs {
  /**
   * `cosine` of (binary or weighted) item vectors; `jaccard` of binary ones; `bm25` and `tfidf` weight the
   * users × items matrix first (as `implicit`'s BM25Recommender / TFIDFRecommender) and take dot products.
   */
  similarity?: 'cosine' | 'jaccard' | 'bm25' | 'tfidf';
  /** Neighbours kept per item (default 100). */
  neighbours?: number;
  /** Shrinkage added to the cosine denominator, damping pairs with little support (default 0). */
  shrink?: number;
  /** Use interaction weights instead of 1 (default false). */
  weighted?: boolean;
  /** BM25 term-frequency saturation (default 1.2). */
  bm25K1?: number;
  /** BM25 length normalisation (default 0.75). */
  bm25B?: number;
}

const DEFAULTS: Required<ItemKnnArgs> = {
  similarity: 'cosine',
  neighbours: 100,
  shrink: 0,
  weighted: false,
  bm25K1: 1.2,
  bm25B: 0.75,
};

/**
 * Item-based nearest neighbours: an item × item similarity pruned to the top neighbours per item; a user's
 * score for item j is Σ over the user's items i of weight(u, i) · sim(i, j).
 */
export class ItemKnn extends BaseRecommender implements ItemItemScorer {
  readonly name = 'itemknn';
  readonly args: Required<ItemKnnArgs>;
  private similarity: CsrMatrix | undefined;
  private input: CsrMatrix | undefined;

  constructor(args: ItemKnnArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
  }

  protected override saveState(): ModelState {
    if (this.similarity === undefined || this.input === undefined) throw new Error('itemknn: fit() must be called before toState()');
    return { ...csrToState('similarity', this.similarity), ...csrToState('input', this.input) };
  }

  protected override restoreState(state: ModelState): void {
    this.similarity = csrFromState('similarity', state);
    this.input = csrFromState('input', state);
  }

  protected fitModel(matrix: CsrMatrix, _context: FitContext): void {
    const base = this.args.weighted ? matrix : mapValues(matrix, () => 1);
    this.input = base;
    const { similarity, shrink } = this.args;
    let sim: CsrMatrix;
    if (similarity === 'bm25' || similarity === 'tfidf') {
      const w = similarity === 'bm25' ? bm25Weight(base, this.args.bm25K1, this.args.bm25B) : tfidfWeight(base);
      sim = itemCooccurrence(w, (i, j, c) => (i === j ? 0 : c), Number.MIN_VALUE);
    } else {
      const norms = new Float64Array(matrix.nCols);
      for (let p = 0; p < base.data.length; p++) {
        const v = base.data[p]!;
        norms[base.indices[p]!]! += similarity === 'jaccard' ? 1 : v * v;
      }
      sim = itemCooccurrence(
        base,
        (i, j, c) => {
          if (i === j) return 0;
          if (similarity === 'jaccard') return c / (norms[i]! + norms[j]! - c);
          return c / (Math.sqrt(norms[i]! * norms[j]!) + shrink);
        },
        Number.MIN_VALUE,
      );
    }
    this.similarity = pruneRows(sim, this.args.neighbours);
  }

  scoreUser(user: number, out: Float32Array): void {
    const s = this.similarity;
    const x = this.input;
    if (s === undefined || x === undefined) throw new Error('itemknn: fit() must be called before scoring');
    if (user >= x.nRows) return void out.fill(0);
    sparseRowTimes(rowIndices(x, user), rowValues(x, user), s, out);
  }

  /** Scores a row given outside the training matrix (serving folds in new events this way). */
  scoreRow(items: ArrayLike<number>, values: ArrayLike<number>, out: Float32Array): void {
    const s = this.similarity;
    if (s === undefined) throw new Error('itemknn: fit() must be called before scoring');
    const w = Float32Array.from({ length: items.length }, (_, t) => this.rowWeight(values[t] as number));
    sparseRowTimes(items, w, s, out);
  }

  itemRow(item: number, out: Float32Array): void {
    const s = this.similarity;
    if (s === undefined) throw new Error('itemknn: fit() must be called before scoring');
    out.fill(0);
    for (let p = s.indptr[item]!; p < s.indptr[item + 1]!; p++) out[s.indices[p]!] = s.data[p]!;
  }

  rowWeight(value: number): number {
    return this.args.weighted ? value : 1;
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}

function itemIdf(m: CsrMatrix): Float64Array {
  const df = new Float64Array(m.nCols);
  for (let p = 0; p < m.indices.length; p++) df[m.indices[p]!]! += 1;
  const n = m.nRows;
  return df.map((d) => Math.log(n) - Math.log1p(d));
}

/** BM25 weighting of a users × items matrix (idf over items, length normalisation over users). */
export function bm25Weight(m: CsrMatrix, k1: number, b: number): CsrMatrix {
  const idf = itemIdf(m);
  const rowSums = new Float64Array(m.nRows);
  let total = 0;
  for (let r = 0; r < m.nRows; r++) {
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) rowSums[r]! += m.data[p]!;
    total += rowSums[r]!;
  }
  const avg = m.nRows === 0 ? 1 : total / m.nRows;
  const data = new Float32Array(m.data.length);
  for (let r = 0; r < m.nRows; r++) {
    const norm = 1 - b + (b * rowSums[r]!) / avg;
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) {
      const x = m.data[p]!;
      data[p] = ((x * (k1 + 1)) / (k1 * norm + x)) * idf[m.indices[p]!]!;
    }
  }
  return { ...m, data };
}

/** TF-IDF weighting: sqrt(weight) · idf(item). */
export function tfidfWeight(m: CsrMatrix): CsrMatrix {
  const idf = itemIdf(m);
  const data = new Float32Array(m.data.length);
  for (let p = 0; p < data.length; p++) data[p] = Math.sqrt(m.data[p]!) * idf[m.indices[p]!]!;
  return { ...m, data };
}
