import { describe, expect, it } from 'vitest';
import { catalogueCoverage, intraListDiversity, novelty } from './beyond-accuracy.js';
import { csrFromCoo } from './csr-matrix.js';

// 4 users × 3 items: item 0 had users {0,1,2,3}, item 1 {0,1}, item 2 {2}.
const train = csrFromCoo([0, 0, 1, 1, 2, 2, 3], [0, 1, 0, 1, 0, 2, 0], [1, 1, 1, 1, 1, 1, 1], 4, 3);

describe('beyond-accuracy metrics', () => {
  it('coverage counts distinct recommended items over the catalogue', () => {
    expect(catalogueCoverage([[0, 1], [1], []], 4)).toBe(0.5);
  });

  it('novelty is the mean self-information −log2(users(i)/users)', () => {
    // item 0: −log2(4/4) = 0; item 2: −log2(1/4) = 2 → mean 1
    expect(novelty([[0, 2]], train)).toBeCloseTo(1, 12);
  });

  it('intra-list diversity is 1 − cosine of binary user vectors, averaged over pairs', () => {
    // cos(0,1) = 2 / sqrt(4·2); cos(0,2) = 1/sqrt(4); cos(1,2) = 0
    const pairs = [1 - 2 / Math.sqrt(8), 1 - 0.5, 1];
    expect(intraListDiversity([[0, 1, 2]], train)).toBeCloseTo((pairs[0]! + pairs[1]! + pairs[2]!) / 3, 12);
    expect(intraListDiversity([[0]], train)).toBe(0);
  });
});
