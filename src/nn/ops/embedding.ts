/** Embedding lookup, per token or pooled per row (bag mode for text). */
import { NorthstarError } from '../../common/errors.js';
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** `sequence` → [batch, steps, dim]; `sum` / `mean` pool each row's vectors → [batch, dim]. */
export type EmbeddingMode = 'sequence' | 'sum' | 'mean';

/** Options; with `maskZero`, index 0 is padding: it looks up zeros and is left out of a bag's mean. */
export interface EmbeddingOptions {
  mode?: EmbeddingMode;
  maskZero?: boolean;
}

/**
 * Looks up rows of `table` [vocab, dim] for integer `indices` [batch, steps] (stored as floats). The
 * gradient scatters back into the looked-up rows only.
 */
export function embedding(indices: Tensor, table: Tensor, options: EmbeddingOptions = {}): Tensor {
  if (table.rank !== 2) throw shapeError('embedding', 'table must be [vocab, dim]', table);
  const [vocab, dim] = table.shape as [number, number];
  const mode = options.mode ?? 'sequence';
  const maskZero = options.maskZero ?? false;
  const batch = indices.rank === 0 ? 1 : indices.shape[0]!;
  const steps = batch === 0 ? 0 : indices.size / batch;
  const idx = indices.data;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= vocab) {
      throw new NorthstarError('NN_INVALID_DATA', `embedding index ${v} at position ${i} is not an integer in [0, ${vocab})`);
    }
  }
  // Per-row weight of each token: 1 (sequence/sum) or 1/count (mean); 0 for masked padding.
  const weight = new Float32Array(idx.length);
  for (let b = 0; b < batch; b++) {
    let count = 0;
    for (let t = 0; t < steps; t++) if (!(maskZero && idx[b * steps + t] === 0)) count++;
    const w = mode === 'mean' ? (count > 0 ? 1 / count : 0) : 1;
    for (let t = 0; t < steps; t++) weight[b * steps + t] = maskZero && idx[b * steps + t] === 0 ? 0 : w;
  }
  const pooled = mode !== 'sequence';
  const out = acquire((pooled ? batch : batch * steps) * dim);
  out.fill(0);
  const td = table.data;
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < steps; t++) {
      const p = b * steps + t;
      const w = weight[p]!;
      if (w === 0) continue;
      const src = idx[p]! * dim;
      const dst = (pooled ? b : p) * dim;
      for (let j = 0; j < dim; j++) out[dst + j] = out[dst + j]! + w * td[src + j]!;
    }
  const shape = pooled ? [batch, dim] : [...indices.shape, dim];
  return opResult(out, shape, [indices, table], (y) => {
    if (!table.requiresGrad) return;
    const g = table.ensureGrad();
    const dy = y.grad!;
    for (let b = 0; b < batch; b++)
      for (let t = 0; t < steps; t++) {
        const p = b * steps + t;
        const w = weight[p]!;
        if (w === 0) continue;
        const dst = idx[p]! * dim;
        const src = (pooled ? b : p) * dim;
        for (let j = 0; j < dim; j++) g[dst + j] = g[dst + j]! + w * dy[src + j]!;
      }
  });
}
