/** BatchNormalization layer (last axis). */
import type { Rng } from '../../common/rng.js';
import { onesInit, zerosInit } from '../initializers.js';
import { batchNorm } from '../ops/batch-norm.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** TensorFlow.js `BatchNormalizationLayerArgs` (axis is always −1). */
export interface BatchNormalizationArgs extends LayerArgs {
  momentum?: number;
  epsilon?: number;
}

/**
 * Normalises with the batch statistics while training and updates moving averages
 * (moving = momentum·moving + (1 − momentum)·batch); uses the moving ones at inference.
 */
export class BatchNormalization extends Layer {
  readonly className = 'BatchNormalization';
  readonly momentum: number;
  readonly epsilon: number;
  gamma: Tensor | undefined;
  beta: Tensor | undefined;
  movingMean: Tensor | undefined;
  movingVariance: Tensor | undefined;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args, 'batch_normalization');
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
  }

  protected override buildWeights(inputShape: readonly number[], rng: Rng): void {
    const c = inputShape[inputShape.length - 1]!;
    this.gamma = this.addWeight('gamma', [c], onesInit(), rng);
    this.beta = this.addWeight('beta', [c], zerosInit(), rng);
    this.movingMean = this.addWeight('moving_mean', [c], zerosInit(), rng, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [c], onesInit(), rng, { trainable: false });
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    const mm = this.movingMean!.data;
    const mv = this.movingVariance!.data;
    if (!ctx.training) return batchNorm(x, this.gamma!, this.beta!, { epsilon: this.epsilon, mean: mm, variance: mv }).y;
    const { y, mean, variance } = batchNorm(x, this.gamma!, this.beta!, { epsilon: this.epsilon });
    const m = this.momentum;
    for (let j = 0; j < mm.length; j++) {
      mm[j] = m * mm[j]! + (1 - m) * mean[j]!;
      mv[j] = m * mv[j]! + (1 - m) * variance[j]!;
    }
    return y;
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon };
  }
}
