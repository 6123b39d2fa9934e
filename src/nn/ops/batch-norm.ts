/** Batch normalisation over every axis but the last (channels-last, as Keras). */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { rowsCols, shapeError } from './util.js';

/** Options: with `mean` and `variance` (moving statistics) the op normalises with them (inference). */
export interface BatchNormOptions {
  epsilon?: number;
  mean?: Float32Array;
  variance?: Float32Array;
}

/** The normalised output and the batch statistics it used (for the layer's moving averages). */
export interface BatchNormResult {
  y: Tensor;
  mean: Float32Array;
  variance: Float32Array;
}

/**
 * y = gamma·(x − μ)/√(σ² + ε) + beta per channel. In training mode μ and σ² (biased) come from the batch and
 * the gradient flows through them: dx = (γ/σ̂)/N · (N·dy − Σdy − x̂·Σ(dy·x̂)).
 */
export function batchNorm(x: Tensor, gamma: Tensor, beta: Tensor, options: BatchNormOptions = {}): BatchNormResult {
  const { rows, cols } = rowsCols(x);
  if (gamma.size !== cols || beta.size !== cols) throw shapeError('batchNorm', `gamma and beta need ${cols} values`, x, gamma, beta);
  const eps = options.epsilon ?? 1e-3;
  const fixed = options.mean !== undefined && options.variance !== undefined;
  const mean = new Float32Array(cols);
  const variance = new Float32Array(cols);
  const d = x.data;
  if (fixed) {
    mean.set(options.mean!);
    variance.set(options.variance!);
  } else {
    const m64 = new Float64Array(cols);
    const v64 = new Float64Array(cols);
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) m64[j] = m64[j]! + d[r * cols + j]!;
    for (let j = 0; j < cols; j++) m64[j] = m64[j]! / rows;
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < cols; j++) {
        const c = d[r * cols + j]! - m64[j]!;
        v64[j] = v64[j]! + c * c;
      }
    for (let j = 0; j < cols; j++) {
      mean[j] = m64[j]!;
      variance[j] = v64[j]! / rows;
    }
  }
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const xhat = acquire(x.size);
  const out = acquire(x.size);
  const gd = gamma.data;
  const bd = beta.data;
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      const i = r * cols + j;
      const h = (d[i]! - mean[j]!) * invStd[j]!;
      xhat[i] = h;
      out[i] = gd[j]! * h + bd[j]!;
    }
  const y = opResult(out, x.shape, [x, gamma, beta], (yt) => {
    const dy = yt.grad!;
    const sumDy = new Float64Array(cols);
    const sumDyXhat = new Float64Array(cols);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < cols; j++) {
        const i = r * cols + j;
        sumDy[j] = sumDy[j]! + dy[i]!;
        sumDyXhat[j] = sumDyXhat[j]! + dy[i]! * xhat[i]!;
      }
    if (gamma.requiresGrad) {
      const g = gamma.ensureGrad();
      for (let j = 0; j < cols; j++) g[j] = g[j]! + sumDyXhat[j]!;
    }
    if (beta.requiresGrad) {
      const g = beta.ensureGrad();
      for (let j = 0; j < cols; j++) g[j] = g[j]! + sumDy[j]!;
    }
    if (x.requiresGrad) {
      const g = x.ensureGrad();
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < cols; j++) {
          const i = r * cols + j;
          const scale = gd[j]! * invStd[j]!;
          g[i] = fixed
            ? g[i]! + scale * dy[i]!
            : g[i]! + (scale / rows) * (rows * dy[i]! - sumDy[j]! - xhat[i]! * sumDyXhat[j]!);
        }
    }
  });
  y.saved.push(xhat);
  return { y, mean, variance };
}
