import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { Als } from './als.js';
import { Bpr } from './bpr.js';
import { csrFromCoo, type CsrMatrix } from './csr-matrix.js';
import { Ease } from './ease.js';
import { ItemKnn } from './item-knn.js';
import { MultVae } from './mult-vae.js';
import { isStateful, type ModelState } from './model-state.js';
import { Popularity } from './popularity.js';
import type { BaseRecommender } from './recommender.js';
import { Sar } from './sar.js';

/** A random 30 users × 20 items matrix (seeded). */
function randomMatrix(seed: number): CsrMatrix {
  const rng = createRng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let u = 0; u < 30; u++) {
    for (let i = 0; i < 20; i++) {
      if (rng.next() < 0.2) {
        rows.push(u);
        cols.push(i);
        vals.push(1 + Math.floor(rng.next() * 4));
      }
    }
  }
  return csrFromCoo(rows, cols, Float32Array.from(vals), 30, 20);
}

/** Copies every array, as a save and load would. */
const copy = (state: ModelState): ModelState => Object.fromEntries(Object.entries(state).map(([k, a]) => [k, a.slice()]));

const models: Array<[string, () => BaseRecommender]> = [
  ['popularity', () => new Popularity()],
  ['itemknn bm25', () => new ItemKnn({ similarity: 'bm25' })],
  ['sar', () => new Sar({ timeDecayDays: 0 })],
  ['ease', () => new Ease({ lambda: 5 })],
  ['als', () => new Als({ factors: 4, iterations: 3, seed: 3 })],
  ['bpr', () => new Bpr({ factors: 4, epochs: 3, seed: 3 })],
  ['multvae', () => new MultVae({ hidden: 8, latent: 4, epochs: 3, batchSize: 10, seed: 3 })],
];

describe('toState / loadState', () => {
  it.each(models)('%s scores every user the same after a round trip', (_name, make) => {
    const m = randomMatrix(5);
    const fitted = make();
    fitted.fit(m);
    const restored = make();
    expect(isStateful(restored)).toBe(true);
    restored.loadState(m, copy(fitted.toState()));
    const a = new Float32Array(m.nCols);
    const b = new Float32Array(m.nCols);
    for (let u = 0; u < m.nRows; u++) {
      fitted.scoreUser(u, a);
      restored.scoreUser(u, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
    expect(restored.recommend(0, 5)).toEqual(fitted.recommend(0, 5));
  });

  it('refuses a state that lacks an array, and toState before fit', () => {
    expect(() => new Ease().loadState(randomMatrix(1), {})).toThrow(RangeError);
    expect(() => new Als().toState()).toThrow();
  });
});
