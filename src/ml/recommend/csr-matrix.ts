/**
 * Compressed sparse row matrix over typed arrays: memory is proportional to the number of stored entries
 * (4 bytes per column index, 4 per value, 4 per row), never to users × items.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  /** Row r's entries are at positions indptr[r] .. indptr[r+1]-1 of `indices` and `data`. */
  readonly indptr: Int32Array;
  /** Column of each entry, ascending within a row. */
  readonly indices: Int32Array;
  /** Value of each entry. */
  readonly data: Float32Array;
}

/** Number of stored entries. */
export function nnz(m: CsrMatrix): number {
  return m.indptr[m.nRows] ?? 0;
}

/**
 * Builds a CSR matrix from coordinate triples; duplicate (row, col) pairs are summed, so repeated events
 * on the same item accumulate weight. Runs in O(nnz + nRows) with a counting sort by row.
 */
export function csrFromCoo(
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  vals: ArrayLike<number>,
  nRows: number,
  nCols: number,
): CsrMatrix {
  const n = rows.length;
  if (cols.length !== n || vals.length !== n) throw new RangeError('rows, cols and vals differ in length');
  const counts = new Int32Array(nRows + 1);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as number;
    const c = cols[i] as number;
    if (r < 0 || r >= nRows || c < 0 || c >= nCols) throw new RangeError(`entry ${i} (${r}, ${c}) out of bounds`);
    counts[r + 1]! += 1;
  }
  for (let r = 0; r < nRows; r++) counts[r + 1]! += counts[r]!;
  const cursor = counts.slice(0, nRows);
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as number;
    const p = cursor[r]!++;
    idx[p] = cols[i] as number;
    val[p] = vals[i] as number;
  }
  // Sort each row by column and merge duplicates in place.
  const indptr = new Int32Array(nRows + 1);
  let write = 0;
  for (let r = 0; r < nRows; r++) {
    const start = counts[r]!;
    const end = counts[r + 1]!;
    sortRow(idx, val, start, end);
    indptr[r] = write;
    for (let p = start; p < end; p++) {
      if (write > indptr[r]! && idx[write - 1] === idx[p]) {
        val[write - 1]! += val[p]!;
      } else {
        idx[write] = idx[p]!;
        val[write] = val[p]!;
        write++;
      }
    }
  }
  indptr[nRows] = write;
  return { nRows, nCols, indptr, indices: idx.slice(0, write), data: val.slice(0, write) };
}

function sortRow(idx: Int32Array, val: Float32Array, start: number, end: number): void {
  // Insertion sort for short rows (the common case), otherwise sort a permutation.
  const len = end - start;
  if (len < 32) {
    for (let i = start + 1; i < end; i++) {
      const ci = idx[i]!;
      const vi = val[i]!;
      let j = i - 1;
      while (j >= start && idx[j]! > ci) {
        idx[j + 1] = idx[j]!;
        val[j + 1] = val[j]!;
        j--;
      }
      idx[j + 1] = ci;
      val[j + 1] = vi;
    }
    return;
  }
  const order = Array.from({ length: len }, (_, i) => start + i).sort((a, b) => idx[a]! - idx[b]!);
  const ci = order.map((p) => idx[p]!);
  const vi = order.map((p) => val[p]!);
  for (let i = 0; i < len; i++) {
    idx[start + i] = ci[i]!;
    val[start + i] = vi[i]!;
  }
}

/** The transpose (items × users from users × items), in O(nnz). */
export function transpose(m: CsrMatrix): CsrMatrix {
  const count = new Int32Array(m.nCols + 1);
  const total = nnz(m);
  for (let p = 0; p < total; p++) count[m.indices[p]! + 1]! += 1;
  for (let c = 0; c < m.nCols; c++) count[c + 1]! += count[c]!;
  const indptr = count.slice();
  const cursor = count.slice(0, m.nCols);
  const indices = new Int32Array(total);
  const data = new Float32Array(total);
  for (let r = 0; r < m.nRows; r++) {
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) {
      const c = m.indices[p]!;
      const q = cursor[c]!++;
      indices[q] = r;
      data[q] = m.data[p]!;
    }
  }
  return { nRows: m.nCols, nCols: m.nRows, indptr, indices, data };
}

/** A copy with every stored value replaced by `f(value)` (for example binarising or confidence scaling). */
export function mapValues(m: CsrMatrix, f: (v: number) => number): CsrMatrix {
  const data = new Float32Array(m.data.length);
  for (let p = 0; p < data.length; p++) data[p] = f(m.data[p]!);
  return { ...m, data };
}

/** Number of stored entries per column (item popularity in a user × item matrix). */
export function columnCounts(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.nCols);
  for (let p = 0; p < nnz(m); p++) out[m.indices[p]!]! += 1;
  return out;
}

/** Sum of stored values per column. */
export function columnSums(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.nCols);
  for (let p = 0; p < nnz(m); p++) out[m.indices[p]!]! += m.data[p]!;
  return out;
}

/** The columns stored in row r (a view, no copy). */
export function rowIndices(m: CsrMatrix, r: number): Int32Array {
  return m.indices.subarray(m.indptr[r]!, m.indptr[r + 1]!);
}

/** The values stored in row r (a view, no copy). */
export function rowValues(m: CsrMatrix, r: number): Float32Array {
  return m.data.subarray(m.indptr[r]!, m.indptr[r + 1]!);
}
