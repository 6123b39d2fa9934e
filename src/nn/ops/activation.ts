/** The shared forward/backward of the element-wise activations (each has its own op file). */
import type { Activation } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';

/** y = act(x) on the backend; the backward pass reads x (leakyRelu, gelu) or y (the others). */
export function activate(x: Tensor, act: Activation, alpha = 0): Tensor {
  const be = getBackend();
  const out = acquire(x.size);
  be.unary(act, x.data, out, alpha);
  return opResult(out, x.shape, [x], (y) => {
    if (!x.requiresGrad) return;
    const dx = acquire(x.size);
    be.unaryGrad(act, x.data, y.data, y.grad!, dx, alpha);
    const g = x.ensureGrad();
    for (let i = 0; i < g.length; i++) g[i] = g[i]! + dx[i]!;
    release(dx);
  });
}
