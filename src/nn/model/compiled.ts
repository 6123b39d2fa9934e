/** The configuration `compile` resolves, shared by the model and the fit loop. */
import type { Loss } from '../losses.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { MetricName } from './metric-accumulator.js';

/** What compile resolved. */
export interface Compiled {
  optimizer: Optimizer;
  loss: Loss;
  /** The loss actually minimised: on logits when the output activation is fused into it. */
  trainLoss: Loss;
  fused: boolean;
  metrics: MetricName[];
}

