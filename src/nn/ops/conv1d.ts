/** 1-D convolution over [batch, steps, channels] (text, time series), built on the conv2d op with height 1. */
import type { Activation } from '../backends/backend.js';
import type { Tensor } from '../tensor.js';
import { conv2d } from './conv2d.js';
import { reshape } from './reshape.js';
import { shapeError } from './util.js';
import type { Padding } from './window.js';

/** Conv1d options (TensorFlow.js names, plus the fused `bias` and `activation` the Conv1D layer uses). */
export interface Conv1dOptions {
  stride?: number;
  padding?: Padding;
  /** [filters] added to every output step. */
  bias?: Tensor | null;
  /** Applied after the bias inside the conv node (default linear). */
  activation?: Activation;
}

/**
 * act(x ⊛ kernel + bias) for `x` [n, steps, c] and `kernel` [k, c, f] → [n, outSteps, f]. A 1-D convolution is
 * a 2-D one over an image of height 1 with a kernel of height 1, so this reuses conv2d's im2col + GEMM (and the
 * backend's fast paths) and inherits its gradient; the reshapes around it are cheap copies next to the GEMM.
 */
export function conv1d(x: Tensor, kernel: Tensor, options: Conv1dOptions = {}): Tensor {
  if (x.rank !== 3) throw shapeError('conv1d', 'input must be [batch, steps, channels]', x);
  if (kernel.rank !== 3) throw shapeError('conv1d', 'kernel must be [kernelSize, inChannels, filters]', kernel);
  const [n, steps, c] = x.shape as [number, number, number];
  const [k, kc, f] = kernel.shape as [number, number, number];
  if (kc !== c) throw shapeError('conv1d', `kernel expects ${kc} input channels, input has ${c}`, x, kernel);
  const stride = options.stride ?? 1;
  const y4 = conv2d(reshape(x, [n, 1, steps, c]), reshape(kernel, [1, k, kc, f]), {
    strides: [1, stride],
    padding: options.padding ?? 'valid',
    bias: options.bias ?? null,
    activation: options.activation ?? 'linear',
  });
  return reshape(y4, [n, y4.shape[2]!, f]);
}
