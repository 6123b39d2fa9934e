/** Categorical cross-entropy from probabilities (clipped, as Keras does). */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { PROB_EPSILON } from './binary-cross-entropy.js';
import { rowsCols, shapeError } from './util.js';

/**
 * Mean over rows of −Σ y·log p, p clipped to [ε, 1 − ε]. With `sparse`, targets are class indices. Prefer
 * {@link softmaxCrossEntropy} on logits: models compiled with a softmax output do that automatically.
 */
export function categoricalCrossEntropy(probs: Tensor, targets: Tensor, sparse = false): Tensor {
  const { rows, cols } = rowsCols(probs);
  if (sparse ? targets.size !== rows : targets.size !== probs.size) {
    throw shapeError('categoricalCrossEntropy', 'targets do not match predictions', probs, targets);
  }
  const p = probs.data;
  const t = targets.data;
  const yAt = (r: number, j: number): number => (sparse ? (t[r] === j ? 1 : 0) : t[r * cols + j]!);
  let s = 0;
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      const y = yAt(r, j);
      if (y !== 0) s -= y * Math.log(Math.min(1 - PROB_EPSILON, Math.max(PROB_EPSILON, p[r * cols + j]!)));
    }
  const out = acquire(1);
  out[0] = s / rows;
  return opResult(out, [], [probs], (yt) => {
    const k = yt.grad![0]! / rows;
    const g = probs.ensureGrad();
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < cols; j++) {
        const i = r * cols + j;
        const v = p[i]!;
        const y = yAt(r, j);
        if (y === 0 || v <= PROB_EPSILON || v >= 1 - PROB_EPSILON) continue;
        g[i] = g[i]! - (k * y) / v;
      }
  });
}
