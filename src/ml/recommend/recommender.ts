import type { CsrMatrix } from './csr-matrix.js';
import type { ModelState } from './model-state.js';
import { rowIndices } from './csr-matrix.js';
import { topK, type Ranked } from './top-k.js';

/** Options of a single top-k request. */
export interface RecommendOptions {
  /** Leave out items the user already interacted with in the training matrix (default true). */
  excludeSeen?: boolean;
}

/**
 * Optional side information for training: `times` holds, for each stored entry of the matrix (same order
 * as `matrix.data`), the latest interaction time in seconds; `now` is the reference time for decay
 * (default: the latest time seen).
 */
export interface FitContext {
  times?: Float64Array;
  now?: number;
}

/** JSON-safe hyper-parameters of a model, as returned by `getConfig()`. */
export type ModelConfig = Record<string, number | string | boolean>;

/**
 * What every recommender implements. Users and items are dense indices into the training matrix
 * (users × items); mapping external ids to indices is the caller's job (core/recommend).
 */
export interface Recommender {
  /** Short stable name used on the CLI and in reports (for example `ease`). */
  readonly name: string;
  /** Learns from a users × items matrix of non-negative interaction weights. */
  fit(matrix: CsrMatrix, context?: FitContext): void;
  /** Writes the score of every item for `user` into `out` (length = number of items). */
  scoreUser(user: number, out: Float32Array): void;
  /** The k best items for `user`, best first. */
  recommend(user: number, k: number, options?: RecommendOptions): Ranked;
  /** Hyper-parameters, round-trippable through JSON. */
  getConfig(): ModelConfig;
}

/**
 * Shared plumbing: remembers the training matrix and turns `scoreUser` into `recommend`. Models extend it
 * and implement `fitModel` and `scoreUser` only.
 */
export abstract class BaseRecommender implements Recommender {
  abstract readonly name: string;
  protected trainMatrix: CsrMatrix | undefined;

  fit(matrix: CsrMatrix, context: FitContext = {}): void {
    this.trainMatrix = matrix;
    this.fitModel(matrix, context);
  }

  /** The training matrix; throws if `fit` was not called (a bug at the call site). */
  protected get matrix(): CsrMatrix {
    if (this.trainMatrix === undefined) throw new Error(`${this.name}: fit() must be called before scoring`);
    return this.trainMatrix;
  }

  protected abstract fitModel(matrix: CsrMatrix, context: FitContext): void;
  abstract scoreUser(user: number, out: Float32Array): void;
  abstract getConfig(): ModelConfig;

  /** The learned arrays (see model-state.ts); models that support saving override {@link saveState}. */
  toState(): ModelState {
    if (this.trainMatrix === undefined) throw new Error(`${this.name}: fit() must be called before toState()`);
    return this.saveState();
  }

  /** Restores a fitted model from its training matrix and {@link toState} output instead of calling `fit`. */
  loadState(matrix: CsrMatrix, state: ModelState): void {
    this.restoreState(state);
    this.trainMatrix = matrix;
  }

  protected saveState(): ModelState {
    throw new Error(`${this.name}: saving is not supported`);
  }

  protected restoreState(_state: ModelState): void {
    throw new Error(`${this.name}: loading is not supported`);
  }

  recommend(user: number, k: number, options: RecommendOptions = {}): Ranked {
    const m = this.matrix;
    const scores = new Float32Array(m.nCols);
    this.scoreUser(user, scores);
    const exclude = options.excludeSeen === false || user >= m.nRows ? undefined : rowIndices(m, user);
    return topK(scores, k, exclude);
  }
}

/**
 * Top-k for many users at once (the evaluation path): reuses one score buffer and always removes seen items.
 */
export function recommendBatch(model: Recommender, matrix: CsrMatrix, users: ArrayLike<number>, k: number): Int32Array[] {
  const scores = new Float32Array(matrix.nCols);
  const out: Int32Array[] = [];
  for (let i = 0; i < users.length; i++) {
    const u = users[i] as number;
    model.scoreUser(u, scores);
    out.push(topK(scores, k, u < matrix.nRows ? rowIndices(matrix, u) : undefined).items);
  }
  return out;
}
