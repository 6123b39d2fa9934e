import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { choleskyInPlace, NotPositiveDefiniteError, spdInverse } from './spd-inverse.js';

function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const m = n + 3;
  const x = Array.from({ length: m * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j]! += x[r * n + i]! * x[r * n + j]!;
  for (let i = 0; i < n; i++) a[i * n + i]! += 0.5;
  return a;
}

describe('spdInverse', () => {
  // Sizes around the 4-row and 2-column blocking edges.
  it.each([1, 2, 3, 4, 5, 8, 9, 13, 37])('A·A⁻¹ = I for a random SPD matrix of size %i', (n) => {
    const a = randomSpd(n, n);
    const inv = spdInverse(a.slice(), n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-9);
      }
    }
  });

  it('Cholesky reproduces A = L·Lᵀ', () => {
    const n = 11;
    const a = randomSpd(n, 5);
    const l = a.slice();
    choleskyInPlace(l, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
        expect(s).toBeCloseTo(a[i * n + j]!, 9);
      }
    }
  });

  it('throws on a matrix that is not positive definite', () => {
    expect(() => spdInverse(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(NotPositiveDefiniteError);
  });
});
