import { createRng } from '../../common/rng.js';
import { nn } from '../../nn/index.js';
import { type CsrMatrix, transpose } from './csr-matrix.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';
import { stateArray, type ModelState } from './model-state.js';

/** Hyper-parameters of {@link Als}. */
export interface AlsArgs {
  /** Latent dimensions (default 128). */
  factors?: number;
  /** L2 penalty λ (default 60; defaults chosen on a MovieLens validation split, see docs/recommendations.md). */
  regularization?: number;
  /** Confidence c = 1 + α·r (default 12). */
  alpha?: number;
  /** Alternating sweeps (default 15). */
  iterations?: number;
  /** Conjugate-gradient steps per user/item solve, warm-started from the last sweep (default 3). */
  cgSteps?: number;
  /** Treat every interaction as r = 1 (default true). */
  binary?: boolean;
  /** Seed of the initial factors. */
  seed?: number;
}

const DEFAULTS: Required<AlsArgs> = { factors: 128, regularization: 60, alpha: 12, iterations: 15, cgSteps: 3, binary: true, seed: 42 };

/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008) with the conjugate-gradient solver of Takács et al.,
 * as the `implicit` library does: each row solves (YᵀY + Yᵀ(Cᵤ − I)Y + λI)·x = YᵀCᵤp with a few CG steps
 * from its previous value, so a sweep costs O(nnz·f + rows·f²) instead of rows·f³.
 */
export class Als extends BaseRecommender {
  readonly name = 'als';
  readonly args: Required<AlsArgs>;
  /** users × factors and items × factors, row-major. */
  userFactors: Float32Array = new Float32Array(0);
  itemFactors: Float32Array = new Float32Array(0);

  constructor(args: AlsArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
  }

  protected override saveState(): ModelState {
    return { userFactors: this.userFactors, itemFactors: this.itemFactors };
  }

  protected override restoreState(state: ModelState): void {
    this.userFactors = stateArray(state, 'userFactors', Float32Array);
    this.itemFactors = stateArray(state, 'itemFactors', Float32Array);
  }

  protected fitModel(matrix: CsrMatrix, _context: FitContext): void {
    const { factors: f, iterations, binary, alpha } = this.args;
    const rng = createRng(this.args.seed);
    const init = (n: number): Float32Array => Float32Array.from({ length: n * f }, () => rng.next() * 0.01);
    this.userFactors = init(matrix.nRows);
    this.itemFactors = init(matrix.nCols);
    // Confidence minus one, per stored entry, for users × items and its transpose.
    const conf = (m: CsrMatrix): CsrMatrix => ({ ...m, data: m.data.map((v) => alpha * (binary ? 1 : v)) });
    const cu = conf(matrix);
    const ci = transpose(cu);
    for (let it = 0; it < iterations; it++) {
      this.sweep(cu, this.userFactors, this.itemFactors);
      this.sweep(ci, this.itemFactors, this.userFactors);
    }
  }

  /**
   * Updates every row of `x` given fixed `y`; `c` holds c − 1 per stored entry (rows of x × rows of y). The
   * CG solves of all rows advance together: the dense part (YᵀY + λI)·p of every row is one GEMM on the NN
   * engine's backend (BLAS when the native addon loads), and only the sparse correction Σ c'·yᵢ·(yᵢ·p) and
   * the per-row scalars stay in TypeScript.
   */
  private sweep(c: CsrMatrix, x: Float32Array, y: Float32Array): void {
    const f = this.args.factors;
    const rows = c.nRows;
    const be = nn.getBackend();
    const g = gramOf(y, f, this.args.regularization);
    const r = new Float32Array(rows * f);
    const p = new Float32Array(rows * f);
    const ap = new Float32Array(rows * f);
    const rsOld = new Float64Array(rows);
    // r = b − A·x, with b = Σ (1 + c') y_i and A = YᵀY + λI + Σ c' y_i y_iᵀ; the dense part first.
    be.gemm(false, false, rows, f, f, 1, x, g, 0, ap);
    for (let i = 0; i < r.length; i++) r[i] = -ap[i]!;
    sparseApply(c, y, x, r, f, 1, 1, -1);
    for (let u = 0; u < rows; u++) rsOld[u] = dot32(r, u * f, r, u * f, f);
    p.set(r);
    for (let step = 0; step < this.args.cgSteps; step++) {
      be.gemm(false, false, rows, f, f, 1, p, g, 0, ap);
      sparseApply(c, y, p, ap, f, 0, 0, 1);
      for (let u = 0; u < rows; u++) {
        const rs = rsOld[u]!;
        // A converged row (or one with nothing to fit) stops, as a per-row solver would break out.
        if (rs < 1e-20) continue;
        const o = u * f;
        const alphaStep = rs / dot32(p, o, ap, o, f);
        for (let a = 0; a < f; a++) {
          x[o + a]! += alphaStep * p[o + a]!;
          r[o + a]! -= alphaStep * ap[o + a]!;
        }
        const rsNew = dot32(r, o, r, o, f);
        if (rsNew < 1e-20) {
          rsOld[u] = 0;
          continue;
        }
        const beta = rsNew / rs;
        for (let a = 0; a < f; a++) p[o + a] = r[o + a]! + beta * p[o + a]!;
        rsOld[u] = rsNew;
      }
    }
  }

  scoreUser(user: number, out: Float32Array): void {
    scoreFactors(this.userFactors, this.itemFactors, this.args.factors, user, out);
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}

/** YᵀY + λI (f × f, Float32) as one GEMM on the engine's backend. */
function gramOf(y: Float32Array, f: number, lambda: number): Float32Array {
  const g = new Float32Array(f * f);
  nn.getBackend().gemm(true, false, f, f, y.length / f, 1, y, y, 0, g);
  for (let a = 0; a < f; a++) g[a * f + a]! += lambda;
  return g;
}

/**
 * out[u] += Σ_q (s0 + s1·c_q + s2·c_q·⟨y_q, v[u]⟩)·y_q over row u's entries: the sparse part of A·v (s2 = 1)
 * or of the residual b − A·x (s0 = 1, s1 = 1, s2 = −1). A native kernel when the addon has it (this is most
 * of ALS's work: two passes over every interaction × f per CG step), else the same loop in TypeScript.
 */
function sparseApply(c: CsrMatrix, y: Float32Array, v: Float32Array, out: Float32Array, f: number, s0: number, s1: number, s2: number): void {
  if (nn.nativeCsrGramApply(c, y, v, out, f, s0, s1, s2)) return;
  for (let u = 0; u < c.nRows; u++) {
    const o = u * f;
    for (let q = c.indptr[u]!; q < c.indptr[u + 1]!; q++) {
      const yo = c.indices[q]! * f;
      const cq = c.data[q]!;
      const coef = s0 + s1 * cq + s2 * cq * dot32(y, yo, v, o, f);
      for (let a = 0; a < f; a++) out[o + a]! += coef * y[yo + a]!;
    }
  }
}

/** ⟨a[ao..ao+f), b[bo..bo+f)⟩ in float64 with four accumulators (one chain is add-latency bound). */
function dot32(a: Float32Array, ao: number, b: Float32Array, bo: number, f: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= f; i += 4) {
    s0 += a[ao + i]! * b[bo + i]!;
    s1 += a[ao + i + 1]! * b[bo + i + 1]!;
    s2 += a[ao + i + 2]! * b[bo + i + 2]!;
    s3 += a[ao + i + 3]! * b[bo + i + 3]!;
  }
  for (; i < f; i++) s0 += a[ao + i]! * b[bo + i]!;
  return s0 + s1 + s2 + s3;
}

/**
 * out[j] = ⟨user factors, item j factors⟩ (+ item bias when given); zeros for unknown users. One
 * matrix-vector product on the NN engine's backend (OpenBLAS through the native addon when it loads): a
 * serving request on 10,000 items × 128 factors is 1.3 M multiply-adds, several times faster in BLAS than
 * in a scalar loop.
 */
export function scoreFactors(
  users: Float32Array,
  items: Float32Array,
  f: number,
  user: number,
  out: Float32Array,
  itemBias?: Float32Array,
): void {
  if ((user + 1) * f > users.length) {
    if (itemBias) out.set(itemBias);
    else out.fill(0);
    return;
  }
  scoreVector(users.subarray(user * f, (user + 1) * f), items, f, out, itemBias);
}

/** out = Y·x (+ bias) for items × f factors Y and a factor vector x, on the engine's backend. */
export function scoreVector(x: Float32Array, items: Float32Array, f: number, out: Float32Array, itemBias?: Float32Array): void {
  const nItems = items.length / f;
  if (itemBias) out.set(itemBias);
  // C (1 × items) = x (1 × f) · Yᵀ (f × items); Y is row-major items × f, hence transposed B.
  nn.getBackend().gemm(false, true, 1, nItems, f, 1, x, items, itemBias ? 1 : 0, out);
}
