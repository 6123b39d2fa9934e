/** Binary cross-entropy from logits, in the overflow-free form. */
import { acquire } from '../memory.js';
import { sigmoid } from '../backends/js-math.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** mean(max(z, 0) − z·y + log(1 + e^−|z|)); gradient (σ(z) − y) / n. */
export function sigmoidCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  if (targets.size !== logits.size) throw shapeError('sigmoidCrossEntropy', 'targets must match logits', logits, targets);
  const z = logits.data;
  const t = targets.data;
  const n = logits.size;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const v = z[i]!;
    loss += Math.max(v, 0) - v * t[i]! + Math.log1p(Math.exp(-Math.abs(v)));
  }
  const out = acquire(1);
  out[0] = loss / n;
  return opResult(out, [], [logits], (y) => {
    const s = y.grad![0]! / n;
    const g = logits.ensureGrad();
    for (let i = 0; i < n; i++) g[i] = g[i]! + s * (sigmoid(z[i]!) - t[i]!);
  });
}
