// LAPACK entry points for Float64 work outside the NN engine's Float32 kernels (recommendation models: EASE
// inverts the items × items Gram matrix). OpenBLAS ships the reference LAPACK routines with its optimised
// BLAS-3 underneath, so a Cholesky inverse runs at GEMM speed instead of a scalar loop's.
#include "lapack.h"

#include "kernels.h"

#ifndef NORTHSTAR_ACCELERATE
extern "C" {
void dpotrf_(const char* uplo, const int* n, double* a, const int* lda, int* info);
void dpotri_(const char* uplo, const int* n, double* a, const int* lda, int* info);
}
#endif

namespace ns {

int spdInverse64(double* a, int n) {
#ifdef NORTHSTAR_ACCELERATE
  (void)a;
  (void)n;
  return kLapackUnavailable;  // the TypeScript side falls back to its own Cholesky
#else
  if (n <= 0) return 0;
  // Row-major lower triangle = column-major upper triangle of the same symmetric matrix.
  const char uplo = 'U';
  int info = 0;
  useThreadsForWork(static_cast<int64_t>(n) * n * n / 3);
  dpotrf_(&uplo, &n, a, &n, &info);
  if (info != 0) return info;
  dpotri_(&uplo, &n, a, &n, &info);
  if (info != 0) return info;
  // dpotri fills one triangle (row-major lower); mirror it so the caller gets the full inverse.
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) a[static_cast<int64_t>(j) * n + i] = a[static_cast<int64_t>(i) * n + j];
  }
  return 0;
#endif
}

}  // namespace ns

namespace ns {

void csrGramApply(const int32_t* indptr, const int32_t* indices, const float* data, int rows, const float* y,
                  const float* v, float* out, int f, double s0, double s1, double s2) {
  for (int u = 0; u < rows; u++) {
    const float* vu = v + static_cast<int64_t>(u) * f;
    float* ou = out + static_cast<int64_t>(u) * f;
    for (int32_t q = indptr[u]; q < indptr[u + 1]; q++) {
      const float* yq = y + static_cast<int64_t>(indices[q]) * f;
      const double c = data[q];
      // Eight partial sums: without -ffast-math the compiler may not reorder one sum, so it would not vectorise.
      float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      int a = 0;
      for (; a + 8 <= f; a += 8) {
        for (int k = 0; k < 8; k++) acc[k] += yq[a + k] * vu[a + k];
      }
      float d = 0;
      for (; a < f; a++) d += yq[a] * vu[a];
      for (int k = 0; k < 8; k++) d += acc[k];
      const float coef = static_cast<float>(s0 + s1 * c + s2 * c * d);
      for (int b = 0; b < f; b++) ou[b] += coef * yq[b];
    }
  }
}

}  // namespace ns
