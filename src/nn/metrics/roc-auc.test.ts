import { describe, expect, it } from 'vitest';
import { rocAuc, rocAucOvr } from './roc-auc.js';

describe('ROC-AUC', () => {
  it.each([
    [[0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75],
    [[0, 1], [0.2, 0.9], 1],
    [[1, 0], [0.2, 0.9], 0],
    [[0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 0.5],
  ])('binary %j with %j = %f', (y, s, expected) => {
    expect(rocAuc(y, s)).toBeCloseTo(expected, 10);
  });

  it('one-vs-rest macro average', () => {
    // Perfect separation for every class.
    const probs = [0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8];
    expect(rocAucOvr([0, 1, 2], probs, 3)).toBe(1);
  });

  it('throws when only one class is present', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/both/);
  });
});
