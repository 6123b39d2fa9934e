/** Mean squared error. */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** mean((p − y)²) over every element; gradient 2(p − y)/n. */
export function meanSquaredError(pred: Tensor, targets: Tensor): Tensor {
  if (targets.size !== pred.size) throw shapeError('meanSquaredError', 'targets must match predictions', pred, targets);
  const p = pred.data;
  const t = targets.data;
  const n = pred.size;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i]! - t[i]!;
    s += d * d;
  }
  const out = acquire(1);
  out[0] = s / n;
  return opResult(out, [], [pred], (y) => {
    const k = (2 * y.grad![0]!) / n;
    const g = pred.ensureGrad();
    for (let i = 0; i < n; i++) g[i] = g[i]! + k * (p[i]! - t[i]!);
  });
}
