/** a − b with broadcasting. */
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';

/** Element-wise difference with NumPy broadcasting; `b` may be a number. */
export function sub(a: Tensor, b: Tensor | number): Tensor {
  return binaryOp(a, b, { f: (x, y) => x - y, da: () => 1, db: () => -1 });
}
