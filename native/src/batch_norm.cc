// Batch-norm kernels of the native backend (channels last: x is [rows, cols], one channel per column).
// The reference is src/nn/backends/js-batch-norm.ts. Per-channel sums run in double with one accumulator per
// channel; the inner loops walk contiguous columns so the compiler vectorises them. Nothing is allocated per
// element pass: the per-channel scratch (a few KiB at most) lives on the stack or in a small vector.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels.h"

namespace ns {

void batchNormStats(const float* x, int rows, int cols, float* mean, float* variance) {
  std::vector<double> m(cols, 0.0), v(cols, 0.0);
  double* mp = m.data();
  double* vp = v.data();
  for (int r = 0; r < rows; r++) {
    const float* row = x + static_cast<int64_t>(r) * cols;
    for (int j = 0; j < cols; j++) mp[j] += row[j];
  }
  for (int j = 0; j < cols; j++) mp[j] /= rows;
  for (int r = 0; r < rows; r++) {
    const float* row = x + static_cast<int64_t>(r) * cols;
    for (int j = 0; j < cols; j++) {
      const double c = row[j] - mp[j];
      vp[j] += c * c;
    }
  }
  for (int j = 0; j < cols; j++) {
    mean[j] = static_cast<float>(mp[j]);
    variance[j] = static_cast<float>(vp[j] / rows);
  }
}

void batchNormForward(const float* x, int rows, int cols, const float* mean, const float* scale, const float* shift,
                      float* y) {
  for (int r = 0; r < rows; r++) {
    const int64_t o = static_cast<int64_t>(r) * cols;
    const float* in = x + o;
    float* out = y + o;
    for (int j = 0; j < cols; j++) out[j] = scale[j] * (in[j] - mean[j]) + shift[j];
  }
}

void batchNormBackward(const float* x, const float* dy, int rows, int cols, const float* mean, const float* invStd,
                       const float* gamma, bool training, float* dx, float* dgamma, float* dbeta) {
  std::vector<double> sums(2 * static_cast<size_t>(cols), 0.0);
  double* sumDy = sums.data();
  double* sumDyXc = sumDy + cols;
  for (int r = 0; r < rows; r++) {
    const int64_t o = static_cast<int64_t>(r) * cols;
    const float* xr = x + o;
    const float* g = dy + o;
    for (int j = 0; j < cols; j++) {
      const double gj = g[j];
      sumDy[j] += gj;
      sumDyXc[j] += gj * static_cast<double>(xr[j] - mean[j]);
    }
  }
  std::vector<float> coef(3 * static_cast<size_t>(cols));
  float* a = coef.data();
  float* b = a + cols;
  float* c = b + cols;
  for (int j = 0; j < cols; j++) {
    const double is = invStd[j];
    dbeta[j] = static_cast<float>(sumDy[j]);
    dgamma[j] = static_cast<float>(sumDyXc[j] * is);
    const double scale = static_cast<double>(gamma[j]) * is;
    a[j] = static_cast<float>(scale);
    b[j] = training ? static_cast<float>(-scale * is * is * sumDyXc[j] / rows) : 0.0f;
    c[j] = training ? static_cast<float>(-scale * sumDy[j] / rows) : 0.0f;
  }
  if (dx == nullptr) return;
  for (int r = 0; r < rows; r++) {
    const int64_t o = static_cast<int64_t>(r) * cols;
    const float* xr = x + o;
    const float* g = dy + o;
    float* d = dx + o;
    for (int j = 0; j < cols; j++) d[j] = a[j] * g[j] + b[j] * (xr[j] - mean[j]) + c[j];
  }
}

}  // namespace ns
