import { type CsrMatrix, rowIndices, rowValues } from './csr-matrix.js';
import type { ItemItemScorer } from './item-item.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';
import { spdInverse } from './spd-inverse.js';
import { stateArray, type ModelState } from './model-state.js';

/** Hyper-parameters of {@link Ease}. */
export interface EaseArgs {
  /** L2 penalty λ added to the Gram diagonal (default 800, chosen on a MovieLens validation split). */
  lambda?: number;
  /** Treat every interaction as 1 (default true; EASE works best on binary data). */
  binary?: boolean;
  /**
   * Emphasised-denoising dropout rate p of EDLAE (Steck 2020): each item's penalty becomes
   * λ + p/(1−p)·G_ii, which penalises popular items' self-reconstruction more. 0 is plain EASE (default).
   */
  dropout?: number;
}

const DEFAULTS: Required<EaseArgs> = { lambda: 800, binary: true, dropout: 0 };

/**
 * EASE (Steck, 2019): the item-item weight matrix B minimising ‖X − XB‖² + λ‖B‖² with diag(B) = 0 has the
 * closed form B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹. Training is one Gram matrix and one SPD inverse
 * (Float64, Cholesky); scoring is a sparse row times a dense item × item matrix.
 */
export class Ease extends BaseRecommender implements ItemItemScorer {
  readonly name = 'ease';
  readonly args: Required<EaseArgs>;
  private weights: Float32Array | undefined;

  constructor(args: EaseArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
  }

  protected fitModel(matrix: CsrMatrix, _context: FitContext): void {
    const n = matrix.nCols;
    const g = gram(matrix, this.args.binary);
    const { lambda, dropout } = this.args;
    if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`ease: dropout must be in [0, 1), got ${dropout}`);
    const emphasis = dropout / (1 - dropout);
    for (let i = 0; i < n; i++) g[i * n + i]! += lambda + emphasis * g[i * n + i]!;
    const p = spdInverse(g, n);
    const b = new Float32Array(n * n);
    for (let j = 0; j < n; j++) {
      const d = -1 / p[j * n + j]!;
      // P is symmetric, so column j of P is row j: B[i][j] = −P[i][j]/P[j][j] written along row j of P.
      for (let i = 0; i < n; i++) b[i * n + j] = p[j * n + i]! * d;
      b[j * n + j] = 0;
    }
    this.weights = b;
  }

  protected override saveState(): ModelState {
    if (this.weights === undefined) throw new Error('ease: fit() must be called before toState()');
    return { weights: this.weights };
  }

  protected override restoreState(state: ModelState): void {
    this.weights = stateArray(state, 'weights', Float32Array);
  }

  scoreUser(user: number, out: Float32Array): void {
    const b = this.weights;
    if (b === undefined) throw new Error('ease: fit() must be called before scoring');
    out.fill(0);
    const m = this.matrix;
    if (user >= m.nRows) return;
    const n = m.nCols;
    const cols = rowIndices(m, user);
    const vals = rowValues(m, user);
    for (let t = 0; t < cols.length; t++) {
      const w = this.args.binary ? 1 : vals[t]!;
      const row = cols[t]! * n;
      for (let j = 0; j < n; j++) out[j]! += w * b[row + j]!;
    }
  }

  /** Scores a row given outside the training matrix (serving folds in new events this way). */
  scoreRow(items: ArrayLike<number>, values: ArrayLike<number>, out: Float32Array): void {
    const b = this.weights;
    if (b === undefined) throw new Error('ease: fit() must be called before scoring');
    out.fill(0);
    const n = out.length;
    for (let t = 0; t < items.length; t++) {
      const w = this.rowWeight(values[t] as number);
      const row = (items[t] as number) * n;
      for (let j = 0; j < n; j++) out[j]! += w * b[row + j]!;
    }
  }

  itemRow(item: number, out: Float32Array): void {
    const b = this.weights;
    if (b === undefined) throw new Error('ease: fit() must be called before scoring');
    out.set(b.subarray(item * out.length, (item + 1) * out.length));
  }

  rowWeight(value: number): number {
    return this.args.binary ? 1 : value;
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}

/** Dense XᵀX (Float64, row-major) of a sparse users × items matrix: Σ over users of outer products. */
export function gram(matrix: CsrMatrix, binary: boolean): Float64Array {
  const n = matrix.nCols;
  const g = new Float64Array(n * n);
  for (let u = 0; u < matrix.nRows; u++) {
    const s = matrix.indptr[u]!;
    const e = matrix.indptr[u + 1]!;
    for (let p = s; p < e; p++) {
      const i = matrix.indices[p]!;
      const xi = binary ? 1 : matrix.data[p]!;
      const row = i * n;
      for (let q = s; q < e; q++) g[row + matrix.indices[q]!]! += xi * (binary ? 1 : matrix.data[q]!);
    }
  }
  return g;
}
