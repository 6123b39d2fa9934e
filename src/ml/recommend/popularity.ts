import type { CsrMatrix } from './csr-matrix.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';
import { applyTimeDecay } from './time-decay.js';
import { stateArray, type ModelState } from './model-state.js';

/** Hyper-parameters of {@link Popularity}. */
export interface PopularityArgs {
  /** `users`: distinct users per item; `weight`: summed interaction weight (default `users`). */
  measure?: 'users' | 'weight';
  /** Half-life in days for trending; 0 ranks by all-time popularity (default 0). */
  timeDecayDays?: number;
}

const DEFAULTS: Required<PopularityArgs> = { measure: 'users', timeDecayDays: 0 };

/**
 * The same list for everybody: items by how many users had them, or, with a half-life, by recent
 * activity (trending). The baseline every model must beat, and the cold-start fallback.
 */
export class Popularity extends BaseRecommender {
  readonly name: string;
  readonly args: Required<PopularityArgs>;
  private scores: Float32Array | undefined;

  constructor(args: PopularityArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
    this.name = this.args.timeDecayDays > 0 ? 'trending' : 'popularity';
  }

  protected fitModel(matrix: CsrMatrix, context: FitContext): void {
    const counted = this.args.measure === 'users' ? { ...matrix, data: new Float32Array(matrix.data.length).fill(1) } : matrix;
    const decayed = applyTimeDecay(counted, context, this.args.timeDecayDays);
    const scores = new Float32Array(matrix.nCols);
    for (let p = 0; p < decayed.data.length; p++) scores[decayed.indices[p]!]! += decayed.data[p]!;
    this.scores = scores;
  }

  protected override saveState(): ModelState {
    if (this.scores === undefined) throw new Error(`${this.name}: fit() must be called before toState()`);
    return { scores: this.scores };
  }

  protected override restoreState(state: ModelState): void {
    this.scores = stateArray(state, 'scores', Float32Array);
  }

  scoreUser(_user: number, out: Float32Array): void {
    if (this.scores === undefined) throw new Error(`${this.name}: fit() must be called before scoring`);
    out.set(this.scores);
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}
