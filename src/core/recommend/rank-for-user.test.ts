import { describe, expect, it } from 'vitest';
import { mmr } from './rank-for-user.js';

describe('mmr', () => {
  const scores = Float32Array.from([1, 0.95, 0.9, 0.5, 0.4]);
  const categories = ['a', 'a', 'a', 'b', 'c'];
  const candidates = Int32Array.from([0, 1, 2, 3, 4]);

  it.each([
    [1, [0, 1, 2]],
    [0.5, [0, 3, 4]],
    [0, [0, 3, 4]],
  ])('λ %f picks %j', (lambda, expected) => {
    expect(Array.from(mmr(candidates, scores, categories, 3, lambda))).toEqual(expected);
  });

  it('handles an empty pool and a pool shorter than k', () => {
    expect(mmr(new Int32Array(0), scores, categories, 3, 0.5)).toHaveLength(0);
    expect(Array.from(mmr(Int32Array.of(4, 3), scores, categories, 5, 0.7))).toEqual([3, 4]);
  });
});
