/** Average pooling over NHWC windows (padding cells excluded from the mean, as TensorFlow does). */
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import type { Pool2dOptions } from './max-pool2d.js';
import { geometryFor } from './window.js';

/** Mean over each window; the gradient is spread evenly over the window's valid cells. */
export function avgPool2d(x: Tensor, options: Pool2dOptions = {}): Tensor {
  const pool = options.poolSize ?? 2;
  const g = geometryFor('avgPool2d', x, pool, options.strides ?? pool, options.padding ?? 'valid');
  const be = getBackend();
  const out = acquire(g.n * g.oh * g.ow * g.c);
  be.avgPool(x.data, g, out);
  return opResult(out, [g.n, g.oh, g.ow, g.c], [x], (yt) => {
    if (!x.requiresGrad) return;
    const dx = acquire(x.size);
    be.avgPoolBackward(yt.grad!, g, dx);
    const gx = x.ensureGrad();
    for (let i = 0; i < gx.length; i++) gx[i] = gx[i]! + dx[i]!;
    release(dx);
  });
}
