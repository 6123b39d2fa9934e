/** a / b with broadcasting. */
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';

/** Element-wise quotient with NumPy broadcasting; `b` may be a number. */
export function div(a: Tensor, b: Tensor | number): Tensor {
  return binaryOp(a, b, { f: (x, y) => x / y, da: (_x, y) => 1 / y, db: (x, y) => -x / (y * y) });
}
