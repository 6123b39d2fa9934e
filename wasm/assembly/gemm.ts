// SGEMM for the `wasm` nn backend (AssemblyScript, compiled with SIMD128). Row-major, every pointer is a byte
// offset into the shared memory. Goto/BLIS structure: B is packed into KC×NR strips (one strip stays in L1),
// A into MR×KC panels scaled by alpha (a block of MC rows stays in L2), and a 4×8 micro-kernel keeps eight
// f32x4 accumulators in registers (x64 V8 has 15 usable xmm registers; 8 accumulators + 2 B vectors + 1 A
// broadcast leaves room, larger tiles spill).
// Packed panels are zero-padded, so edge tiles run the same kernel and only the store is partial.

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 1024;

/** Bytes the A packing buffer needs (MC×KC floats). */
export function packASize(): i32 {
  return MC * KC * 4;
}

/** Bytes the B packing buffer needs (KC×NC floats). */
export function packBSize(): i32 {
  return KC * NC * 4;
}

// Packs rows [i0, i0+mc) × columns [p0, p0+kc) of op(A) into MR-row panels, p-major inside a panel.
function packA(ta: bool, a: usize, lda: i32, i0: i32, mc: i32, p0: i32, kc: i32, alpha: f32, pa: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = min(MR, mc - ir);
    const dst = pa + <usize>(ir * kc) * 4;
    if (!ta) {
      for (let r = 0; r < MR; r++) {
        let d = dst + <usize>r * 4;
        if (r < mr) {
          let src = a + (<usize>(i0 + ir + r) * <usize>lda + <usize>p0) * 4;
          for (let p = 0; p < kc; p++) {
            store<f32>(d, alpha * load<f32>(src));
            src += 4;
            d += MR * 4;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(d, 0);
            d += MR * 4;
          }
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = a + (<usize>(p0 + p) * <usize>lda + <usize>(i0 + ir)) * 4;
        const d = dst + <usize>(p * MR) * 4;
        for (let r = 0; r < MR; r++) store<f32>(d + <usize>r * 4, r < mr ? alpha * load<f32>(src + <usize>r * 4) : 0);
      }
    }
  }
}

// Packs rows [p0, p0+kc) × columns [j0, j0+nc) of op(B) into NR-column strips, p-major inside a strip.
function packB(tb: bool, b: usize, ldb: i32, p0: i32, kc: i32, j0: i32, nc: i32, pb: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const dst = pb + <usize>(jr * kc) * 4;
    if (!tb) {
      for (let p = 0; p < kc; p++) {
        const src = b + (<usize>(p0 + p) * <usize>ldb + <usize>(j0 + jr)) * 4;
        const d = dst + <usize>(p * NR) * 4;
        if (nr == NR) {
          v128.store(d, v128.load(src));
          v128.store(d, v128.load(src, 16), 16);
        } else {
          for (let t = 0; t < NR; t++) store<f32>(d + <usize>t * 4, t < nr ? load<f32>(src + <usize>t * 4) : 0);
        }
      }
    } else {
      for (let t = 0; t < NR; t++) {
        let d = dst + <usize>t * 4;
        if (t < nr) {
          let src = b + (<usize>(j0 + jr + t) * <usize>ldb + <usize>p0) * 4;
          for (let p = 0; p < kc; p++) {
            store<f32>(d, load<f32>(src));
            src += 4;
            d += NR * 4;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(d, 0);
            d += NR * 4;
          }
        }
      }
    }
  }
}

// C[mr×nr] += packedA panel · packedB strip over kc steps. 4×8 measured fastest under V8 (44 GFLOP/s on one
// Zen 5 core vs 26 for 6×8 and 22 for 8×8, which spill accumulators; unrolling k did not help).
// Called from one site, so Binaryen inlines it (no decorator: keeps the file parseable by eslint).
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldc: usize, mr: i32, nr: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += MR * 4;
    pb += NR * 4;
  }
  if (mr == MR && nr == NR) {
    let cp = c;
    v128.store(cp, f32x4.add(v128.load(cp), c00));
    v128.store(cp, f32x4.add(v128.load(cp, 16), c01), 16);
    cp += ldc;
    v128.store(cp, f32x4.add(v128.load(cp), c10));
    v128.store(cp, f32x4.add(v128.load(cp, 16), c11), 16);
    cp += ldc;
    v128.store(cp, f32x4.add(v128.load(cp), c20));
    v128.store(cp, f32x4.add(v128.load(cp, 16), c21), 16);
    cp += ldc;
    v128.store(cp, f32x4.add(v128.load(cp), c30));
    v128.store(cp, f32x4.add(v128.load(cp, 16), c31), 16);
    return;
  }
  // Edge tile: spill the accumulators and add only the rows and columns that exist.
  v128.store(tmp, c00);
  v128.store(tmp, c01, 16);
  v128.store(tmp, c10, 32);
  v128.store(tmp, c11, 48);
  v128.store(tmp, c20, 64);
  v128.store(tmp, c21, 80);
  v128.store(tmp, c30, 96);
  v128.store(tmp, c31, 112);
  for (let r = 0; r < mr; r++) {
    const row = c + <usize>r * ldc;
    const src = tmp + <usize>(r * NR) * 4;
    for (let t = 0; t < nr; t++) {
      const q = row + <usize>t * 4;
      store<f32>(q, load<f32>(q) + load<f32>(src + <usize>t * 4));
    }
  }
}

/**
 * C[i0:i1, j0:j1] = alpha·op(A)·op(B) + beta·C over that rectangle of the m×n result (all of k). Disjoint
 * rectangles may run on different threads at once, each with its own pa/pb/tmp scratch.
 */
export function gemmTile(
  ta: i32, tb: i32, m: i32, n: i32, k: i32, alpha: f32, beta: f32,
  a: usize, b: usize, c: usize, i0: i32, i1: i32, j0: i32, j1: i32,
  pa: usize, pb: usize, tmp: usize,
): void {
  const width = j1 - j0;
  for (let i = i0; i < i1; i++) {
    const row = c + (<usize>i * <usize>n + <usize>j0) * 4;
    if (beta == 0) memory.fill(row, 0, <usize>width * 4);
    else if (beta != 1) for (let j = 0; j < width; j++) store<f32>(row + <usize>j * 4, beta * load<f32>(row + <usize>j * 4));
  }
  if (k == 0 || alpha == 0) return;
  const lda = ta ? m : k;
  const ldb = tb ? k : n;
  const ldc = <usize>n * 4;
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(tb != 0, b, ldb, pc, kc, jc, nc, pb);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        packA(ta != 0, a, lda, ic, mc, pc, kc, alpha, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bp = pb + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            micro(kc, pa + <usize>(ir * kc) * 4, bp, c + (<usize>(ic + ir) * <usize>n + <usize>(jc + jr)) * 4, ldc, min(MR, mc - ir), nr, tmp);
          }
        }
      }
    }
  }
}
