/**
 * Sparse × dense kernels through the native addon (`native/src/lapack.cc`) for product algorithms outside the
 * NN engine's op set (implicit ALS in ml/recommend). Optional: when the addon is missing or predates these
 * entry points, callers get `false` and run their own TypeScript loop.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NATIVE_ADDON_PATH } from './native.js';

interface SparseAddon {
  csrGramApply?: (
    indptr: Int32Array, indices: Int32Array, data: Float32Array, rows: number, y: Float32Array, v: Float32Array,
    out: Float32Array, f: number, s0: number, s1: number, s2: number,
  ) => void;
}

let addon: SparseAddon | null | undefined;

function load(): SparseAddon | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (!existsSync(NATIVE_ADDON_PATH)) return addon;
  try {
    addon = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as SparseAddon;
  } catch {
    addon = null;
  }
  return addon;
}

/** A CSR matrix as the kernel reads it (rows × items, ascending columns per row not required). */
export interface CsrArrays {
  readonly nRows: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float32Array;
}

/**
 * out[u] += Σ_q (s0 + s1·c_q + s2·c_q·⟨y_q, v[u]⟩)·y_q over row u's entries (q, c_q) of `m`, for item factors
 * `y` (items × f) and row vectors `v`, `out` (rows × f), all row-major. Returns false (nothing done) when the
 * native addon does not provide the kernel. Lengths and indices are checked here: the C++ side trusts them.
 */
export function nativeCsrGramApply(
  m: CsrArrays, y: Float32Array, v: Float32Array, out: Float32Array, f: number, s0: number, s1: number, s2: number,
): boolean {
  const fn = load()?.csrGramApply;
  if (typeof fn !== 'function') return false;
  const nnz = m.indptr[m.nRows] ?? 0;
  if (!(Number.isInteger(f) && f > 0) || m.indptr.length < m.nRows + 1 || m.indices.length < nnz || m.data.length < nnz) {
    throw new RangeError('csrGramApply: inconsistent CSR arrays');
  }
  if (v.length < m.nRows * f || out.length < m.nRows * f) throw new RangeError('csrGramApply: v or out shorter than rows × f');
  const items = Math.floor(y.length / f);
  for (let q = 0; q < nnz; q++) {
    const i = m.indices[q]!;
    if (i < 0 || i >= items) throw new RangeError(`csrGramApply: column ${i} outside the ${items} factor rows`);
  }
  for (let u = 0; u < m.nRows; u++) if (m.indptr[u + 1]! < m.indptr[u]!) throw new RangeError('csrGramApply: indptr decreases');
  fn(m.indptr, m.indices, m.data, m.nRows, y, v, out, f, s0, s1, s2);
  return true;
}
