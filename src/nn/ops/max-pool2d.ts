/** Max pooling over NHWC windows. */
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { writeGrad } from './util.js';
import { geometryFor, type Padding, type Size2 } from './window.js';

/** Pooling options (TensorFlow.js names; `strides` defaults to `poolSize`). */
export interface Pool2dOptions {
  poolSize?: Size2;
  strides?: Size2;
  padding?: Padding;
}

/** Max over each window; the gradient flows to the (first) maximum of each window. */
export function maxPool2d(x: Tensor, options: Pool2dOptions = {}): Tensor {
  const pool = options.poolSize ?? 2;
  const g = geometryFor('maxPool2d', x, pool, options.strides ?? pool, options.padding ?? 'valid');
  const be = getBackend();
  const len = g.n * g.oh * g.ow * g.c;
  const out = acquire(len);
  // The argmax indices live in a pooled float buffer viewed as int32, so they are recycled like the rest.
  const argBuf = acquire(len);
  const argmax = new Int32Array(argBuf.buffer, argBuf.byteOffset, len);
  be.maxPool(x.data, g, out, argmax);
  const y = opResult(out, [g.n, g.oh, g.ow, g.c], [x], (yt) => writeGrad(x, (dx) => be.maxPoolBackward(yt.grad!, argmax, dx)));
  if (y.requiresGrad) y.saved.push(argBuf);
  else release(argBuf);
  return y;
}
