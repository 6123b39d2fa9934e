/** Batch normalisation over every axis but the last (channels-last, as Keras). */
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { rowsCols, shapeError, writeGrad } from './util.js';

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
 *
 * Both passes run in the backend (native C++ / wasm / js loops with per-channel double sums). Nothing but the
 * output is stored for the backward pass: x̂ is recomputed from `x` (which the graph keeps alive anyway), so the
 * forward pass writes one activation-sized buffer instead of two.
 */
export function batchNorm(x: Tensor, gamma: Tensor, beta: Tensor, options: BatchNormOptions = {}): BatchNormResult {
  const { rows, cols } = rowsCols(x);
  if (gamma.size !== cols || beta.size !== cols) throw shapeError('batchNorm', `gamma and beta need ${cols} values`, x, gamma, beta);
  const eps = options.epsilon ?? 1e-3;
  const fixed = options.mean !== undefined && options.variance !== undefined;
  const be = getBackend();
  const mean = new Float32Array(cols);
  const variance = new Float32Array(cols);
  if (fixed) {
    mean.set(options.mean!);
    variance.set(options.variance!);
  } else {
    be.batchNormStats(x.data, rows, cols, mean, variance);
  }
  const invStd = new Float32Array(cols);
  const scale = new Float32Array(cols);
  const gd = gamma.data;
  for (let j = 0; j < cols; j++) {
    invStd[j] = 1 / Math.sqrt(variance[j]! + eps);
    scale[j] = gd[j]! * invStd[j]!;
  }
  const out = acquire(x.size);
  be.batchNormForward(x.data, rows, cols, mean, scale, beta.data, out);
  const y = opResult(out, x.shape, [x, gamma, beta], (yt) => {
    const dgamma = new Float32Array(cols);
    const dbeta = new Float32Array(cols);
    // dx goes straight into x's gradient when this is its first contribution (the usual single consumer).
    let dx: Float32Array | null = null;
    let fresh = false;
    if (x.requiresGrad) {
      const buf = x.gradBuffer();
      fresh = buf.fresh;
      dx = fresh ? buf.grad : acquire(x.size);
    }
    be.batchNormBackward(x.data, yt.grad!, rows, cols, mean, invStd, gd, !fixed, dx, dgamma, dbeta);
    if (dx !== null && !fresh) {
      const g = x.grad!;
      for (let i = 0; i < g.length; i++) g[i] = g[i]! + dx[i]!;
      release(dx);
    }
    writeGrad(gamma, (g) => g.set(dgamma));
    writeGrad(beta, (g) => g.set(dbeta));
  });
  return { y, mean, variance };
}
