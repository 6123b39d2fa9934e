import { createRng } from '../../common/rng.js';
import type { CsrMatrix } from './csr-matrix.js';
import { scoreFactors } from './als.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';
import { stateArray, type ModelState } from './model-state.js';

/** Hyper-parameters of {@link Bpr}. */
export interface BprArgs {
  /** Latent dimensions (default 64). */
  factors?: number;
  /** SGD step (default 0.02). */
  learningRate?: number;
  /** L2 penalty on factors and item biases (default 0.001). */
  regularization?: number;
  /** Passes over the positive interactions (default 60). */
  epochs?: number;
  /** Seed of initialisation and sampling. */
  seed?: number;
}

const DEFAULTS: Required<BprArgs> = { factors: 64, learningRate: 0.02, regularization: 0.001, epochs: 60, seed: 42 };

/**
 * Bayesian Personalised Ranking matrix factorisation (Rendle et al. 2009) with item biases, trained by
 * seeded SGD: each step takes a positive (u, i) in random order and a uniformly drawn item j the user has
 * not had, and raises σ(x̂ᵤᵢ − x̂ᵤⱼ).
 */
export class Bpr extends BaseRecommender {
  readonly name = 'bpr';
  readonly args: Required<BprArgs>;
  userFactors: Float32Array = new Float32Array(0);
  itemFactors: Float32Array = new Float32Array(0);
  itemBias: Float32Array = new Float32Array(0);

  constructor(args: BprArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
  }

  protected override saveState(): ModelState {
    return { userFactors: this.userFactors, itemFactors: this.itemFactors, itemBias: this.itemBias };
  }

  protected override restoreState(state: ModelState): void {
    this.userFactors = stateArray(state, 'userFactors', Float32Array);
    this.itemFactors = stateArray(state, 'itemFactors', Float32Array);
    this.itemBias = stateArray(state, 'itemBias', Float32Array);
  }

  protected fitModel(m: CsrMatrix, _context: FitContext): void {
    const { factors: f, learningRate: lr, regularization: reg, epochs } = this.args;
    const rng = createRng(this.args.seed);
    const scale = 1 / Math.sqrt(f);
    this.userFactors = Float32Array.from({ length: m.nRows * f }, () => rng.normal(0, scale) * 0.1);
    this.itemFactors = Float32Array.from({ length: m.nCols * f }, () => rng.normal(0, scale) * 0.1);
    this.itemBias = new Float32Array(m.nCols);
    const uf = this.userFactors;
    const itf = this.itemFactors;
    const bias = this.itemBias;
    const nnz = m.indices.length;
    const rowOf = new Int32Array(nnz);
    for (let u = 0; u < m.nRows; u++) rowOf.fill(u, m.indptr[u]!, m.indptr[u + 1]!);
    const order = new Int32Array(nnz).map((_, p) => p);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInt32(order, rng.next);
      for (let t = 0; t < nnz; t++) {
        const p = order[t]!;
        const u = rowOf[p]!;
        const i = m.indices[p]!;
        const j = sampleNegative(m, u, rng.next);
        if (j < 0) continue;
        const uo = u * f;
        const io = i * f;
        const jo = j * f;
        // Two accumulator chains: a single one is bound by add latency.
        let x0 = bias[i]! - bias[j]!;
        let x1 = 0;
        let a = 0;
        for (; a + 2 <= f; a += 2) {
          x0 += uf[uo + a]! * (itf[io + a]! - itf[jo + a]!);
          x1 += uf[uo + a + 1]! * (itf[io + a + 1]! - itf[jo + a + 1]!);
        }
        if (a < f) x0 += uf[uo + a]! * (itf[io + a]! - itf[jo + a]!);
        const x = x0 + x1;
        // d/dx log σ(x) = σ(−x) = 1 / (1 + eˣ)
        const g = 1 / (1 + Math.exp(x));
        bias[i]! += lr * (g - reg * bias[i]!);
        bias[j]! += lr * (-g - reg * bias[j]!);
        for (let a = 0; a < f; a++) {
          const wu = uf[uo + a]!;
          const hi = itf[io + a]!;
          const hj = itf[jo + a]!;
          uf[uo + a] = wu + lr * (g * (hi - hj) - reg * wu);
          itf[io + a] = hi + lr * (g * wu - reg * hi);
          itf[jo + a] = hj + lr * (-g * wu - reg * hj);
        }
      }
    }
  }

  scoreUser(user: number, out: Float32Array): void {
    scoreFactors(this.userFactors, this.itemFactors, this.args.factors, user, out, this.itemBias);
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}

function shuffleInt32(a: Int32Array, next: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/** A uniformly drawn item not in row u (binary search in the sorted row); −1 if u has every item. */
function sampleNegative(m: CsrMatrix, u: number, next: () => number): number {
  const s = m.indptr[u]!;
  const e = m.indptr[u + 1]!;
  if (e - s >= m.nCols) return -1;
  for (;;) {
    const j = Math.floor(next() * m.nCols);
    let lo = s;
    let hi = e - 1;
    let found = false;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = m.indices[mid]!;
      if (c === j) {
        found = true;
        break;
      }
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    if (!found) return j;
  }
}
