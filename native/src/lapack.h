// Float64 LAPACK helpers (see lapack.cc).
#pragma once

namespace ns {

// Returned by spdInverse64 when the build has no LAPACK (macOS Accelerate path not wired).
constexpr int kLapackUnavailable = -1000;

// Inverts a symmetric positive-definite n × n matrix in place (row-major, both triangles read as the same
// matrix) with a Cholesky factorisation (dpotrf + dpotri). Returns 0, LAPACK's info (> 0: not positive
// definite at that order), or kLapackUnavailable.
int spdInverse64(double* a, int n);

}  // namespace ns
