/** Adam and AdamW (decoupled weight decay). */
import type { Backend } from '../backends/backend.js';
import { Optimizer, type LearningRate } from './optimizer.js';

/** Keras `Adam` / `AdamW` arguments. */
export interface AdamArgs {
  learningRate?: LearningRate;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled decay (AdamW): w −= lr·decay·w each step. */
  weightDecay?: number;
}

/** Adam with Keras' update (epsilon added to √v unscaled). */
export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;

  constructor(args: AdamArgs = {}) {
    super(args.learningRate ?? 0.001);
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    this.weightDecay = args.weightDecay ?? 0;
  }

  protected slotCount(): number {
    return 2;
  }

  protected update(be: Backend, p: Float32Array, g: Float32Array, slots: Float32Array[], lr: number): void {
    be.adam(p, g, slots[0]!, slots[1]!, {
      lr,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      step: this.iterations,
      weightDecay: this.weightDecay,
    });
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.lrConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, weightDecay: this.weightDecay };
  }
}

/** AdamW: Adam with decoupled weight decay (Keras default 0.004). */
export class AdamW extends Adam {
  override readonly className = 'AdamW';

  constructor(args: AdamArgs = {}) {
    super({ ...args, weightDecay: args.weightDecay ?? 0.004 });
  }
}
