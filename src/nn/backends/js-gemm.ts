/**
 * Portable SGEMM in TypeScript: transposed operands are packed once into row-major scratch buffers, then a
 * cache-blocked i-k-j kernel updates four rows of C per pass so each loaded B value feeds four multiply-adds.
 * Scalar JavaScript tops out near 5 GFLOP/s per core (see docs/nn.md); this is the reference, not the fast path.
 */

const BLOCK_K = 128;
const BLOCK_N = 512;

let scratchA: Float32Array = new Float32Array(0);
let scratchB: Float32Array = new Float32Array(0);

function grow(buf: Float32Array, size: number): Float32Array {
  return buf.length >= size ? buf : new Float32Array(Math.max(size, buf.length * 2));
}

/** Writes the transpose of `src` (rows × cols) into `dst` (cols × rows). */
function transposeInto(src: Float32Array, rows: number, cols: number, dst: Float32Array): void {
  const T = 32;
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(rows, r0 + T);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(cols, c0 + T);
      for (let r = r0; r < r1; r++) {
        const base = r * cols;
        for (let c = c0; c < c1; c++) dst[c * rows + r] = src[base + c]!;
      }
    }
  }
}

/** C (m×n) += alpha · A (m×k) · B (k×n), all row-major and contiguous. */
function kernel(m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  for (let j0 = 0; j0 < n; j0 += BLOCK_N) {
    const j1 = Math.min(n, j0 + BLOCK_N);
    for (let k0 = 0; k0 < k; k0 += BLOCK_K) {
      const k1 = Math.min(k, k0 + BLOCK_K);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        const a0r = i * k, a1r = a0r + k, a2r = a1r + k, a3r = a2r + k;
        for (let kk = k0; kk < k1; kk++) {
          const a0 = alpha * a[a0r + kk]!, a1 = alpha * a[a1r + kk]!;
          const a2 = alpha * a[a2r + kk]!, a3 = alpha * a[a3r + kk]!;
          const bRow = kk * n;
          for (let j = j0; j < j1; j++) {
            const bv = b[bRow + j]!;
            c[c0 + j] = c[c0 + j]! + a0 * bv;
            c[c1 + j] = c[c1 + j]! + a1 * bv;
            c[c2 + j] = c[c2 + j]! + a2 * bv;
            c[c3 + j] = c[c3 + j]! + a3 * bv;
          }
        }
      }
      for (; i < m; i++) {
        const cr = i * n, ar = i * k;
        for (let kk = k0; kk < k1; kk++) {
          const av = alpha * a[ar + kk]!;
          const bRow = kk * n;
          for (let j = j0; j < j1; j++) c[cr + j] = c[cr + j]! + av * b[bRow + j]!;
        }
      }
    }
  }
}

/** Row-major SGEMM with the {@link Backend.gemm} contract. */
export function jsGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  b: Float32Array,
  beta: number,
  c: Float32Array,
): void {
  const len = m * n;
  if (beta === 0) c.fill(0, 0, len);
  else if (beta !== 1) for (let i = 0; i < len; i++) c[i] = beta * c[i]!;
  if (k === 0 || alpha === 0) return;
  let aa = a;
  let bb = b;
  if (transA) {
    scratchA = grow(scratchA, m * k);
    transposeInto(a, k, m, scratchA);
    aa = scratchA;
  }
  if (transB) {
    scratchB = grow(scratchB, k * n);
    transposeInto(b, n, k, scratchB);
    bb = scratchB;
  }
  kernel(m, n, k, alpha, aa, bb, c);
}
