/** Fused, numerically stable softmax + cross-entropy from logits. */
import { NorthstarError } from '../../common/errors.js';
import { getBackend } from '../backends/registry.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { rowsCols, shapeError } from './util.js';

/**
 * Mean over rows of −Σ y·log softmax(z). `targets` is one-hot/probabilities shaped like `logits`, or, with
 * `sparse`, class indices ([rows] or [rows, 1]). Gradient: (softmax(z)·Σy − y) / rows, computed in the same
 * pass as the loss and kept until backward.
 */
export function softmaxCrossEntropy(logits: Tensor, targets: Tensor, sparse = false): Tensor {
  const { rows, cols } = rowsCols(logits);
  if (sparse ? targets.size !== rows : targets.size !== logits.size) {
    throw shapeError('softmaxCrossEntropy', sparse ? 'needs one class index per row' : 'targets must match logits', logits, targets);
  }
  if (sparse) {
    const t = targets.data;
    for (let r = 0; r < rows; r++) {
      const v = t[r]!;
      if (!Number.isInteger(v) || v < 0 || v >= cols) {
        throw new NorthstarError('NN_INVALID_DATA', `label ${v} in row ${r} is not a class index in [0, ${cols})`);
      }
    }
  }
  const track = logits.requiresGrad;
  const grad = track ? acquire(logits.size) : null;
  const loss = getBackend().softmaxCrossEntropy(logits.data, targets.data, rows, cols, sparse, grad);
  const out = acquire(1);
  out[0] = loss;
  const y = opResult(out, [], [logits], (yt) => {
    const s = yt.grad![0]!;
    const g = logits.ensureGrad();
    for (let i = 0; i < g.length; i++) g[i] = g[i]! + s * grad![i]!;
  });
  if (grad !== null) y.saved.push(grad);
  return y;
}
