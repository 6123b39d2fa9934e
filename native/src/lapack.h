// Float64 LAPACK helpers (see lapack.cc).
#pragma once
#include <cstdint>

namespace ns {

// Returned by spdInverse64 when the build has no LAPACK (macOS Accelerate path not wired).
constexpr int kLapackUnavailable = -1000;

// Inverts a symmetric positive-definite n × n matrix in place (row-major, both triangles read as the same
// matrix) with a Cholesky factorisation (dpotrf + dpotri). Returns 0, LAPACK's info (> 0: not positive
// definite at that order), or kLapackUnavailable.
int spdInverse64(double* a, int n);

}  // namespace ns

namespace ns {

// For each row u of a CSR matrix (indptr, indices, data: rows × items) and item factors y (items × f):
// out[u] += Σ_q (s0 + s1·c_q + s2·c_q·⟨y_q, v[u]⟩)·y_q, with c_q = data[q]. Implicit ALS's conjugate-gradient
// steps need exactly this sparse part of A·v (s2 = 1) and of the residual b − A·x (s0 = 1, s1 = 1, s2 = −1).
void csrGramApply(const int32_t* indptr, const int32_t* indices, const float* data, int rows, const float* y,
                  const float* v, float* out, int f, double s0, double s1, double s2);

}  // namespace ns
