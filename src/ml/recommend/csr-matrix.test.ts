import { describe, expect, it } from 'vitest';
import { columnCounts, csrFromCoo, nnz, rowIndices, rowValues, transpose } from './csr-matrix.js';
import { topK } from './top-k.js';

describe('csrFromCoo', () => {
  it('sorts columns within rows and sums duplicates', () => {
    const m = csrFromCoo([1, 0, 1, 1, 0], [2, 1, 0, 2, 1], [1, 2, 3, 4, 5], 3, 3);
    expect(nnz(m)).toBe(3);
    expect(Array.from(rowIndices(m, 0))).toEqual([1]);
    expect(Array.from(rowValues(m, 0))).toEqual([7]);
    expect(Array.from(rowIndices(m, 1))).toEqual([0, 2]);
    expect(Array.from(rowValues(m, 1))).toEqual([3, 5]);
    expect(rowIndices(m, 2).length).toBe(0);
    expect(Array.from(columnCounts(m))).toEqual([1, 1, 1]);
  });

  it('transpose swaps rows and columns', () => {
    const m = csrFromCoo([0, 0, 2], [1, 3, 1], [1, 2, 3], 3, 4);
    const t = transpose(m);
    expect([t.nRows, t.nCols]).toEqual([4, 3]);
    expect(Array.from(rowIndices(t, 1))).toEqual([0, 2]);
    expect(Array.from(rowValues(t, 1))).toEqual([1, 3]);
    expect(Array.from(rowIndices(t, 3))).toEqual([0]);
  });

  it('rejects out-of-range entries', () => {
    expect(() => csrFromCoo([0], [5], [1], 1, 3)).toThrow(RangeError);
  });
});

describe('topK', () => {
  it('returns the best k, ties by lower index, skipping excluded and non-finite scores', () => {
    const r = topK([0.5, 0.9, 0.9, Number.NEGATIVE_INFINITY, 0.7, 0.1], 3, [2]);
    expect(Array.from(r.items)).toEqual([1, 4, 0]);
    expect(topK([1, 2], 5).items.length).toBe(2);
    expect(topK([1, 2], 0).items.length).toBe(0);
  });
});
