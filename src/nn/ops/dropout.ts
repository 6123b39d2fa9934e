/** Inverted dropout with a seeded generator. */
import type { Rng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';

/**
 * Zeroes each element with probability `rate` and scales the rest by 1 / (1 − rate), so inference needs no
 * rescaling. The mask is kept for the backward pass.
 */
export function dropout(x: Tensor, rate: number, rng: Rng): Tensor {
  if (!(rate >= 0 && rate < 1)) throw new NorthstarError('INVALID_ARGUMENT', `dropout rate must be in [0, 1), got ${rate}`);
  const mask = acquire(x.size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < rate ? 0 : keep;
  const out = acquire(x.size);
  const d = x.data;
  for (let i = 0; i < out.length; i++) out[i] = d[i]! * mask[i]!;
  const y = opResult(out, x.shape, [x], (yt) => {
    if (!x.requiresGrad) return;
    const g = x.ensureGrad();
    const dy = yt.grad!;
    for (let i = 0; i < g.length; i++) g[i] = g[i]! + dy[i]! * mask[i]!;
  });
  y.saved.push(mask);
  return y;
}
