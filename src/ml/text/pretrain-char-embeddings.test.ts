import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { pretrainCharEmbeddings } from './pretrain-char-embeddings.js';

/** Tokens 2/3 occur between contexts 4/5, tokens 6/7 between 8/9: substitutable tokens share contexts. */
function corpus(n: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const a = rng.chance(0.5);
    const ctx = a ? [4, 5] : [8, 9];
    const mid = a ? (rng.chance(0.5) ? 2 : 3) : rng.chance(0.5) ? 6 : 7;
    return Int32Array.from([rng.pick(ctx), rng.pick(ctx), mid, rng.pick(ctx), 1, 0]);
  });
}

const cos = (w: Float32Array, dim: number, a: number, b: number): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < dim; j++) {
    dot += w[a * dim + j]! * w[b * dim + j]!;
    na += w[a * dim + j]! ** 2;
    nb += w[b * dim + j]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
};

describe('pretrainCharEmbeddings', () => {
  it('places tokens that share contexts closer than tokens that do not', () => {
    const dim = 8;
    const w = pretrainCharEmbeddings(corpus(2000, 1), 10, { dim, epochs: 3, subsample: 1, seed: 2 });
    expect(cos(w, dim, 2, 3)).toBeGreaterThan(cos(w, dim, 2, 6) + 0.3);
    expect(cos(w, dim, 6, 7)).toBeGreaterThan(cos(w, dim, 7, 3) + 0.3);
    expect(Array.from(w.subarray(0, 2 * dim)).every((v) => v === 0)).toBe(true); // padding and unknown
  });

  it('is deterministic for a seed', () => {
    const a = pretrainCharEmbeddings(corpus(200, 3), 10, { dim: 4, seed: 5 });
    const b = pretrainCharEmbeddings(corpus(200, 3), 10, { dim: 4, seed: 5 });
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
