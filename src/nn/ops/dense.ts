/** Fused dense layer op: act(x·W + b) in one graph node (one GEMM, one bias+activation pass). */
import type { Activation } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { acquire, release } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError, writeGrad } from './util.js';

/**
 * y = act(x·W + b) for x [batch, in], W [in, out], b [out] or null. Fusing saves two graph nodes and two
 * buffers per layer per step, which matters once GEMM is native (see docs/nn.md). The backward pass needs
 * the pre-activation only for leakyRelu and gelu; the others differentiate from y.
 */
export function dense(x: Tensor, w: Tensor, b: Tensor | null, act: Activation = 'linear', alpha = 0.2): Tensor {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) throw shapeError('dense', 'needs x [batch, in] and W [in, out]', x, w);
  const [batch, inDim] = x.shape as [number, number];
  const outDim = w.shape[1]!;
  if (b !== null && b.size !== outDim) throw shapeError('dense', `bias needs ${outDim} values`, b);
  const be = getBackend();
  const z = acquire(batch * outDim);
  be.gemm(false, false, batch, outDim, inDim, 1, x.data, w.data, 0, z);
  if (b !== null) be.biasAdd(z, b.data, batch, outDim, z);
  const keepZ = act === 'leakyRelu' || act === 'gelu';
  const out = keepZ ? acquire(z.length) : z;
  be.unary(act, z, out, alpha);
  const parents = b === null ? [x, w] : [x, w, b];
  const y = opResult(out, [batch, outDim], parents, (yt) => {
    const dz = acquire(out.length);
    be.unaryGrad(act, keepZ ? z : null, out, yt.grad!, dz, alpha);
    if (w.requiresGrad) {
      const { grad, fresh } = w.gradBuffer();
      be.gemm(true, false, inDim, outDim, batch, 1, x.data, dz, fresh ? 0 : 1, grad);
    }
    if (b !== null) writeGrad(b, (db) => be.sumAxis0(dz, batch, outDim, db));
    if (x.requiresGrad) {
      const { grad, fresh } = x.gradBuffer();
      be.gemm(false, true, batch, inDim, outDim, 1, dz, w.data, fresh ? 0 : 1, grad);
    }
    release(dz);
  });
  if (keepZ) {
    if (y.requiresGrad) y.saved.push(z);
    else release(z);
  }
  return y;
}
