/** Global average pooling: NHWC → [n, c]. */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** Mean over the spatial axes of an NHWC tensor. */
export function globalAvgPool(x: Tensor): Tensor {
  if (x.rank !== 4) throw shapeError('globalAvgPool', 'needs an NHWC rank-4 input', x);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const hw = h * w;
  const inv = 1 / hw;
  const out = acquire(n * c);
  out.fill(0);
  const d = x.data;
  for (let b = 0; b < n; b++)
    for (let p = 0; p < hw; p++) {
      const base = (b * hw + p) * c;
      for (let ch = 0; ch < c; ch++) out[b * c + ch] = out[b * c + ch]! + d[base + ch]!;
    }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * inv;
  return opResult(out, [n, c], [x], (y) => {
    if (!x.requiresGrad) return;
    const g = x.ensureGrad();
    const dy = y.grad!;
    for (let b = 0; b < n; b++)
      for (let p = 0; p < hw; p++) {
        const base = (b * hw + p) * c;
        for (let ch = 0; ch < c; ch++) g[base + ch] = g[base + ch]! + dy[b * c + ch]! * inv;
      }
  });
}
