/**
 * Portable SGEMM in TypeScript: transposed operands are first transposed into scratch buffers, then a packed,
 * register-blocked 4×4 kernel runs over cache blocks. Scalar JavaScript tops out near 5 GFLOP/s per core
 * (see docs/nn.md); this is the reference, not the fast path.
 */

const BLOCK_K = 256;
const BLOCK_N = 256;

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

const MR = 4;
const NR = 4;
let packA: Float32Array = new Float32Array(MR * BLOCK_K);
let packB: Float32Array = new Float32Array(BLOCK_K * BLOCK_N);

/**
 * C (m×n) += alpha · A (m×k) · B (k×n), all row-major and contiguous. A k-block of B is packed into 4-column
 * strips and four rows of A into a 4-wide panel, so the inner loop keeps a 4×4 block of C in 16 locals and
 * does 16 multiply-adds per 8 loads (the scalar-JS ceiling is about 5 GFLOP/s per core).
 */
function kernel(m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  const edge = new Float64Array(MR * NR);
  for (let jc = 0; jc < n; jc += BLOCK_N) {
    const nc = Math.min(BLOCK_N, n - jc);
    const strips = Math.ceil(nc / NR);
    for (let pc = 0; pc < k; pc += BLOCK_K) {
      const kc = Math.min(BLOCK_K, k - pc);
      if (packB.length < strips * kc * NR) packB = new Float32Array(strips * kc * NR);
      const bp = packB;
      for (let s = 0; s < strips; s++) {
        const base = s * kc * NR;
        for (let p = 0; p < kc; p++) {
          const row = (pc + p) * n + jc + s * NR;
          for (let t = 0; t < NR; t++) bp[base + p * NR + t] = s * NR + t < nc ? b[row + t]! : 0;
        }
      }
      if (packA.length < MR * kc) packA = new Float32Array(MR * kc);
      const ap = packA;
      for (let i = 0; i < m; i += MR) {
        const mr = Math.min(MR, m - i);
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++) ap[p * MR + r] = r < mr ? alpha * a[(i + r) * k + pc + p]! : 0;
        }
        for (let s = 0; s < strips; s++) {
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
          let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          let ai = 0;
          let bi = s * kc * NR;
          for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
            const a0 = ap[ai]!, a1 = ap[ai + 1]!, a2 = ap[ai + 2]!, a3 = ap[ai + 3]!;
            const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          }
          const col = jc + s * NR;
          const nr = Math.min(NR, nc - s * NR);
          if (mr === MR && nr === NR) {
            let o = i * n + col;
            c[o] = c[o]! + c00; c[o + 1] = c[o + 1]! + c01; c[o + 2] = c[o + 2]! + c02; c[o + 3] = c[o + 3]! + c03;
            o += n;
            c[o] = c[o]! + c10; c[o + 1] = c[o + 1]! + c11; c[o + 2] = c[o + 2]! + c12; c[o + 3] = c[o + 3]! + c13;
            o += n;
            c[o] = c[o]! + c20; c[o + 1] = c[o + 1]! + c21; c[o + 2] = c[o + 2]! + c22; c[o + 3] = c[o + 3]! + c23;
            o += n;
            c[o] = c[o]! + c30; c[o + 1] = c[o + 1]! + c31; c[o + 2] = c[o + 2]! + c32; c[o + 3] = c[o + 3]! + c33;
          } else {
            // Edge tile: only the rows and columns that exist.
            edge.set([c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33]);
            for (let r = 0; r < mr; r++) {
              const o = (i + r) * n + col;
              for (let t = 0; t < nr; t++) c[o + t] = c[o + t]! + edge[r * NR + t]!;
            }
          }
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
