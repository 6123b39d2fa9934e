/** NumPy broadcasting for the element-wise binary ops: the output shape and per-input index maps. */
import { NorthstarError } from '../../common/errors.js';
import { sizeOf } from '../tensor.js';

/** The broadcast of two shapes, or NN_SHAPE_MISMATCH. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new NorthstarError('NN_SHAPE_MISMATCH', `shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/**
 * For each output position, the flat index of the input element it reads; null when the input already has
 * the output's shape (the common, fast case).
 */
export function broadcastIndex(outShape: readonly number[], inShape: readonly number[]): Int32Array | null {
  const size = sizeOf(outShape);
  if (sizeOf(inShape) === size) return null;
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const d = inShape[inShape.length - rank + i] ?? 1;
    strides[i] = d === 1 ? 0 : s;
    s *= d;
  }
  const map = new Int32Array(size);
  const idx = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let o = 0; o < size; o++) {
    map[o] = offset;
    // Odometer increment over the output shape, tracking the input offset.
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = idx[d]! + 1;
      offset += strides[d]!;
      if (idx[d]! < outShape[d]!) break;
      offset -= strides[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
  return map;
}
