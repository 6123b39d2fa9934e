/** Global max pooling over time: [batch, steps, channels] → [batch, channels]. */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/**
 * The largest value of each channel over the steps (TextCNN's "which n-gram detector fired hardest"). The
 * winning step of each (row, channel) is remembered, so the gradient flows to that one input only (ties go to
 * the first step, as TensorFlow does). `lengths` (one per row, ≥ 1) limits each row to its first steps: a
 * padded batch then pools exactly what the unpadded text would, so training matches one-text inference.
 */
export function globalMaxPool1d(x: Tensor, lengths?: Int32Array): Tensor {
  if (x.rank !== 3) throw shapeError('globalMaxPool1d', 'input must be [batch, steps, channels]', x);
  const [n, steps, c] = x.shape as [number, number, number];
  if (steps === 0) throw shapeError('globalMaxPool1d', 'needs at least one step', x);
  if (lengths !== undefined && (lengths.length !== n || lengths.some((l) => l < 1 || l > steps))) {
    throw shapeError('globalMaxPool1d', `lengths must give ${n} values in 1..${steps}`, x);
  }
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
    const valid = lengths === undefined ? steps : lengths[b]!;
    for (let t = 1; t < valid; t++) {
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
