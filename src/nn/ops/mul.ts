/** a · b with broadcasting. */
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';

/** Element-wise product with NumPy broadcasting; `b` may be a number. */
export function mul(a: Tensor, b: Tensor | number): Tensor {
  return binaryOp(a, b, { f: (x, y) => x * y, da: (_x, y) => y, db: (x) => x });
}
