import { describe, expect, it } from 'vitest';
import { rankingMetrics, userRankingMetrics } from './ranking-metrics.js';

describe('userRankingMetrics (Microsoft Recommenders definitions)', () => {
  it('computes precision, recall, nDCG and MAP by hand for hits at ranks 1 and 3', () => {
    // k = 3, list [5, 7, 9], relevant {5, 9, 11}: hits at ranks 1 and 3.
    const m = userRankingMetrics([5, 7, 9], new Set([5, 9, 11]), 3);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    const dcg = 1 / Math.log(2) + 1 / Math.log(4);
    const idcg = 1 / Math.log(2) + 1 / Math.log(3) + 1 / Math.log(4);
    expect(m.ndcg).toBeCloseTo(dcg / idcg, 12);
    // AP@k: (1/1 + 2/3) / min(3, 3)
    expect(m.map).toBeCloseTo((1 + 2 / 3) / 3, 12);
    expect(m.hit).toBe(1);
  });

  it('divides precision by k even when the list is shorter, and MAP by min(|relevant|, k)', () => {
    const m = userRankingMetrics([4], new Set([4, 8, 9, 10, 11]), 2);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.2);
    expect(m.map).toBeCloseTo(1 / 2, 12);
    // ideal DCG over min(5, 2) = 2 positions
    expect(m.ndcg).toBeCloseTo(1 / Math.log(2) / (1 / Math.log(2) + 1 / Math.log(3)), 12);
  });

  it('scores a list with no hits as zero everywhere', () => {
    expect(userRankingMetrics([1, 2, 3], new Set([4]), 3)).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 });
  });

  it('gives a perfect list nDCG 1 and MAP 1', () => {
    const m = userRankingMetrics([3, 1, 2], new Set([1, 2, 3]), 3);
    expect(m.ndcg).toBeCloseTo(1, 12);
    expect(m.map).toBeCloseTo(1, 12);
  });
});

describe('rankingMetrics', () => {
  it('averages over users with relevant items, counting users without hits as zero', () => {
    const r = rankingMetrics([[1, 2], [3, 4], [5, 6]], [new Set([1]), new Set([9]), new Set()], 2);
    expect(r.users).toBe(2);
    expect(r.precision).toBeCloseTo(0.25, 12);
    expect(r.recall).toBeCloseTo(0.5, 12);
    expect(r.hitRate).toBeCloseTo(0.5, 12);
    expect(r.ndcg).toBeCloseTo(0.5, 12);
    expect(r.map).toBeCloseTo(0.5, 12);
  });

  it('rejects k < 1 and mismatched inputs', () => {
    expect(() => rankingMetrics([[1]], [new Set([1])], 0)).toThrow(RangeError);
    expect(() => rankingMetrics([[1]], [], 1)).toThrow(RangeError);
  });
});
