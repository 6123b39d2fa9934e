import { describe, expect, it } from 'vitest';
import { Als } from './als.js';
import { Bpr } from './bpr.js';
import { csrFromCoo, type CsrMatrix } from './csr-matrix.js';
import { Ease } from './ease.js';
import { ItemKnn } from './item-knn.js';
import { MultVae } from './mult-vae.js';
import { Popularity } from './popularity.js';
import type { Recommender } from './recommender.js';
import { Sar } from './sar.js';

/**
 * Two taste clusters: users 0-5 like items 0-3, users 6-11 like items 4-7; item 8 is liked by everybody.
 * User 0 has not seen item 3 and user 6 has not seen item 7, so a personalised model must put those first.
 */
function clusters(): CsrMatrix {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let u = 0; u < 12; u++) {
    const base = u < 6 ? 0 : 4;
    for (let i = base; i < base + 4; i++) {
      if ((u === 0 && i === 3) || (u === 6 && i === 7)) continue;
      rows.push(u);
      cols.push(i);
    }
    rows.push(u);
    cols.push(8);
  }
  return csrFromCoo(rows, cols, new Float32Array(rows.length).fill(1), 12, 9);
}

const personalised: [string, () => Recommender][] = [
  ['itemknn cosine', () => new ItemKnn()],
  ['itemknn jaccard', () => new ItemKnn({ similarity: 'jaccard' })],
  ['itemknn bm25', () => new ItemKnn({ similarity: 'bm25' })],
  ['itemknn tfidf', () => new ItemKnn({ similarity: 'tfidf' })],
  ['sar jaccard', () => new Sar({ timeDecayDays: 0 })],
  ['sar lift', () => new Sar({ similarity: 'lift', timeDecayDays: 0 })],
  ['ease', () => new Ease({ lambda: 1 })],
  ['ease with EDLAE dropout', () => new Ease({ lambda: 1, dropout: 0.5 })],
  ['als', () => new Als({ factors: 2, regularization: 1, alpha: 5, iterations: 10 })],
  ['bpr', () => new Bpr({ factors: 4, learningRate: 0.05, epochs: 300, seed: 3 })],
  ['multvae', () => new MultVae({ hidden: 16, latent: 4, epochs: 200, batchSize: 4, learningRate: 0.01, annealSteps: 200, seed: 3 })],
];

describe('recommenders on two taste clusters', () => {
  it.each(personalised)('%s recommends the missing item of the user cluster first', (_name, make) => {
    const model = make();
    model.fit(clusters());
    expect(model.recommend(0, 1).items[0]).toBe(3);
    expect(model.recommend(6, 1).items[0]).toBe(7);
    // Seen items are excluded by default and included on request.
    const all = model.recommend(0, 9, { excludeSeen: false });
    expect(all.items.length).toBe(9);
    expect(Array.from(model.recommend(0, 9).items).sort()).toEqual([3, 4, 5, 6, 7]);
    expect(JSON.parse(JSON.stringify(model.getConfig()))).toEqual(model.getConfig());
  });

  it('popularity ranks the item everybody liked first, for every user', () => {
    const m = new Popularity();
    m.fit(clusters());
    expect(m.recommend(0, 1, { excludeSeen: false }).items[0]).toBe(8);
    expect(m.recommend(6, 1, { excludeSeen: false }).items[0]).toBe(8);
  });

  it('trending popularity favours recent interactions through the half-life', () => {
    // Item 0: two old interactions; item 1: one fresh interaction.
    const m = csrFromCoo([0, 1, 2], [0, 0, 1], [1, 1, 1], 3, 2);
    const day = 86_400;
    const times = Float64Array.from([0, 0, 30 * day]);
    const allTime = new Popularity();
    allTime.fit(m, { times });
    expect(allTime.recommend(0, 1, { excludeSeen: false }).items[0]).toBe(0);
    const trending = new Popularity({ timeDecayDays: 7 });
    trending.fit(m, { times });
    expect(trending.name).toBe('trending');
    expect(trending.recommend(0, 1, { excludeSeen: false }).items[0]).toBe(1);
  });

  it('SAR scores are affinity × Jaccard similarity, by hand', () => {
    // users: 0 → {0, 1}, 1 → {0}, 2 → {1, 2}. counts: c0 = 2, c1 = 2, c2 = 1; c01 = 1, c12 = 1.
    const m = csrFromCoo([0, 0, 1, 2, 2], [0, 1, 0, 1, 2], [1, 1, 1, 1, 1], 3, 3);
    const sar = new Sar({ timeDecayDays: 0 });
    sar.fit(m);
    const out = new Float32Array(3);
    sar.scoreUser(1, out);
    // user 1 affinity = e0: row 0 of S = [1, 1/3, 0]
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(1 / 3, 6);
    expect(out[2]).toBeCloseTo(0, 6);
  });

  it('EASE weights solve the closed form: B = I − P·diag(1/diag P), zero diagonal', () => {
    const m = csrFromCoo([0, 0, 1, 1, 2], [0, 1, 1, 2, 0], [1, 1, 1, 1, 1], 3, 3);
    const ease = new Ease({ lambda: 2 });
    ease.fit(m);
    // G = XᵀX + 2I for X rows {0,1}, {1,2}, {0}
    const g = [
      [4, 1, 0],
      [1, 4, 1],
      [0, 1, 3],
    ];
    // P = G⁻¹ by cofactors
    const det = 4 * (4 * 3 - 1) - 1 * (1 * 3 - 0) + 0;
    const p = [
      [(4 * 3 - 1) / det, -(1 * 3 - 0) / det, (1 * 1 - 0) / det],
      [-(1 * 3 - 0) / det, (4 * 3 - 0) / det, -(4 * 1 - 0) / det],
      [(1 * 1 - 0) / det, -(4 * 1 - 0) / det, (4 * 4 - 1) / det],
    ];
    expect(g[0]![0]).toBe(4);
    const out = new Float32Array(3);
    ease.scoreUser(2, out); // user 2 = e0 → row 0 of B
    expect(out[0]).toBeCloseTo(0, 6);
    expect(out[1]).toBeCloseTo(-p[0]![1]! / p[1]![1]!, 6);
    expect(out[2]).toBeCloseTo(-p[0]![2]! / p[2]![2]!, 6);
  });

  it('BPR and ALS are reproducible from their seed', () => {
    const a = new Bpr({ factors: 4, epochs: 5, seed: 9 });
    const b = new Bpr({ factors: 4, epochs: 5, seed: 9 });
    a.fit(clusters());
    b.fit(clusters());
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    const c = new Als({ factors: 4, iterations: 2, seed: 1 });
    const d = new Als({ factors: 4, iterations: 2, seed: 1 });
    c.fit(clusters());
    d.fit(clusters());
    expect(Array.from(c.userFactors)).toEqual(Array.from(d.userFactors));
  });

  it('a user index past the training matrix gets an empty-history answer, not a crash', () => {
    const m = new Ease({ lambda: 1 });
    m.fit(clusters());
    expect(m.recommend(99, 3).items.length).toBe(3);
  });
});
