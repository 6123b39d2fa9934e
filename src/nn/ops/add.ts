/** a + b with broadcasting. */
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';

/** Element-wise sum with NumPy broadcasting; `b` may be a number. */
export function add(a: Tensor, b: Tensor | number): Tensor {
  return binaryOp(a, b, { f: (x, y) => x + y, da: () => 1, db: () => 1 });
}
