/** tanh: hyperbolic tangent. */
import type { Tensor } from '../tensor.js';
import { activate } from './activation.js';

/** Element-wise hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return activate(x, 'tanh');
}
