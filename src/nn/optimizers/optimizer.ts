/**
 * Base of the optimisers: per-parameter state buffers allocated once (first step) and reused, a step
 * counter, and a learning rate that is a number or a schedule. The update itself runs on the backend.
 */
import type { Backend } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import type { Tensor } from '../tensor.js';
import type { LearningRateSchedule } from './schedules.js';

/** A constant learning rate or a schedule of the step. */
export type LearningRate = number | LearningRateSchedule;

/** Base optimiser. */
export abstract class Optimizer {
  abstract readonly className: string;
  /** Number of updates applied so far (Keras `iterations`). */
  iterations = 0;
  protected readonly learningRate: LearningRate;
  private readonly state = new Map<Tensor, Float32Array[]>();

  constructor(learningRate: LearningRate) {
    this.learningRate = learningRate;
  }

  /** The learning rate of the next step. */
  currentLearningRate(): number {
    return typeof this.learningRate === 'number' ? this.learningRate : this.learningRate(this.iterations);
  }

  /** Applies one update to every parameter that has a gradient. */
  step(params: readonly Tensor[]): void {
    const be = getBackend();
    const lr = this.currentLearningRate();
    this.iterations++;
    for (const p of params) {
      if (p.grad === null) continue;
      let slots = this.state.get(p);
      if (slots === undefined) {
        slots = Array.from({ length: this.slotCount() }, () => new Float32Array(p.size));
        this.state.set(p, slots);
      }
      this.update(be, p.data, p.grad, slots, lr);
    }
  }

  /** State buffers per parameter (Adam: m and v). */
  protected abstract slotCount(): number;
  /** Updates one parameter in place. */
  protected abstract update(be: Backend, param: Float32Array, grad: Float32Array, slots: Float32Array[], lr: number): void;
  /** Hyper-parameters as JSON. */
  abstract getConfig(): Record<string, unknown>;

  /** The learning rate as JSON (a number, or the schedule's class name). */
  protected lrConfig(): number | string {
    return typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.className;
  }
}
