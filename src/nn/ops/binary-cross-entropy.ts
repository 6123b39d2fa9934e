/** Binary cross-entropy from probabilities (clipped, as Keras does). */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** Keras' epsilon: probabilities are clipped to [ε, 1 − ε] so log never sees 0. */
export const PROB_EPSILON = 1e-7;

/** −mean(y·log p + (1 − y)·log(1 − p)) with p clipped; no gradient where the clip is active. */
export function binaryCrossEntropy(probs: Tensor, targets: Tensor): Tensor {
  if (targets.size !== probs.size) throw shapeError('binaryCrossEntropy', 'targets must match predictions', probs, targets);
  const p = probs.data;
  const t = targets.data;
  const n = probs.size;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.min(1 - PROB_EPSILON, Math.max(PROB_EPSILON, p[i]!));
    s -= t[i]! * Math.log(q) + (1 - t[i]!) * Math.log(1 - q);
  }
  const out = acquire(1);
  out[0] = s / n;
  return opResult(out, [], [probs], (y) => {
    const k = y.grad![0]! / n;
    const g = probs.ensureGrad();
    for (let i = 0; i < n; i++) {
      const v = p[i]!;
      if (v <= PROB_EPSILON || v >= 1 - PROB_EPSILON) continue;
      g[i] = g[i]! + k * ((v - t[i]!) / (v * (1 - v)));
    }
  });
}
