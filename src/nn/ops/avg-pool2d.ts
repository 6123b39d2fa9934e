/** Average pooling over NHWC windows (padding cells excluded from the mean, as TensorFlow does). */
import { getBackend } from '../backends/registry.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import type { Pool2dOptions } from './max-pool2d.js';
import { writeGrad } from './util.js';
import { geometryFor } from './window.js';

/** Mean over each window; the gradient is spread evenly over the window's valid cells. */
export function avgPool2d(x: Tensor, options: Pool2dOptions = {}): Tensor {
  const pool = options.poolSize ?? 2;
  const g = geometryFor('avgPool2d', x, pool, options.strides ?? pool, options.padding ?? 'valid');
  const be = getBackend();
  const out = acquire(g.n * g.oh * g.ow * g.c);
  be.avgPool(x.data, g, out);
  return opResult(out, [g.n, g.oh, g.ow, g.c], [x], (yt) => writeGrad(x, (dx) => be.avgPoolBackward(yt.grad!, g, dx)));
}
