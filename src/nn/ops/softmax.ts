/** Softmax over the last axis. */
import { getBackend } from '../backends/registry.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { rowsCols } from './util.js';

/** softmax(x) along the last axis; gradient dx = y ⊙ (dy − Σ dy ⊙ y). */
export function softmax(x: Tensor): Tensor {
  const { rows, cols } = rowsCols(x);
  const out = acquire(x.size);
  getBackend().softmax(x.data, rows, cols, out);
  return opResult(out, x.shape, [x], (y) => {
    if (!x.requiresGrad) return;
    const g = x.ensureGrad();
    const dy = y.grad!;
    const yd = y.data;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += dy[o + j]! * yd[o + j]!;
      for (let j = 0; j < cols; j++) g[o + j] = g[o + j]! + yd[o + j]! * (dy[o + j]! - dot);
    }
  });
}
