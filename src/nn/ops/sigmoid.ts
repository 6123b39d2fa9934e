/** sigmoid: 1 / (1 + e^-x), computed without overflow. */
import type { Tensor } from '../tensor.js';
import { activate } from './activation.js';

/** Element-wise 1 / (1 + e^-x), computed without overflow. */
export function sigmoid(x: Tensor): Tensor {
  return activate(x, 'sigmoid');
}
