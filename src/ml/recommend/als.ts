import { createRng } from '../../common/rng.js';
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

  /** Updates every row of `x` given fixed `y`; `c` holds c − 1 per stored entry (rows of x × rows of y). */
  private sweep(c: CsrMatrix, x: Float32Array, y: Float32Array): void {
    const f = this.args.factors;
    const yty = gramOf(y, f, this.args.regularization);
    const r = new Float64Array(f);
    const p = new Float64Array(f);
    const ap = new Float64Array(f);
    const xu = new Float64Array(f);
    for (let u = 0; u < c.nRows; u++) {
      const s = c.indptr[u]!;
      const e = c.indptr[u + 1]!;
      const xo = u * f;
      for (let a = 0; a < f; a++) xu[a] = x[xo + a]!;
      // r = b − A·x, with b = Σ (1 + c') y_i and A = YᵀY + λI + Σ c' y_i y_iᵀ.
      symv(yty, xu, r, f);
      for (let a = 0; a < f; a++) r[a] = -r[a]!;
      for (let q = s; q < e; q++) {
        const yo = c.indices[q]! * f;
        const cm = c.data[q]!;
        const coef = 1 + cm - cm * dotRow(y, yo, xu, f);
        for (let a = 0; a < f; a++) r[a]! += coef * y[yo + a]!;
      }
      p.set(r);
      let rsOld = dotF(r, r, f);
      if (rsOld < 1e-20) continue;
      for (let step = 0; step < this.args.cgSteps; step++) {
        symv(yty, p, ap, f);
        for (let q = s; q < e; q++) {
          const yo = c.indices[q]! * f;
          const coef = c.data[q]! * dotRow(y, yo, p, f);
          for (let a = 0; a < f; a++) ap[a]! += coef * y[yo + a]!;
        }
        const alphaStep = rsOld / dotF(p, ap, f);
        for (let a = 0; a < f; a++) {
          xu[a]! += alphaStep * p[a]!;
          r[a]! -= alphaStep * ap[a]!;
        }
        const rsNew = dotF(r, r, f);
        if (rsNew < 1e-20) break;
        const beta = rsNew / rsOld;
        for (let a = 0; a < f; a++) p[a] = r[a]! + beta * p[a]!;
        rsOld = rsNew;
      }
      for (let a = 0; a < f; a++) x[xo + a] = xu[a]!;
    }
  }

  scoreUser(user: number, out: Float32Array): void {
    scoreFactors(this.userFactors, this.itemFactors, this.args.factors, user, out);
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}

/** YᵀY + λI (f × f, Float64). */
function gramOf(y: Float32Array, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  const n = y.length / f;
  for (let i = 0; i < n; i++) {
    const o = i * f;
    for (let a = 0; a < f; a++) {
      const ya = y[o + a]!;
      const ga = a * f;
      for (let b = a; b < f; b++) g[ga + b]! += ya * y[o + b]!;
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a]! += lambda;
    for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a]!;
  }
  return g;
}

function symv(a: Float64Array, x: Float64Array, out: Float64Array, f: number): void {
  // Four rows at a time: four independent accumulator chains (a single chain is add-latency bound).
  let i = 0;
  for (; i + 4 <= f; i += 4) {
    const o0 = i * f, o1 = o0 + f, o2 = o1 + f, o3 = o2 + f;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < f; j++) {
      const xj = x[j]!;
      s0 += a[o0 + j]! * xj;
      s1 += a[o1 + j]! * xj;
      s2 += a[o2 + j]! * xj;
      s3 += a[o3 + j]! * xj;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < f; i++) {
    let s = 0;
    const o = i * f;
    for (let j = 0; j < f; j++) s += a[o + j]! * x[j]!;
    out[i] = s;
  }
}

/** ⟨y[yo..yo+f), v⟩ with four accumulators. */
function dotRow(y: Float32Array, yo: number, v: Float64Array, f: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let a = 0;
  for (; a + 4 <= f; a += 4) {
    s0 += y[yo + a]! * v[a]!;
    s1 += y[yo + a + 1]! * v[a + 1]!;
    s2 += y[yo + a + 2]! * v[a + 2]!;
    s3 += y[yo + a + 3]! * v[a + 3]!;
  }
  for (; a < f; a++) s0 += y[yo + a]! * v[a]!;
  return s0 + s1 + s2 + s3;
}

function dotF(a: Float64Array, b: Float64Array, f: number): number {
  let s = 0;
  for (let i = 0; i < f; i++) s += a[i]! * b[i]!;
  return s;
}

/** out[j] = ⟨user factors, item j factors⟩ (+ item bias when given); zeros for unknown users. */
export function scoreFactors(
  users: Float32Array,
  items: Float32Array,
  f: number,
  user: number,
  out: Float32Array,
  itemBias?: Float32Array,
): void {
  const nItems = items.length / f;
  if ((user + 1) * f > users.length) {
    if (itemBias) out.set(itemBias);
    else out.fill(0);
    return;
  }
  const uo = user * f;
  for (let j = 0; j < nItems; j++) {
    const io = j * f;
    let s = itemBias ? itemBias[j]! : 0;
    for (let a = 0; a < f; a++) s += users[uo + a]! * items[io + a]!;
    out[j] = s;
  }
}
