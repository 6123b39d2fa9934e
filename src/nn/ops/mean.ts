/** Mean over all elements or one axis. */
import type { Tensor } from '../tensor.js';
import { reduce } from './sum.js';

/** Mean of x over every element (→ scalar) or over `axis`. */
export function mean(x: Tensor, axis?: number, keepDims = false): Tensor {
  return reduce(x, axis, keepDims, true);
}
