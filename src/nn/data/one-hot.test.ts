import { describe, expect, it } from 'vitest';
import { oneHot } from './one-hot.js';

describe('oneHot', () => {
  it('encodes and validates labels', () => {
    expect(oneHot([2, 0], 3).arraySync()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(() => oneHot([3], 3)).toThrow(/class index/);
  });
});
