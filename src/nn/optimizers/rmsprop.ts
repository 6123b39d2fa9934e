/** RMSprop. */
import type { Backend } from '../backends/backend.js';
import { Optimizer, type LearningRate } from './optimizer.js';

/** Keras `RMSprop` arguments (`rho` is TensorFlow.js' `decay`). */
export interface RmspropArgs {
  learningRate?: LearningRate;
  rho?: number;
  momentum?: number;
  epsilon?: number;
}

/** s = ρ·s + (1 − ρ)·g²; w −= lr·g / (√s + ε), through a momentum buffer when momentum > 0. */
export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;

  constructor(args: RmspropArgs = {}) {
    super(args.learningRate ?? 0.001);
    this.rho = args.rho ?? 0.9;
    this.momentum = args.momentum ?? 0;
    this.epsilon = args.epsilon ?? 1e-7;
  }

  protected slotCount(): number {
    return this.momentum > 0 ? 2 : 1;
  }

  protected update(be: Backend, p: Float32Array, g: Float32Array, slots: Float32Array[], lr: number): void {
    be.rmsprop(p, g, slots[0]!, slots[1] ?? null, { lr, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon });
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.lrConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon };
  }
}
