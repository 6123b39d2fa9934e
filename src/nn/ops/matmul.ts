/** Matrix product of rank-2 tensors with optional transposes, on the backend's GEMM. */
import { acquire } from '../memory.js';
import { getBackend } from '../backends/registry.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/**
 * op(a) · op(b) for rank-2 `a` and `b` (TensorFlow.js `matMul(a, b, transposeA, transposeB)`).
 * Gradients: dA = dY·op(B)ᵀ (or its transpose), dB = op(A)ᵀ·dY, accumulated straight into the gradient
 * buffers with GEMM's beta = 1.
 */
export function matmul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  if (a.rank !== 2 || b.rank !== 2) throw shapeError('matmul', 'needs rank-2 tensors', a, b);
  const m = transposeA ? a.shape[1]! : a.shape[0]!;
  const k = transposeA ? a.shape[0]! : a.shape[1]!;
  const kb = transposeB ? b.shape[1]! : b.shape[0]!;
  const n = transposeB ? b.shape[0]! : b.shape[1]!;
  if (k !== kb) throw shapeError('matmul', `inner dimensions ${k} and ${kb} differ`, a, b);
  const be = getBackend();
  const out = acquire(m * n);
  be.gemm(transposeA, transposeB, m, n, k, 1, a.data, b.data, 0, out);
  return opResult(out, [m, n], [a, b], (y) => {
    const g = y.grad!;
    if (a.requiresGrad) {
      const ga = a.ensureGrad();
      // A stored m×k: dA = G·op(B)ᵀ; stored k×m: dA = op(B)·Gᵀ.
      if (!transposeA) be.gemm(false, !transposeB, m, k, n, 1, g, b.data, 1, ga);
      else be.gemm(transposeB, true, k, m, n, 1, b.data, g, 1, ga);
    }
    if (b.requiresGrad) {
      const gb = b.ensureGrad();
      // B stored k×n: dB = op(A)ᵀ·G; stored n×k: dB = Gᵀ·op(A).
      if (!transposeB) be.gemm(!transposeA, false, k, n, m, 1, a.data, g, 1, gb);
      else be.gemm(true, transposeA, n, k, m, 1, g, a.data, 1, gb);
    }
  });
}
