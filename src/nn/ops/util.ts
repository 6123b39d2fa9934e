/** Helpers shared by the ops: shape checks and gradient accumulation. */
import { NorthstarError } from '../../common/errors.js';
import type { Tensor } from '../tensor.js';

/** Throws NN_SHAPE_MISMATCH with the op name and the shapes involved. */
export function shapeError(op: string, message: string, ...tensors: Tensor[]): NorthstarError {
  const shapes = tensors.map((t) => `[${t.shape.join(', ')}]`).join(' and ');
  return new NorthstarError('NN_SHAPE_MISMATCH', `${op}: ${message}${shapes ? ` (got ${shapes})` : ''}`);
}

/** Adds `delta` into `t`'s gradient when `t` tracks one. */
export function accumulate(t: Tensor, delta: Float32Array): void {
  if (!t.requiresGrad) return;
  const g = t.ensureGrad();
  for (let i = 0; i < g.length; i++) g[i] = g[i]! + delta[i]!;
}

/** Rows × columns view of a tensor whose last axis is the feature axis. */
export function rowsCols(t: Tensor): { rows: number; cols: number } {
  const cols = t.shape[t.shape.length - 1] ?? 1;
  return { rows: cols === 0 ? 0 : t.size / cols, cols };
}
