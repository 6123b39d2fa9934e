/**
 * Losses by Keras/TensorFlow.js name. Cross-entropies are numerically stable: with `fromLogits` they use
 * the fused log-sum-exp forms, and a model whose output layer applies softmax/sigmoid trains on its logits
 * automatically (see `Sequential.compile`), so the clipped probability forms only serve explicit use.
 */
import { NorthstarError } from '../common/errors.js';
import { binaryCrossEntropy } from './ops/binary-cross-entropy.js';
import { categoricalCrossEntropy } from './ops/categorical-cross-entropy.js';
import { meanSquaredError } from './ops/mean-squared-error.js';
import { sigmoidCrossEntropy } from './ops/sigmoid-cross-entropy.js';
import { softmaxCrossEntropy } from './ops/softmax-cross-entropy.js';
import type { Tensor } from './tensor.js';

/** Canonical loss names (camelCase as TensorFlow.js). */
export type LossName = 'meanSquaredError' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy';

/** A loss: a scalar tensor from predictions and targets. */
export interface Loss {
  readonly name: LossName;
  readonly fromLogits: boolean;
  /** The output activation whose logits this loss can consume directly (softmax / sigmoid), if any. */
  readonly fusesActivation: 'softmax' | 'sigmoid' | null;
  compute(pred: Tensor, target: Tensor): Tensor;
  /** The same loss reading logits (used when the model fuses its output activation). */
  withLogits(): Loss;
}

function make(name: LossName, fromLogits: boolean): Loss {
  const fuses = name === 'meanSquaredError' ? null : name === 'binaryCrossentropy' ? 'sigmoid' : 'softmax';
  const sparse = name === 'sparseCategoricalCrossentropy';
  return {
    name,
    fromLogits,
    fusesActivation: fuses,
    compute(pred, target) {
      switch (name) {
        case 'meanSquaredError':
          return meanSquaredError(pred, target);
        case 'binaryCrossentropy':
          return fromLogits ? sigmoidCrossEntropy(pred, target) : binaryCrossEntropy(pred, target);
        default:
          return fromLogits ? softmaxCrossEntropy(pred, target, sparse) : categoricalCrossEntropy(pred, target, sparse);
      }
    },
    withLogits: () => make(name, true),
  };
}

/** Keras-style loss factories. */
export const losses = {
  meanSquaredError: (): Loss => make('meanSquaredError', false),
  binaryCrossentropy: (args: { fromLogits?: boolean } = {}): Loss => make('binaryCrossentropy', args.fromLogits ?? false),
  categoricalCrossentropy: (args: { fromLogits?: boolean } = {}): Loss => make('categoricalCrossentropy', args.fromLogits ?? false),
  sparseCategoricalCrossentropy: (args: { fromLogits?: boolean } = {}): Loss => make('sparseCategoricalCrossentropy', args.fromLogits ?? false),
};

const ALIASES: Record<string, LossName> = {
  meansquarederror: 'meanSquaredError',
  mse: 'meanSquaredError',
  binarycrossentropy: 'binaryCrossentropy',
  categoricalcrossentropy: 'categoricalCrossentropy',
  sparsecategoricalcrossentropy: 'sparseCategoricalCrossentropy',
};

/** Resolves a loss name (camelCase or snake_case) or passes a loss through. */
export function getLoss(v: string | Loss): Loss {
  if (typeof v !== 'string') return v;
  const name = ALIASES[v.replaceAll('_', '').toLowerCase()];
  if (name === undefined) throw new NorthstarError('INVALID_ARGUMENT', `Unknown loss "${v}"; use one of ${Object.keys(losses).join(', ')}`);
  return make(name, false);
}
