import { describe, expect, it } from 'vitest';
import { crossValidate, formatMeanStd, kFold } from './k-fold.js';

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
