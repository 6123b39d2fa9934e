/** exp: element-wise natural exponential. */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { writeGrad } from './util.js';

/**
 * y = eˣ element-wise; dx = dy·y, so the backward pass reads the output and keeps nothing else. Variational
 * models need it for σ = exp(½·log σ²) and the KL term (the Mult-VAE recommender in ml/recommend).
 */
export function exp(x: Tensor): Tensor {
  const out = acquire(x.size);
  const d = x.data;
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(d[i]!);
  return opResult(out, x.shape, [x], (y) =>
    writeGrad(x, (dx) => {
      const dy = y.grad!;
      const yd = y.data;
      for (let i = 0; i < dx.length; i++) dx[i] = dy[i]! * yd[i]!;
    }),
  );
}
