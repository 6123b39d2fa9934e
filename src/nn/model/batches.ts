/** Batch assembly for fit/evaluate/predict: rows copied into reused buffers, checks on the data. */
import { NorthstarError } from '../../common/errors.js';
import { Tensor } from '../tensor.js';

/** Values per sample (everything after the batch axis). */
export function rowSize(t: Tensor): number {
  const n = t.shape[0] ?? 1;
  return n === 0 ? 0 : t.size / n;
}

/** Copies rows `order[start .. start + count)` of `src` into `dst` (a preallocated batch tensor). */
export function gatherRows(src: Tensor, order: Int32Array | null, start: number, count: number, dst: Tensor): void {
  const w = rowSize(src);
  const s = src.data;
  const d = dst.data;
  if (order === null) {
    d.set(s.subarray(start * w, (start + count) * w));
    return;
  }
  for (let r = 0; r < count; r++) {
    const from = order[start + r]! * w;
    d.set(s.subarray(from, from + w), r * w);
  }
}

/** A reusable batch tensor of `rows` samples shaped like `like`'s samples (kept out of graph cleanup). */
export function batchTensor(like: Tensor, rows: number): Tensor {
  return new Tensor(new Float32Array(rows * rowSize(like)), [rows, ...like.shape.slice(1)], { variable: true });
}

/** Batch tensors reused across steps, one per batch length (the full batch and the last, shorter one). */
export class BatchBuffers {
  private readonly bySize = new Map<number, Tensor>();

  constructor(private readonly like: Tensor) {}

  /** The batch tensor for `rows` samples. */
  get(rows: number): Tensor {
    let t = this.bySize.get(rows);
    if (t === undefined) {
      t = batchTensor(this.like, rows);
      this.bySize.set(rows, t);
    }
    return t;
  }
}

/** Throws NN_INVALID_DATA naming the first non-finite value. */
export function assertFinite(t: Tensor, what: string): void {
  const d = t.data;
  const w = rowSize(t) || 1;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i]!)) {
      throw new NorthstarError('NN_INVALID_DATA', `${what} contains ${d[i]} at sample ${Math.floor(i / w)} (value index ${i % w})`, {
        details: { sample: Math.floor(i / w), index: i % w },
      });
    }
  }
}

/** Throws NN_INVALID_DATA unless x and y have the same number of samples. */
export function assertSameCount(x: Tensor, y: Tensor): void {
  if ((x.shape[0] ?? 0) !== (y.shape[0] ?? 0)) {
    throw new NorthstarError('NN_INVALID_DATA', `x has ${x.shape[0]} samples but y has ${y.shape[0]}`);
  }
}

/** Copies rows [start, start + count) into a fresh tensor (validation splits). */
export function sliceRows(t: Tensor, start: number, count: number): Tensor {
  const w = rowSize(t);
  return new Tensor(t.data.slice(start * w, (start + count) * w), [count, ...t.shape.slice(1)], { variable: true });
}
