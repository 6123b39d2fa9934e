/** relu: max(0, x). */
import type { Tensor } from '../tensor.js';
import { activate } from './activation.js';

/** Element-wise max(0, x). */
export function relu(x: Tensor): Tensor {
  return activate(x, 'relu');
}
