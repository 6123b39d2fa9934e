import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { nativeCsrGramApply } from './native-sparse.js';

/** A random rows × items CSR matrix with positive values (seeded). */
function randomCsr(rows: number, items: number, seed: number): { nRows: number; indptr: Int32Array; indices: Int32Array; data: Float32Array } {
  const rng = createRng(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let u = 0; u < rows; u++) {
    for (let i = 0; i < items; i++) {
      if (!rng.chance(0.3)) continue;
      indices.push(i);
      data.push(0.5 + rng.next());
    }
    indptr[u + 1] = indices.length;
  }
  return { nRows: rows, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
}

const hasKernel = nativeCsrGramApply({ nRows: 0, indptr: new Int32Array(1), indices: new Int32Array(0), data: new Float32Array(0) }, new Float32Array(1), new Float32Array(0), new Float32Array(0), 1, 0, 0, 1);

describe('nativeCsrGramApply', () => {
  // Only meaningful with the native addon built; without it the caller's TypeScript loop runs instead.
  it.runIf(hasKernel).each([
    ['A·v part', 0, 0, 1],
    ['residual part', 1, 1, -1],
  ] as const)('matches a float64 reference (%s), f = 13 (not a multiple of 8)', (_name, s0, s1, s2) => {
    const f = 13;
    const m = randomCsr(7, 11, 3);
    const rng = createRng(9);
    const y = Float32Array.from({ length: 11 * f }, () => rng.next() - 0.5);
    const v = Float32Array.from({ length: 7 * f }, () => rng.next() - 0.5);
    const out = Float32Array.from({ length: 7 * f }, () => rng.next());
    const expected = Float64Array.from(out);
    for (let u = 0; u < 7; u++) {
      for (let q = m.indptr[u]!; q < m.indptr[u + 1]!; q++) {
        const i = m.indices[q]!;
        let d = 0;
        for (let a = 0; a < f; a++) d += y[i * f + a]! * v[u * f + a]!;
        const c = m.data[q]!;
        const coef = s0 + s1 * c + s2 * c * d;
        for (let a = 0; a < f; a++) expected[u * f + a]! += coef * y[i * f + a]!;
      }
    }
    expect(nativeCsrGramApply(m, y, v, out, f, s0, s1, s2)).toBe(true);
    for (let k = 0; k < out.length; k++) expect(out[k]!).toBeCloseTo(expected[k]!, 5);
  });

  it.runIf(hasKernel)('refuses a column outside the factor rows instead of reading past them', () => {
    const m = { nRows: 1, indptr: Int32Array.of(0, 1), indices: Int32Array.of(5), data: Float32Array.of(1) };
    expect(() => nativeCsrGramApply(m, new Float32Array(4), new Float32Array(2), new Float32Array(2), 2, 0, 0, 1)).toThrow(RangeError);
  });
});
