/** Optimiser factories: Keras-style (`optimizers.adam({ learningRate })`) and TensorFlow.js-style (`train.adam(lr)`). */
import { NorthstarError } from '../../common/errors.js';
import { Adam, AdamW, type AdamArgs } from './adam.js';
import type { LearningRate, Optimizer } from './optimizer.js';
import { RMSprop, type RmspropArgs } from './rmsprop.js';
import { SGD, type SgdArgs } from './sgd.js';

/** Keras-style factories. */
export const optimizers = {
  sgd: (args: SgdArgs = {}): SGD => new SGD(args),
  adam: (args: AdamArgs = {}): Adam => new Adam(args),
  adamw: (args: AdamArgs = {}): AdamW => new AdamW(args),
  rmsprop: (args: RmspropArgs = {}): RMSprop => new RMSprop(args),
};

/** TensorFlow.js `tf.train.*` signatures. */
export const train = {
  sgd: (learningRate: LearningRate): SGD => new SGD({ learningRate }),
  momentum: (learningRate: LearningRate, momentum: number, useNesterov = false): SGD => new SGD({ learningRate, momentum, nesterov: useNesterov }),
  adam: (learningRate: LearningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7): Adam => new Adam({ learningRate, beta1, beta2, epsilon }),
  rmsprop: (learningRate: LearningRate, decay = 0.9, momentum = 0, epsilon = 1e-7): RMSprop => new RMSprop({ learningRate, rho: decay, momentum, epsilon }),
};

/** Resolves `'adam' | 'adamw' | 'sgd' | 'rmsprop'` (Keras defaults) or passes an optimiser through. */
export function getOptimizer(v: string | Optimizer): Optimizer {
  if (typeof v !== 'string') return v;
  const make = (optimizers as Record<string, () => Optimizer>)[v.toLowerCase()];
  if (make === undefined) throw new NorthstarError('INVALID_ARGUMENT', `Unknown optimizer "${v}"; use one of ${Object.keys(optimizers).join(', ')}`);
  return make();
}

export { Optimizer, type LearningRate } from './optimizer.js';
export { Adam, AdamW, RMSprop, SGD, type AdamArgs, type RmspropArgs, type SgdArgs };
export { cosineDecay, exponentialDecay, inverseTimeDecay, piecewiseConstantDecay, type LearningRateSchedule } from './schedules.js';
