import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { nn } from '../../nn/index.js';
import { choleskyInPlace, NotPositiveDefiniteError, spdInverse } from './spd-inverse.js';

// Both paths: LAPACK through the native addon (when it is built with it) and plain TypeScript.
const hasNative = nn.nativeSpdInverse64(new Float64Array([2]), 1) !== undefined;
const paths = [['typescript', false], ...(hasNative ? [['native LAPACK', true] as const] : [])] as const;

function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const m = n + 3;
  const x = Array.from({ length: m * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j]! += x[r * n + i]! * x[r * n + j]!;
  for (let i = 0; i < n; i++) a[i * n + i]! += 0.5;
  return a;
}

describe.each(paths)('spdInverse (%s)', (_name, native) => {
  // Sizes around the 4-row and 2-column blocking edges.
  it.each([1, 2, 3, 4, 5, 8, 9, 13, 37, 130])('A·A⁻¹ = I for a random SPD matrix of size %i', (n) => {
    const a = randomSpd(n, n);
    const inv = spdInverse(a.slice(), n, { native });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-9);
      }
    }
  });

  it.runIf(!native)('Cholesky reproduces A = L·Lᵀ', () => {
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
    expect(() => spdInverse(Float64Array.from([1, 2, 2, 1]), 2, { native })).toThrow(NotPositiveDefiniteError);
  });
});

describe('spdInverse paths', () => {
  // Skipped when the native addon is not built (or predates LAPACK): there is only one path then.
  it.runIf(hasNative)('native and TypeScript inverses agree to 1e-10 on a 200 × 200 matrix', () => {
    const a = randomSpd(200, 3);
    const x = spdInverse(a.slice(), 200, { native: true });
    const y = spdInverse(a.slice(), 200, { native: false });
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
    expect(worst).toBeLessThan(1e-10);
  });
});
