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
