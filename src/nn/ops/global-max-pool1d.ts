/** Global max pooling over time: [batch, steps, channels] → [batch, channels]. */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/**
 * The largest value of each channel over the steps (TextCNN's "which n-gram detector fired hardest"). The
 * winning step of each (row, channel) is remembered, so the gradient flows to that one input only (ties go to
 * the first step, as TensorFlow does).
 */
export function globalMaxPool1d(x: Tensor): Tensor {
  if (x.rank !== 3) throw shapeError('globalMaxPool1d', 'input must be [batch, steps, channels]', x);
  const [n, steps, c] = x.shape as [number, number, number];
  if (steps === 0) throw shapeError('globalMaxPool1d', 'needs at least one step', x);
  const out = acquire(n * c);
  const arg = new Int32Array(n * c);
  const d = x.data;
  for (let b = 0; b < n; b++) {
    const o = b * c;
    const base = b * steps * c;
    for (let ch = 0; ch < c; ch++) {
      out[o + ch] = d[base + ch]!;
      arg[o + ch] = base + ch;
    }
    for (let t = 1; t < steps; t++) {
      const row = base + t * c;
      for (let ch = 0; ch < c; ch++) {
        const v = d[row + ch]!;
        if (v > out[o + ch]!) {
          out[o + ch] = v;
          arg[o + ch] = row + ch;
        }
      }
    }
  }
  return opResult(out, [n, c], [x], (y) => {
    if (!x.requiresGrad) return;
    const g = x.ensureGrad();
    const dy = y.grad!;
    for (let i = 0; i < arg.length; i++) g[arg[i]!] = g[arg[i]!]! + dy[i]!;
  });
}
