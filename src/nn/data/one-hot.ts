/** One-hot encoding (TensorFlow.js `oneHot(indices, depth)`). */
import { NorthstarError } from '../../common/errors.js';
import { Tensor } from '../tensor.js';

/** [n] class indices → [n, depth] with a 1 at each index. */
export function oneHot(indices: ArrayLike<number> | Tensor, depth: number): Tensor {
  const idx = indices instanceof Tensor ? indices.data : indices;
  const out = new Float32Array(idx.length * depth);
  for (let i = 0; i < idx.length; i++) {
    const c = idx[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= depth) {
      throw new NorthstarError('NN_INVALID_DATA', `label ${c} at index ${i} is not a class index in [0, ${depth})`);
    }
    out[i * depth + c] = 1;
  }
  return new Tensor(out, [idx.length, depth]);
}
