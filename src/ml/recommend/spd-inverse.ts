/**
 * Inverse of a symmetric positive-definite matrix in Float64, through a Cholesky factor A = L·Lᵀ, then
 * U = (L⁻¹)ᵀ and A⁻¹ = U·Uᵀ. Each of the three steps costs n³/6 multiply-adds and is written so the inner loop
 * runs along contiguous rows of row-major storage, with 4×2 register blocking (six loads per eight
 * multiply-adds): plain TypeScript, no BLAS. This is EASE's whole training cost.
 */

import { nn } from '../../nn/index.js';

/** Options of {@link spdInverse}. */
export interface SpdInverseOptions {
  /** Use the native LAPACK path when the addon provides it (default true); false forces plain TypeScript. */
  native?: boolean;
}

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
 * U = (L⁻¹)ᵀ, upper triangular, from lower-triangular L (both row-major n×n). Row j of U is column j of
 * L⁻¹, found by forward substitution: U[j][i] = (δᵢⱼ − Σ_{j≤k<i} L[i][k]·U[j][k]) / L[i][i]. Four rows of U
 * are solved together so each L[i][k] load serves four multiply-adds, and every inner loop is contiguous.
 */
export function invertLowerTransposed(l: Float64Array, n: number): Float64Array {
  const u = new Float64Array(n * n);
  let j0 = 0;
  for (; j0 + 4 <= n; j0 += 4) {
    const u0 = j0 * n;
    const u1 = u0 + n;
    const u2 = u1 + n;
    const u3 = u2 + n;
    // The 4×4 diagonal block: row j0+m of U starts at column j0+m.
    for (let i = j0; i < j0 + 4; i++) {
      const li = i * n;
      const d = 1 / l[li + i]!;
      for (let m = 0; m <= i - j0; m++) {
        const uo = (j0 + m) * n;
        let s = i === j0 + m ? 1 : 0;
        for (let k = j0 + m; k < i; k++) s -= l[li + k]! * u[uo + k]!;
        u[uo + i] = s * d;
      }
    }
    // Rows i and i+1 of L together: six loads per eight multiply-adds.
    let i = j0 + 4;
    for (; i + 2 <= n; i += 2) {
      const li = i * n;
      const lk = li + n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let k = j0; k < i; k++) {
        const x = l[li + k]!;
        const z = l[lk + k]!;
        const v0 = u[u0 + k]!, v1 = u[u1 + k]!, v2 = u[u2 + k]!, v3 = u[u3 + k]!;
        s0 += x * v0; s1 += x * v1; s2 += x * v2; s3 += x * v3;
        t0 += z * v0; t1 += z * v1; t2 += z * v2; t3 += z * v3;
      }
      const d = -1 / l[li + i]!;
      const a0 = s0 * d, a1 = s1 * d, a2 = s2 * d, a3 = s3 * d;
      u[u0 + i] = a0; u[u1 + i] = a1; u[u2 + i] = a2; u[u3 + i] = a3;
      // Row i+1 also needs the k = i term, now known.
      const z = l[lk + i]!;
      const e = -1 / l[lk + i + 1]!;
      u[u0 + i + 1] = (t0 + z * a0) * e;
      u[u1 + i + 1] = (t1 + z * a1) * e;
      u[u2 + i + 1] = (t2 + z * a2) * e;
      u[u3 + i + 1] = (t3 + z * a3) * e;
    }
    for (; i < n; i++) {
      const li = i * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = j0; k < i; k++) {
        const x = l[li + k]!;
        s0 += x * u[u0 + k]!;
        s1 += x * u[u1 + k]!;
        s2 += x * u[u2 + k]!;
        s3 += x * u[u3 + k]!;
      }
      const d = -1 / l[li + i]!;
      u[u0 + i] = s0 * d;
      u[u1 + i] = s1 * d;
      u[u2 + i] = s2 * d;
      u[u3 + i] = s3 * d;
    }
  }
  for (; j0 < n; j0++) {
    const uo = j0 * n;
    for (let i = j0; i < n; i++) {
      const li = i * n;
      let s = i === j0 ? 1 : 0;
      for (let k = j0; k < i; k++) s -= l[li + k]! * u[uo + k]!;
      u[uo + i] = s / l[li + i]!;
    }
  }
  return u;
}

/**
 * A⁻¹ for symmetric positive-definite row-major `a` (n×n); `a` is destroyed and reused for the result, a
 * full symmetric matrix. Throws {@link NotPositiveDefiniteError} when A is not SPD.
 */
export function spdInverse(a: Float64Array, n: number, options: SpdInverseOptions = {}): Float64Array {
  if (options.native !== false) {
    // LAPACK (dpotrf + dpotri over OpenBLAS's BLAS-3) when the NN engine's native addon has it.
    const r = nn.nativeSpdInverse64(a, n);
    if (r !== undefined) {
      if (!r.ok) throw new NotPositiveDefiniteError(r.order - 1);
      return a;
    }
  }
  return spdInverseTs(a, n);
}

/** The plain TypeScript path of {@link spdInverse} (no native code). */
export function spdInverseTs(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  const u = invertLowerTransposed(a, n);
  // A⁻¹ = Wᵀ·W with W = L⁻¹ = Uᵀ, so A⁻¹[i][j] = Σ_{k ≥ max(i,j)} U[i][k]·U[j][k]: dot products of rows,
  // in 4×2 tiles (six loads per eight multiply-adds).
  const out = a;
  let i0 = 0;
  for (; i0 + 4 <= n; i0 += 4) {
    const r0 = i0 * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    // j ≥ i0 + 4 in pairs: k runs from j (rows i0..i0+3 are non-zero from their own diagonal ≤ j).
    let j = i0 + 4;
    for (; j + 2 <= n; j += 2) {
      const q0 = j * n;
      const q1 = q0 + n;
      // k = j: row j+1 is zero there.
      const y = u[q0 + j]!;
      let s00 = u[r0 + j]! * y, s10 = u[r1 + j]! * y, s20 = u[r2 + j]! * y, s30 = u[r3 + j]! * y;
      let s01 = 0, s11 = 0, s21 = 0, s31 = 0;
      for (let k = j + 1; k < n; k++) {
        const x0 = u[r0 + k]!, x1 = u[r1 + k]!, x2 = u[r2 + k]!, x3 = u[r3 + k]!;
        const y0 = u[q0 + k]!, y1 = u[q1 + k]!;
        s00 += x0 * y0; s10 += x1 * y0; s20 += x2 * y0; s30 += x3 * y0;
        s01 += x0 * y1; s11 += x1 * y1; s21 += x2 * y1; s31 += x3 * y1;
      }
      out[r0 + j] = s00; out[r1 + j] = s10; out[r2 + j] = s20; out[r3 + j] = s30;
      out[r0 + j + 1] = s01; out[r1 + j + 1] = s11; out[r2 + j + 1] = s21; out[r3 + j + 1] = s31;
    }
    for (; j < n; j++) {
      const q0 = j * n;
      for (let m = 0; m < 4; m++) {
        const rm = (i0 + m) * n;
        let s = 0;
        for (let k = j; k < n; k++) s += u[rm + k]! * u[q0 + k]!;
        out[rm + j] = s;
      }
    }
    // The 4×4 diagonal block (upper part).
    for (let m = 0; m < 4; m++) {
      const rm = (i0 + m) * n;
      for (let jj = i0 + m; jj < i0 + 4; jj++) {
        const q = jj * n;
        let s = 0;
        for (let k = jj; k < n; k++) s += u[rm + k]! * u[q + k]!;
        out[rm + jj] = s;
      }
    }
  }
  for (; i0 < n; i0++) {
    const ri = i0 * n;
    for (let j = i0; j < n; j++) {
      const q = j * n;
      let s = 0;
      for (let k = j; k < n; k++) s += u[ri + k]! * u[q + k]!;
      out[ri + j] = s;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i]!;
  return out;
}
