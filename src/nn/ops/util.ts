/** Helpers shared by the ops: shape checks and gradient accumulation. */
import { NorthstarError } from '../../common/errors.js';
import { acquire, release } from '../memory.js';
import type { Tensor } from '../tensor.js';

/** Throws NN_SHAPE_MISMATCH with the op name and the shapes involved. */
export function shapeError(op: string, message: string, ...tensors: Tensor[]): NorthstarError {
  const shapes = tensors.map((t) => `[${t.shape.join(', ')}]`).join(' and ');
  return new NorthstarError('NN_SHAPE_MISMATCH', `${op}: ${message}${shapes ? ` (got ${shapes})` : ''}`);
}

/** Adds `delta` into `t`'s gradient when `t` tracks one. */
export function accumulate(t: Tensor, delta: Float32Array): void {
  addGrad(t, delta);
}

/** Rows × columns view of a tensor whose last axis is the feature axis. */
export function rowsCols(t: Tensor): { rows: number; cols: number } {
  const cols = t.shape[t.shape.length - 1] ?? 1;
  return { rows: cols === 0 ? 0 : t.size / cols, cols };
}

/**
 * Adds a gradient that `write` produces by overwriting a whole buffer: straight into `t.grad` when this is
 * the first contribution, else through a scratch buffer.
 */
export function writeGrad(t: Tensor, write: (dst: Float32Array) => void): void {
  if (!t.requiresGrad) return;
  const { grad, fresh } = t.gradBuffer();
  if (fresh) {
    write(grad);
    return;
  }
  const tmp = acquire(t.size);
  write(tmp);
  for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! + tmp[i]!;
  release(tmp);
}

/** Adds `delta` into `t`'s gradient, copying when it is the first contribution. */
export function addGrad(t: Tensor, delta: Float32Array): void {
  writeGrad(t, (dst) => dst.set(delta.length === dst.length ? delta : delta.subarray(0, dst.length)));
}
