/** The shared forward/backward of the element-wise activations (each has its own op file). */
import type { Activation } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { acquire } from '../memory.js';
import { writeGrad } from './util.js';
import { opResult, type Tensor } from '../tensor.js';

/** y = act(x) on the backend; the backward pass reads x (leakyRelu, gelu) or y (the others). */
export function activate(x: Tensor, act: Activation, alpha = 0): Tensor {
  const be = getBackend();
  const out = acquire(x.size);
  be.unary(act, x.data, out, alpha);
  return opResult(out, x.shape, [x], (y) => writeGrad(x, (dx) => be.unaryGrad(act, x.data, y.data, y.grad!, dx, alpha)));
}
