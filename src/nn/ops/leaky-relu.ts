/** leakyRelu: x for x > 0, alpha·x otherwise. */
import type { Tensor } from '../tensor.js';
import { activate } from './activation.js';

/** Element-wise leaky ReLU (TensorFlow.js default slope 0.2). */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  return activate(x, 'leakyRelu', alpha);
}
