import { describe, expect, it } from 'vitest';
import { tensor2d } from '../creation.js';
import { crossValidate, formatMeanStd, kFold } from './k-fold.js';
import { oneHot } from './one-hot.js';
import { MinMaxScaler, StandardScaler } from './scalers.js';
import { randomSplit, stratifiedSplit, takeRows } from './split.js';

describe('scalers', () => {
  it('StandardScaler gives zero mean and unit variance per column and inverts', () => {
    const x = tensor2d([[1, 10, 5], [2, 20, 5], [3, 30, 5], [4, 40, 5]]);
    const s = new StandardScaler();
    const z = s.fitTransform(x);
    for (let j = 0; j < 2; j++) {
      const col = [0, 1, 2, 3].map((r) => z.data[r * 3 + j]!);
      expect(col.reduce((a, b) => a + b) / 4).toBeCloseTo(0, 6);
      expect(col.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 5);
    }
    expect([0, 1, 2, 3].map((r) => z.data[r * 3 + 2])).toEqual([0, 0, 0, 0]); // constant column → 0, not NaN
    const back = s.inverseTransform(z).data;
    x.data.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 5));
    const restored = new StandardScaler().load(JSON.parse(JSON.stringify(s.toJSON())));
    expect(Array.from(restored.transform(x).data)).toEqual(Array.from(z.data));
  });

  it('MinMaxScaler maps onto the feature range using the training fit', () => {
    const s = new MinMaxScaler([-1, 1]).fit(tensor2d([[0, 100], [10, 200]]));
    expect(Array.from(s.transform(tensor2d([[5, 150], [20, 100]])).data)).toEqual([0, 0, 3, -1]);
  });

  it('rejects use before fit and a feature-count mismatch', () => {
    expect(() => new StandardScaler().transform(tensor2d([[1]]))).toThrow(/before fit/);
    const s = new StandardScaler().fit(tensor2d([[1, 2]]));
    expect(() => s.transform(tensor2d([[1, 2, 3]]))).toThrow(/fitted on 2/);
  });
});

describe('oneHot', () => {
  it('encodes and validates labels', () => {
    expect(oneHot([2, 0], 3).arraySync()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(() => oneHot([3], 3)).toThrow(/class index/);
  });
});

describe('splits', () => {
  const labels = [...Array(60).fill(0), ...Array(30).fill(1), ...Array(10).fill(2)] as number[];

  it('stratifiedSplit keeps class proportions, covers every index once and is seeded', () => {
    const s = stratifiedSplit(labels, { test: 0.2, validation: 0.1, seed: 1 });
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(labels.map((_, i) => i));
    const count = (idx: number[], c: number): number => idx.filter((i) => labels[i] === c).length;
    expect([count(s.test, 0), count(s.test, 1), count(s.test, 2)]).toEqual([12, 6, 2]);
    expect([count(s.validation, 0), count(s.validation, 1), count(s.validation, 2)]).toEqual([6, 3, 1]);
    expect(stratifiedSplit(labels, { seed: 1 })).toEqual(stratifiedSplit(labels, { seed: 1 }));
    expect(stratifiedSplit(labels, { seed: 1 }).test).not.toEqual(stratifiedSplit(labels, { seed: 2 }).test);
  });

  it('a class with one sample goes to train', () => {
    const s = stratifiedSplit([0, 0, 0, 0, 1], { test: 0.5 });
    expect(s.train).toContain(4);
  });

  it('randomSplit and takeRows', () => {
    const s = randomSplit(10, { test: 0.3 });
    expect(s.test).toHaveLength(3);
    expect(s.train).toHaveLength(7);
    const t = takeRows(tensor2d([[1, 2], [3, 4], [5, 6]]), [2, 0]);
    expect(t.arraySync()).toEqual([[5, 6], [1, 2]]);
  });
});

describe('k-fold', () => {
  it('partitions indices into balanced, disjoint, stratified folds', () => {
    const labels = Array.from({ length: 50 }, (_, i) => (i < 40 ? 0 : 1));
    const folds = kFold(50, 5, { labels, seed: 3 });
    expect(folds).toHaveLength(5);
    const seen = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(seen).toEqual(labels.map((_, i) => i));
    for (const f of folds) {
      expect(f.test).toHaveLength(10);
      expect(f.test.filter((i) => labels[i] === 1)).toHaveLength(2);
      expect(f.train).toHaveLength(40);
      expect(f.train.some((i) => f.test.includes(i))).toBe(false);
    }
    expect(() => kFold(3, 5)).toThrow(/k must be/);
  });

  it('crossValidate reports mean ± std of the fold metrics', async () => {
    const folds = kFold(4, 2, { shuffle: false });
    const r = await crossValidate(folds, (_f, i) => ({ accuracy: i === 0 ? 0.8 : 0.9 }));
    expect(r.mean.accuracy).toBeCloseTo(0.85);
    expect(r.std.accuracy).toBeCloseTo(0.05);
    expect(formatMeanStd(r.mean.accuracy!, r.std.accuracy!)).toBe('0.8500 ± 0.0500');
  });
});
