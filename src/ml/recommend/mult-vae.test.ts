import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { csrFromCoo, rowIndices, rowValues, type CsrMatrix } from './csr-matrix.js';
import { MultVae } from './mult-vae.js';

/** 40 users in 4 taste groups of 10 items each; every user holds 6 random items of their group (seeded). */
function groups(seed: number): CsrMatrix {
  const rng = createRng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let u = 0; u < 40; u++) {
    const base = (u % 4) * 10;
    for (const i of rng.shuffle(Array.from({ length: 10 }, (_, j) => base + j)).slice(0, 6)) {
      rows.push(u);
      cols.push(i);
    }
  }
  return csrFromCoo(rows, cols, new Float32Array(rows.length).fill(1), 40, 40);
}

const small = { hidden: 32, latent: 8, epochs: 60, batchSize: 8, learningRate: 0.01, annealSteps: 100, seed: 7 };

describe('MultVae', () => {
  it('lowers its training loss and recommends unseen items of the user group', () => {
    const m = groups(1);
    const model = new MultVae(small);
    model.fit(m);
    expect(model.losses.length).toBe(60);
    expect(model.losses[59]!).toBeLessThan(model.losses[0]! * 0.8);
    let inGroup = 0;
    for (let u = 0; u < 40; u++) {
      const top = model.recommend(u, 4).items;
      for (const i of top) if (Math.floor(i / 10) === u % 4) inGroup++;
    }
    // Each user has exactly 4 unseen items in their group; nearly all of them should be the top 4.
    expect(inGroup / 160).toBeGreaterThan(0.9);
  });

  it('scores a row given outside the matrix exactly as the same training row, as probabilities', () => {
    const m = groups(2);
    const model = new MultVae({ ...small, epochs: 5 });
    model.fit(m);
    const a = new Float32Array(40);
    const b = new Float32Array(40);
    for (const u of [0, 17, 39]) {
      model.scoreUser(u, a);
      model.scoreRow(rowIndices(m, u), rowValues(m, u), b);
      for (let j = 0; j < 40; j++) expect(b[j]!).toBeCloseTo(a[j]!, 6);
      expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    }
    // An item outside the catalogue is ignored rather than read out of bounds.
    model.scoreRow([...rowIndices(m, 0), 99], [...rowValues(m, 0), 1], b);
    model.scoreUser(0, a);
    for (let j = 0; j < 40; j++) expect(b[j]!).toBeCloseTo(a[j]!, 6);
  });

  it('is reproducible from its seed and differs with another seed', () => {
    const m = groups(3);
    const run = (seed: number): number[] => {
      const model = new MultVae({ ...small, epochs: 3, seed });
      model.fit(m);
      return model.losses;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(6)).not.toEqual(run(5));
  });

  it('rejects a dropout rate outside [0, 1)', () => {
    expect(() => new MultVae({ dropout: 1 }).fit(groups(1))).toThrow(RangeError);
  });
});
