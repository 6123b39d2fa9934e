/** Log-softmax over the last axis. */
import { getBackend } from '../backends/registry.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { rowsCols } from './util.js';

/** x − logsumexp(x) along the last axis; gradient dx = dy − softmax(x)·Σ dy. */
export function logSoftmax(x: Tensor): Tensor {
  const { rows, cols } = rowsCols(x);
  const out = acquire(x.size);
  getBackend().logSoftmax(x.data, rows, cols, out);
  return opResult(out, x.shape, [x], (y) => {
    if (!x.requiresGrad) return;
    const g = x.ensureGrad();
    const dy = y.grad!;
    const yd = y.data;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let s = 0;
      for (let j = 0; j < cols; j++) s += dy[o + j]!;
      for (let j = 0; j < cols; j++) g[o + j] = g[o + j]! + dy[o + j]! - Math.exp(yd[o + j]!) * s;
    }
  });
}
