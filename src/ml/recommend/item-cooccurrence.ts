import { type CsrMatrix, transpose } from './csr-matrix.js';

/**
 * Item × item products of a users × items matrix: C[i][j] = Σ_u x_ui·x_uj (on a binary matrix, the number
 * of users who interacted with both). Computed one item row at a time through the item's users (a sparse product
 * with a dense accumulator), so cost is Σ_users n_u² and memory is the result's non-zeros.
 * `filter(i, j, count)` returns the value to keep (or 0 to drop), which lets callers turn counts into
 * similarities without materialising the counts first.
 */
export function itemCooccurrence(
  matrix: CsrMatrix,
  filter: (i: number, j: number, count: number) => number = (_i, _j, c) => c,
  minCount = 1,
): CsrMatrix {
  const nItems = matrix.nCols;
  const byItem = transpose(matrix);
  const acc = new Float64Array(nItems);
  const hit = new Uint8Array(nItems);
  const touched = new Int32Array(nItems);
  const indptr = new Int32Array(nItems + 1);
  let indices = new Int32Array(Math.max(16, matrix.data.length * 4));
  let data = new Float32Array(indices.length);
  let nz = 0;
  for (let i = 0; i < nItems; i++) {
    let nt = 0;
    for (let p = byItem.indptr[i]!; p < byItem.indptr[i + 1]!; p++) {
      const u = byItem.indices[p]!;
      const xu = byItem.data[p]!;
      for (let q = matrix.indptr[u]!; q < matrix.indptr[u + 1]!; q++) {
        const j = matrix.indices[q]!;
        if (hit[j] === 0) {
          hit[j] = 1;
          touched[nt++] = j;
        }
        acc[j]! += xu * matrix.data[q]!;
      }
    }
    const cols = touched.subarray(0, nt).sort();
    if (nz + nt > indices.length) {
      const size = Math.max(nz + nt, indices.length * 2);
      const ni = new Int32Array(size);
      ni.set(indices.subarray(0, nz));
      const nd = new Float32Array(size);
      nd.set(data.subarray(0, nz));
      indices = ni;
      data = nd;
    }
    for (let t = 0; t < nt; t++) {
      const j = cols[t]!;
      const c = acc[j]!;
      acc[j] = 0;
      hit[j] = 0;
      if (c < minCount) continue;
      const v = filter(i, j, c);
      if (v !== 0) {
        indices[nz] = j;
        data[nz] = v;
        nz++;
      }
    }
    indptr[i + 1] = nz;
  }
  return { nRows: nItems, nCols: nItems, indptr, indices: indices.slice(0, nz), data: data.slice(0, nz) };
}

/** Keeps the `k` largest entries of each row (ties by lower column); k ≤ 0 keeps everything. */
export function pruneRows(m: CsrMatrix, k: number): CsrMatrix {
  if (k <= 0) return m;
  const indptr = new Int32Array(m.nRows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < m.nRows; r++) {
    const s = m.indptr[r]!;
    const e = m.indptr[r + 1]!;
    const order = Array.from({ length: e - s }, (_, t) => s + t);
    if (order.length > k) {
      order.sort((a, b) => m.data[b]! - m.data[a]! || m.indices[a]! - m.indices[b]!);
      order.length = k;
      order.sort((a, b) => m.indices[a]! - m.indices[b]!);
    }
    for (const p of order) {
      indices.push(m.indices[p]!);
      data.push(m.data[p]!);
    }
    indptr[r + 1] = indices.length;
  }
  return { nRows: m.nRows, nCols: m.nCols, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
}

/** out = row-vector x (given sparsely as cols/vals) times matrix S (items × items, CSR). */
export function sparseRowTimes(
  cols: ArrayLike<number>,
  vals: ArrayLike<number>,
  s: CsrMatrix,
  out: Float32Array,
): void {
  out.fill(0);
  for (let t = 0; t < cols.length; t++) {
    const i = cols[t] as number;
    const w = vals[t] as number;
    for (let p = s.indptr[i]!; p < s.indptr[i + 1]!; p++) out[s.indices[p]!]! += w * s.data[p]!;
  }
}
