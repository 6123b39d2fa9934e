/** Stochastic gradient descent with optional (Nesterov) momentum. */
import type { Backend } from '../backends/backend.js';
import { Optimizer, type LearningRate } from './optimizer.js';

/** Keras `SGD` arguments. */
export interface SgdArgs {
  learningRate?: LearningRate;
  momentum?: number;
  nesterov?: boolean;
  /** Coupled L2 decay added to the gradient. */
  weightDecay?: number;
}

/** v = m·v − lr·g; w += v (or w += m·v − lr·g with Nesterov). */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(args: SgdArgs = {}) {
    super(args.learningRate ?? 0.01);
    this.momentum = args.momentum ?? 0;
    this.nesterov = args.nesterov ?? false;
    this.weightDecay = args.weightDecay ?? 0;
  }

  protected slotCount(): number {
    return this.momentum > 0 ? 1 : 0;
  }

  protected update(be: Backend, p: Float32Array, g: Float32Array, slots: Float32Array[], lr: number): void {
    be.sgd(p, g, slots[0] ?? null, { lr, momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay });
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.lrConfig(), momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }
}
