import { describe, expect, it } from 'vitest';
import { tensor2d } from '../creation.js';
import { randomSplit, stratifiedSplit, takeRows } from './split.js';

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
