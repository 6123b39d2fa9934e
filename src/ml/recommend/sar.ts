import { type CsrMatrix, mapValues, rowIndices, rowValues } from './csr-matrix.js';
import { itemCooccurrence, pruneRows, sparseRowTimes } from './item-cooccurrence.js';
import type { ItemItemScorer } from './item-item.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';
import { applyTimeDecay } from './time-decay.js';
import { csrFromState, csrToState, type ModelState } from './model-state.js';

/** Hyper-parameters of {@link Sar}. */
export interface SarArgs {
  /** How co-occurrence counts become similarities (default `jaccard`). */
  similarity?: 'jaccard' | 'lift' | 'cooccurrence' | 'cosine';
  /** Half-life in days of the user-affinity decay; 0 turns decay off (default 30, as Microsoft's SAR). */
  timeDecayDays?: number;
  /** Co-occurrences below this count are dropped (default 1). */
  minCooccurrence?: number;
  /** Keep only this many neighbours per item; 0 keeps all (default 0). */
  topNeighbours?: number;
}

const DEFAULTS: Required<SarArgs> = { similarity: 'jaccard', timeDecayDays: 30, minCooccurrence: 1, topNeighbours: 0 };

/**
 * Smart Adaptive Recommendations (Microsoft's SAR): an item-item similarity from binary co-occurrence,
 * and a user affinity vector of (time-decayed) interaction weights; scores = affinity × similarity.
 */
export class Sar extends BaseRecommender implements ItemItemScorer {
  readonly name = 'sar';
  readonly args: Required<SarArgs>;
  private similarity: CsrMatrix | undefined;
  private affinity: CsrMatrix | undefined;

  constructor(args: SarArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
  }

  protected override saveState(): ModelState {
    if (this.similarity === undefined || this.affinity === undefined) throw new Error('sar: fit() must be called before toState()');
    return { ...csrToState('similarity', this.similarity), ...csrToState('affinity', this.affinity) };
  }

  protected override restoreState(state: ModelState): void {
    this.similarity = csrFromState('similarity', state);
    this.affinity = csrFromState('affinity', state);
  }

  protected fitModel(matrix: CsrMatrix, context: FitContext): void {
    const counts = new Float64Array(matrix.nCols);
    for (let p = 0; p < matrix.indices.length; p++) counts[matrix.indices[p]!]! += 1;
    const kind = this.args.similarity;
    const sim = itemCooccurrence(
      mapValues(matrix, () => 1),
      (i, j, c) => {
        const ci = counts[i]!;
        const cj = counts[j]!;
        switch (kind) {
          case 'jaccard':
            return c / (ci + cj - c);
          case 'lift':
            return c / (ci * cj);
          case 'cosine':
            return c / Math.sqrt(ci * cj);
          default:
            return c;
        }
      },
      this.args.minCooccurrence,
    );
    this.similarity = pruneRows(sim, this.args.topNeighbours);
    this.affinity = applyTimeDecay(matrix, context, this.args.timeDecayDays);
  }

  scoreUser(user: number, out: Float32Array): void {
    const a = this.affinity;
    const s = this.similarity;
    if (a === undefined || s === undefined) throw new Error('sar: fit() must be called before scoring');
    if (user >= a.nRows) return void out.fill(0);
    sparseRowTimes(rowIndices(a, user), rowValues(a, user), s, out);
  }

  /** Scores a row given outside the training matrix (serving folds in new events this way). */
  scoreRow(items: ArrayLike<number>, values: ArrayLike<number>, out: Float32Array): void {
    const s = this.similarity;
    if (s === undefined) throw new Error('sar: fit() must be called before scoring');
    const w = Float32Array.from({ length: items.length }, (_, t) => this.rowWeight(values[t] as number));
    sparseRowTimes(items, w, s, out);
  }

  itemRow(item: number, out: Float32Array): void {
    const s = this.similarity;
    if (s === undefined) throw new Error('sar: fit() must be called before scoring');
    out.fill(0);
    for (let p = s.indptr[item]!; p < s.indptr[item + 1]!; p++) out[s.indices[p]!] = s.data[p]!;
  }

  rowWeight(value: number): number {
    return value;
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}
