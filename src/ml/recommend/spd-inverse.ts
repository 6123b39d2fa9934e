/**
 * Inverse of a symmetric positive-definite matrix in Float64, through a Cholesky factor A = L·Lᵀ, then
 * W = L⁻¹ and A⁻¹ = Wᵀ·W. Each of the three steps costs n³/6 multiply-adds and is written so the inner loop
 * runs along contiguous rows of row-major storage, with 4×2 register blocking (six loads per eight
 * multiply-adds): plain TypeScript, no BLAS. This is EASE's whole training cost.
 */

/** Thrown when the matrix is not positive definite (a pivot ≤ 0). */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly pivot: number) {
    super(`matrix is not positive definite (pivot ${pivot})`);
  }
}

/**
 * Overwrites the lower triangle of row-major `a` (n×n) with L where A = L·Lᵀ, and zeroes the strict upper
 * triangle. Left-looking Crout order: L[i][j] = (A[i][j] − L[i,:j]·L[j,:j]) / L[j][j].
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  let i0 = 0;
  for (; i0 + 4 <= n; i0 += 4) choleskyRows4(a, n, i0);
  for (; i0 < n; i0++) choleskyRow(a, n, i0);
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, i * n + n);
}

function choleskyRow(a: Float64Array, n: number, i: number): void {
  const ri = i * n;
  for (let j = 0; j <= i; j++) {
    const rj = j * n;
    let s = a[ri + j]!;
    for (let k = 0; k < j; k++) s -= a[ri + k]! * a[rj + k]!;
    if (j === i) {
      if (!(s > 0)) throw new NotPositiveDefiniteError(i);
      a[ri + i] = Math.sqrt(s);
    } else {
      a[ri + j] = s / a[rj + j]!;
    }
  }
}

function choleskyRows4(a: Float64Array, n: number, i0: number): void {
  const r0 = i0 * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  // Off-diagonal columns j < i0, two at a time: the dots for j and j+1 share loads of rows i0..i0+3.
  let j = 0;
  for (; j + 2 <= i0; j += 2) {
    const rj = j * n;
    const rk = rj + n;
    let s00 = 0, s10 = 0, s20 = 0, s30 = 0, s01 = 0, s11 = 0, s21 = 0, s31 = 0;
    for (let k = 0; k < j; k++) {
      const x0 = a[r0 + k]!, x1 = a[r1 + k]!, x2 = a[r2 + k]!, x3 = a[r3 + k]!;
      const y0 = a[rj + k]!, y1 = a[rk + k]!;
      s00 += x0 * y0; s10 += x1 * y0; s20 += x2 * y0; s30 += x3 * y0;
      s01 += x0 * y1; s11 += x1 * y1; s21 += x2 * y1; s31 += x3 * y1;
    }
    const djj = a[rj + j]!;
    const l0 = (a[r0 + j]! - s00) / djj;
    const l1 = (a[r1 + j]! - s10) / djj;
    const l2 = (a[r2 + j]! - s20) / djj;
    const l3 = (a[r3 + j]! - s30) / djj;
    a[r0 + j] = l0; a[r1 + j] = l1; a[r2 + j] = l2; a[r3 + j] = l3;
    const lkj = a[rk + j]!;
    const dkk = a[rk + j + 1]!;
    a[r0 + j + 1] = (a[r0 + j + 1]! - s01 - l0 * lkj) / dkk;
    a[r1 + j + 1] = (a[r1 + j + 1]! - s11 - l1 * lkj) / dkk;
    a[r2 + j + 1] = (a[r2 + j + 1]! - s21 - l2 * lkj) / dkk;
    a[r3 + j + 1] = (a[r3 + j + 1]! - s31 - l3 * lkj) / dkk;
  }
  for (; j < i0; j++) {
    const rj = j * n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < j; k++) {
      const y = a[rj + k]!;
      s0 += a[r0 + k]! * y; s1 += a[r1 + k]! * y; s2 += a[r2 + k]! * y; s3 += a[r3 + k]! * y;
    }
    const d = a[rj + j]!;
    a[r0 + j] = (a[r0 + j]! - s0) / d;
    a[r1 + j] = (a[r1 + j]! - s1) / d;
    a[r2 + j] = (a[r2 + j]! - s2) / d;
    a[r3 + j] = (a[r3 + j]! - s3) / d;
  }
  // The 4×4 diagonal block, row by row (its columns j < i0 are final now).
  for (let i = i0; i < i0 + 4; i++) {
    const ri = i * n;
    for (let jj = i0; jj <= i; jj++) {
      const rj = jj * n;
      let s = a[ri + jj]!;
      for (let k = 0; k < jj; k++) s -= a[ri + k]! * a[rj + k]!;
      if (jj === i) {
        if (!(s > 0)) throw new NotPositiveDefiniteError(i);
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + jj] = s / a[rj + jj]!;
      }
    }
  }
}

/**
 * Replaces lower-triangular L (row-major, strict upper triangle zero) by L⁻¹. Row i of the inverse is
 * (e_i − Σ_{k<i} L[i][k]·W[k,:]) / L[i][i]; rows of W are accumulated with contiguous axpys, four source
 * rows at a time.
 */
export function invertLowerInPlace(l: Float64Array, n: number): void {
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    row.fill(0, 0, i + 1);
    let k = 0;
    for (; k + 4 <= i; k += 4) {
      const c0 = l[ri + k]!, c1 = l[ri + k + 1]!, c2 = l[ri + k + 2]!, c3 = l[ri + k + 3]!;
      const w0 = k * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
      // W[k..k+3] are lower triangular: row k+m has entries only up to column k+m.
      for (let c = 0; c <= k; c++) row[c]! += c0 * l[w0 + c]! + c1 * l[w1 + c]! + c2 * l[w2 + c]! + c3 * l[w3 + c]!;
      row[k + 1]! += c1 * l[w1 + k + 1]! + c2 * l[w2 + k + 1]! + c3 * l[w3 + k + 1]!;
      row[k + 2]! += c2 * l[w2 + k + 2]! + c3 * l[w3 + k + 2]!;
      row[k + 3]! += c3 * l[w3 + k + 3]!;
    }
    for (; k < i; k++) {
      const c0 = l[ri + k]!;
      const w0 = k * n;
      for (let c = 0; c <= k; c++) row[c]! += c0 * l[w0 + c]!;
    }
    const inv = 1 / l[ri + i]!;
    for (let c = 0; c < i; c++) l[ri + c] = -row[c]! * inv;
    l[ri + i] = inv;
  }
}

/**
 * A⁻¹ for symmetric positive-definite row-major `a` (n×n); `a` is destroyed. Returns a new full symmetric
 * matrix. Throws {@link NotPositiveDefiniteError} when A is not SPD.
 */
export function spdInverse(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  invertLowerInPlace(a, n);
  // U = Wᵀ (upper), so (Wᵀ·W)[i][j] = Σ_{k ≥ max(i,j)} U[i][k]·U[j][k]: dot products of contiguous rows.
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) u[k * n + i] = a[i * n + k]!;
  const out = a; // reuse the buffer for the result
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let j = i;
    for (; j + 2 <= n; j += 2) {
      // Rows j and j+1 start at columns j and j+1; entries of row i before i are zero in U.
      const rj = j * n;
      const rk = rj + n;
      let s0 = 0;
      let s1 = 0;
      s0 += u[ri + j]! * u[rj + j]!;
      for (let k = j + 1; k < n; k++) {
        const x = u[ri + k]!;
        s0 += x * u[rj + k]!;
        s1 += x * u[rk + k]!;
      }
      out[ri + j] = s0;
      out[ri + j + 1] = s1;
    }
    for (; j < n; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = j; k < n; k++) s += u[ri + k]! * u[rj + k]!;
      out[ri + j] = s;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i]!;
  return out;
}
