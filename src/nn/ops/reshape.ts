/** Reshape (copying, so every tensor owns its buffer and dispose stays simple). */
import { acquire } from '../memory.js';
import { opResult, sizeOf, type Tensor } from '../tensor.js';
import { accumulate, shapeError } from './util.js';

/** Resolves one −1 in `shape` against `size`. */
export function resolveShape(shape: readonly number[], size: number): number[] {
  const unknown = shape.indexOf(-1);
  if (unknown < 0) return [...shape];
  const known = sizeOf(shape.filter((_, i) => i !== unknown));
  const out = [...shape];
  out[unknown] = known === 0 ? 0 : size / known;
  return out;
}

/** The same values in a new shape (one dimension may be −1). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = resolveShape(shape, x.size);
  if (sizeOf(target) !== x.size || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw shapeError('reshape', `cannot reshape ${x.size} values to [${shape.join(', ')}]`, x);
  }
  const out = acquire(x.size);
  out.set(x.data);
  return opResult(out, target, [x], (y) => accumulate(x, y.grad!));
}
