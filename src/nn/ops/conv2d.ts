/** 2-D convolution (NHWC input, [kh, kw, inC, outC] kernel) as im2col + GEMM. */
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError, writeGrad } from './util.js';
import { geometryFor, type Padding, type Size2 } from './window.js';

/** Conv options (TensorFlow.js names). */
export interface Conv2dOptions {
  strides?: Size2;
  padding?: Padding;
}

/**
 * Cross-correlation of `x` [n, h, w, c] with `kernel` [kh, kw, c, f] → [n, oh, ow, f]. The unfolded input
 * (im2col) is kept for the backward pass: dK = colsᵀ·dY, dX = col2im(dY·Kᵀ).
 */
export function conv2d(x: Tensor, kernel: Tensor, options: Conv2dOptions = {}): Tensor {
  if (kernel.rank !== 4) throw shapeError('conv2d', 'kernel must be [kh, kw, inChannels, filters]', kernel);
  const [kh, kw, kc, f] = kernel.shape as [number, number, number, number];
  const g = geometryFor('conv2d', x, [kh, kw], options.strides ?? 1, options.padding ?? 'valid');
  if (kc !== g.c) throw shapeError('conv2d', `kernel expects ${kc} input channels, input has ${g.c}`, x, kernel);
  const be = getBackend();
  const rows = g.n * g.oh * g.ow;
  const depth = kh * kw * g.c;
  const cols = acquire(rows * depth);
  be.im2col(x.data, g, cols);
  const out = acquire(rows * f);
  be.gemm(false, false, rows, f, depth, 1, cols, kernel.data, 0, out);
  const y = opResult(out, [g.n, g.oh, g.ow, f], [x, kernel], (yt) => {
    const dy = yt.grad!;
    if (kernel.requiresGrad) be.gemm(true, false, depth, f, rows, 1, cols, dy, 1, kernel.ensureGrad());
    if (x.requiresGrad) {
      const dcols = acquire(rows * depth);
      be.gemm(false, true, rows, depth, f, 1, dy, kernel.data, 0, dcols);
      writeGrad(x, (dx) => be.col2im(dcols, g, dx));
      release(dcols);
    }
  });
  if (y.requiresGrad) y.saved.push(cols);
  else release(cols);
  return y;
}
