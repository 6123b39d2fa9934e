// A GEMM for convolution's shapes: one narrow dimension (the filters, 32-128) and operands that are
// cache-resident blocks of a few images (src/nn/ops/conv2d.ts). With AVX-512 it runs an 8x32 register-tiled
// kernel (16 accumulators, B rows streamed from L1/L2, A broadcast); OpenBLAS's kernels are what the machine's
// OPENBLAS_CORETYPE selects (Haswell AVX2 on the measured VMs), about half the speed on these shapes.
// Other shapes, and machines without AVX-512, go to the BLAS gemm. The summation order is fixed, so results
// are deterministic.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels.h"

#ifdef __AVX512F__
#include <immintrin.h>
#endif

namespace ns {

#ifdef __AVX512F__
namespace {

constexpr int kNr = 32;  // columns per tile: two 16-float vectors

// C[MR x 32] = alpha * sum_k A(r, k) * B[k][0..32) + beta * C, with A(r, k) = a[r * sar + k * sak].
template <int MR>
inline void tile(int k, const float* a, int64_t sar, int64_t sak, const float* b, int64_t ldb, float* c, int64_t ldc,
                 float alpha, float beta) {
  __m512 lo[MR], hi[MR];
  for (int r = 0; r < MR; r++) {
    lo[r] = _mm512_setzero_ps();
    hi[r] = _mm512_setzero_ps();
  }
  for (int p = 0; p < k; p++) {
    const float* bp = b + p * ldb;
    const __m512 b0 = _mm512_loadu_ps(bp);
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
    const float* ap = a + p * sak;
    for (int r = 0; r < MR; r++) {
      const __m512 av = _mm512_set1_ps(ap[r * sar]);
      lo[r] = _mm512_fmadd_ps(av, b0, lo[r]);
      hi[r] = _mm512_fmadd_ps(av, b1, hi[r]);
    }
  }
  const __m512 va = _mm512_set1_ps(alpha);
  const __m512 vb = _mm512_set1_ps(beta);
  for (int r = 0; r < MR; r++) {
    float* cr = c + r * ldc;
    __m512 x0 = _mm512_mul_ps(va, lo[r]);
    __m512 x1 = _mm512_mul_ps(va, hi[r]);
    if (beta != 0.0f) {  // beta 0 ignores C's old contents, NaN included (the gemm contract)
      x0 = _mm512_fmadd_ps(vb, _mm512_loadu_ps(cr), x0);
      x1 = _mm512_fmadd_ps(vb, _mm512_loadu_ps(cr + 16), x1);
    }
    _mm512_storeu_ps(cr, x0);
    _mm512_storeu_ps(cr + 16, x1);
  }
}

// C[m x n] (row-major, ldc = n) = alpha * A·B + beta * C with B row-major k x n (n a multiple of 32) and A
// addressed by strides. Column panels outermost so a K x 32 panel of B stays in L1/L2 across all rows.
void tiled(int m, int n, int k, float alpha, const float* a, int64_t sar, int64_t sak, const float* b, float beta,
           float* c) {
  constexpr int kMr = 8;
  for (int j = 0; j < n; j += kNr) {
    int i = 0;
    for (; i + kMr <= m; i += kMr) tile<kMr>(k, a + i * sar, sar, sak, b + j, n, c + static_cast<int64_t>(i) * n + j, n, alpha, beta);
    for (; i < m; i++) tile<1>(k, a + i * sar, sar, sak, b + j, n, c + static_cast<int64_t>(i) * n + j, n, alpha, beta);
  }
}

}  // namespace
#endif

void convGemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, const float* b, float beta,
              float* c) {
#ifdef __AVX512F__
  if (n % kNr == 0 && !(transA && transB) && k > 0) {
    if (!transB) {
      // A is m x k (sar = k, sak = 1), or stored k x m when transposed (sar = 1, sak = m).
      tiled(m, n, k, alpha, a, transA ? 1 : k, transA ? m : 1, b, beta, c);
    } else {
      // B is stored n x k: transpose it once (it is the small operand, the kernel) so its rows are contiguous.
      thread_local std::vector<float> bt;
      bt.resize(static_cast<size_t>(k) * n);
      for (int j = 0; j < n; j++)
        for (int p = 0; p < k; p++) bt[static_cast<size_t>(p) * n + j] = b[static_cast<int64_t>(j) * k + p];
      tiled(m, n, k, alpha, a, k, 1, bt.data(), beta, c);
    }
    return;
  }
#endif
  gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
}

}  // namespace ns
