/** gelu: exact GELU, x·Φ(x) (Keras `approximate: false`). */
import type { Tensor } from '../tensor.js';
import { activate } from './activation.js';

/** Element-wise exact GELU, x·Φ(x) (Keras `approximate: false`). */
export function gelu(x: Tensor): Tensor {
  return activate(x, 'gelu');
}
