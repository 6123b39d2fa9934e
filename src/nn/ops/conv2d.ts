/** 2-D convolution (NHWC input, [kh, kw, inC, outC] kernel) as im2col + GEMM, with optional fused bias and activation. */
import type { Activation } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError, writeGrad } from './util.js';
import { geometryFor, type Padding, type Size2 } from './window.js';

/** Conv options (TensorFlow.js names, plus the fused `bias` and `activation` the Conv2D layer uses). */
export interface Conv2dOptions {
  strides?: Size2;
  padding?: Padding;
  /** [filters] added to every output position. */
  bias?: Tensor | null;
  /** Applied after the bias in the same node (default linear). */
  activation?: Activation;
}

/**
 * act(x ⊛ kernel + bias) for `x` [n, h, w, c] and `kernel` [kh, kw, c, f] → [n, oh, ow, f]. The unfolded
 * input (im2col) is kept for the backward pass: dZ = act'·dY, dK = colsᵀ·dZ, db = Σ dZ, dX = col2im(dZ·Kᵀ).
 * Fusing bias and activation saves four passes over the (largest) activation buffers per conv per step.
 */
export function conv2d(x: Tensor, kernel: Tensor, options: Conv2dOptions = {}): Tensor {
  if (kernel.rank !== 4) throw shapeError('conv2d', 'kernel must be [kh, kw, inChannels, filters]', kernel);
  const [kh, kw, kc, f] = kernel.shape as [number, number, number, number];
  const g = geometryFor('conv2d', x, [kh, kw], options.strides ?? 1, options.padding ?? 'valid');
  if (kc !== g.c) throw shapeError('conv2d', `kernel expects ${kc} input channels, input has ${g.c}`, x, kernel);
  const bias = options.bias ?? null;
  if (bias !== null && bias.size !== f) throw shapeError('conv2d', `bias needs ${f} values`, bias);
  const act = options.activation ?? 'linear';
  const be = getBackend();
  const rows = g.n * g.oh * g.ow;
  const depth = kh * kw * g.c;
  const cols = acquire(rows * depth);
  be.im2col(x.data, g, cols);
  const z = acquire(rows * f);
  be.gemm(false, false, rows, f, depth, 1, cols, kernel.data, 0, z);
  if (bias !== null) be.biasAdd(z, bias.data, rows, f, z);
  const keepZ = act === 'leakyRelu' || act === 'gelu';
  const out = keepZ ? acquire(z.length) : z;
  if (act !== 'linear' || out !== z) be.unary(act, z, out, 0.2);
  const parents = bias === null ? [x, kernel] : [x, kernel, bias];
  const y = opResult(out, [g.n, g.oh, g.ow, f], parents, (yt) => {
    let dz = yt.grad!;
    const ownDz = act !== 'linear';
    if (ownDz) {
      dz = acquire(out.length);
      be.unaryGrad(act, keepZ ? z : null, out, yt.grad!, dz, 0.2);
    }
    if (kernel.requiresGrad) {
      const { grad, fresh } = kernel.gradBuffer();
      be.gemm(true, false, depth, f, rows, 1, cols, dz, fresh ? 0 : 1, grad);
    }
    if (bias !== null) writeGrad(bias, (db) => be.sumAxis0(dz, rows, f, db));
    if (x.requiresGrad) {
      const dcols = acquire(rows * depth);
      be.gemm(false, true, rows, depth, f, 1, dz, kernel.data, 0, dcols);
      writeGrad(x, (dx) => be.col2im(dcols, g, dx));
      release(dcols);
    }
    if (ownDz) release(dz);
  });
  if (y.requiresGrad) {
    y.saved.push(cols);
    if (keepZ) y.saved.push(z);
  } else {
    release(cols);
    if (keepZ) release(z);
  }
  return y;
}
