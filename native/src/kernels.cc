#include "kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#ifdef __AVX512F__
#include <immintrin.h>
#endif

#ifdef NORTHSTAR_ACCELERATE
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

namespace ns {

// ---- GEMM through BLAS ---------------------------------------------------------------------------------
// Small GEMMs (a batch-128 dense layer) lose when OpenBLAS wakes a second thread on a 2-vCPU VM, so only
// GEMMs above this many multiply-adds use more than one thread (measured: 93k vs 77k samples/s on W1).
static const double kThreadedMacs = 64.0 * 1024 * 1024;
static int gMaxThreads = 0;      // 0 = not yet read from the library
static int gCurrentThreads = -1;  // last value handed to openblas_set_num_threads

static void useThreads(int threads) {
#ifndef NORTHSTAR_ACCELERATE
  if (threads != gCurrentThreads) {
    openblas_set_num_threads(threads);
    gCurrentThreads = threads;
  }
#else
  (void)threads;
#endif
}

int maxThreads() {
#ifndef NORTHSTAR_ACCELERATE
  if (gMaxThreads == 0) gMaxThreads = std::max(1, openblas_get_num_threads());
#else
  if (gMaxThreads == 0) gMaxThreads = 1;
#endif
  return gMaxThreads;
}

void setMaxThreads(int threads) { gMaxThreads = std::max(1, threads); }

void useThreadsForWork(int64_t macs) { useThreads(static_cast<double>(macs) >= kThreadedMacs ? maxThreads() : 1); }

const char* blasInfo() {
#ifndef NORTHSTAR_ACCELERATE
  static char buf[256];
  snprintf(buf, sizeof buf, "OpenBLAS %s; core %s", openblas_get_config(), openblas_get_corename());
  return buf;
#else
  return "Accelerate";
#endif
}

void gemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, const float* b, float beta,
          float* c) {
  const double macs = static_cast<double>(m) * n * k;
  useThreads(macs >= kThreadedMacs ? maxThreads() : 1);
  cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, alpha,
              a, transA ? m : k, b, transB ? k : n, beta, c, n);
}

// ---- im2col / col2im (NHWC; one row per output position, columns ordered kh, kw, c) --------------------
void im2col(const float* x, const ConvGeom& g, float* cols) {
  const int rowLen = g.kw * g.c;  // one kernel row: kw pixels × c channels
  float* dst = cols;
  for (int b = 0; b < g.n; b++) {
    const float* img = x + static_cast<int64_t>(b) * g.h * g.w * g.c;
    for (int oy = 0; oy < g.oh; oy++) {
      for (int ox = 0; ox < g.ow; ox++) {
        const int ix0 = ox * g.sw - g.pl;
        const bool inside = ix0 >= 0 && ix0 + g.kw <= g.w;
        for (int ky = 0; ky < g.kh; ky++) {
          const int iy = oy * g.sh - g.pt + ky;
          if (iy < 0 || iy >= g.h) {
            std::memset(dst, 0, sizeof(float) * rowLen);
          } else if (inside) {
            // The kernel row's pixels are contiguous in NHWC: one copy (matters when c is small, e.g. 1).
            std::memcpy(dst, img + (static_cast<int64_t>(iy) * g.w + ix0) * g.c, sizeof(float) * rowLen);
          } else {
            for (int kx = 0; kx < g.kw; kx++) {
              const int ix = ix0 + kx;
              float* d = dst + kx * g.c;
              if (ix < 0 || ix >= g.w) std::memset(d, 0, sizeof(float) * g.c);
              else std::memcpy(d, img + (static_cast<int64_t>(iy) * g.w + ix) * g.c, sizeof(float) * g.c);
            }
          }
          dst += rowLen;
        }
      }
    }
  }
}

void col2im(const float* cols, const ConvGeom& g, float* dx) {
  std::memset(dx, 0, sizeof(float) * static_cast<int64_t>(g.n) * g.h * g.w * g.c);
  const int rowLen = g.kw * g.c;
  const float* src = cols;
  for (int b = 0; b < g.n; b++) {
    float* img = dx + static_cast<int64_t>(b) * g.h * g.w * g.c;
    for (int oy = 0; oy < g.oh; oy++) {
      for (int ox = 0; ox < g.ow; ox++) {
        const int ix0 = ox * g.sw - g.pl;
        const bool inside = ix0 >= 0 && ix0 + g.kw <= g.w;
        for (int ky = 0; ky < g.kh; ky++) {
          const int iy = oy * g.sh - g.pt + ky;
          if (iy >= 0 && iy < g.h) {
            if (inside) {
              float* d = img + (static_cast<int64_t>(iy) * g.w + ix0) * g.c;
              for (int i = 0; i < rowLen; i++) d[i] += src[i];
            } else {
              for (int kx = 0; kx < g.kw; kx++) {
                const int ix = ix0 + kx;
                if (ix < 0 || ix >= g.w) continue;
                float* d = img + (static_cast<int64_t>(iy) * g.w + ix) * g.c;
                const float* s = src + kx * g.c;
                for (int ch = 0; ch < g.c; ch++) d[ch] += s[ch];
              }
            }
          }
          src += rowLen;
        }
      }
    }
  }
}

// ---- pooling (NHWC; padded cells are ignored, as TensorFlow does) ---------------------------------------
void maxPool(const float* x, const ConvGeom& g, float* out, int32_t* argmax) {
  int64_t o = 0;
  for (int b = 0; b < g.n; b++) {
    const int64_t base = static_cast<int64_t>(b) * g.h * g.w * g.c;
    for (int oy = 0; oy < g.oh; oy++) {
      const int y0 = std::max(0, oy * g.sh - g.pt), y1 = std::min(g.h, oy * g.sh - g.pt + g.kh);
      for (int ox = 0; ox < g.ow; ox++) {
        const int x0 = std::max(0, ox * g.sw - g.pl), x1 = std::min(g.w, ox * g.sw - g.pl + g.kw);
        float* __restrict dst = out + o;
        int32_t* __restrict arg = argmax + o;
        if (y1 <= y0 || x1 <= x0) {  // an all-padding window
          for (int ch = 0; ch < g.c; ch++) {
            dst[ch] = 0.0f;
            arg[ch] = -1;
          }
          o += g.c;
          continue;
        }
        // The first cell seeds the maximum; the others replace it when greater or NaN (a NaN input wins so
        // the loss check sees it). Written as selects, not branches: on real activations the comparisons are
        // unpredictable, and the select form vectorises over the channels.
        const int64_t first = base + (static_cast<int64_t>(y0) * g.w + x0) * g.c;
        for (int ch = 0; ch < g.c; ch++) {
          dst[ch] = x[first + ch];
          arg[ch] = static_cast<int32_t>(first + ch);
        }
        for (int iy = y0; iy < y1; iy++) {
          for (int ix = (iy == y0 ? x0 + 1 : x0); ix < x1; ix++) {
            const int64_t idx = base + (static_cast<int64_t>(iy) * g.w + ix) * g.c;
            const float* __restrict src = x + idx;
            const int32_t i0 = static_cast<int32_t>(idx);
            int ch = 0;
#ifdef __AVX512F__
            const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            for (; ch + 16 <= g.c; ch += 16) {
              const __m512 v = _mm512_loadu_ps(src + ch);
              const __m512 d = _mm512_loadu_ps(dst + ch);
              const __mmask16 take = _mm512_cmp_ps_mask(v, d, _CMP_GT_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
              _mm512_storeu_ps(dst + ch, _mm512_mask_mov_ps(d, take, v));
              const __m512i a = _mm512_loadu_si512(arg + ch);
              const __m512i here = _mm512_add_epi32(_mm512_set1_epi32(i0 + ch), iota);
              _mm512_storeu_si512(arg + ch, _mm512_mask_mov_epi32(a, take, here));
            }
#endif
            for (; ch < g.c; ch++) {
              const float v = src[ch];
              const float d = dst[ch];
              const bool take = (v > d) | (v != v);  // bitwise: no short-circuit branch
              dst[ch] = take ? v : d;
              arg[ch] = take ? i0 + ch : arg[ch];
            }
          }
        }
        o += g.c;
      }
    }
  }
}

void maxPoolBackward(const float* dy, const int32_t* argmax, int64_t outLen, float* dx, int64_t dxLen) {
  std::memset(dx, 0, sizeof(float) * dxLen);
  for (int64_t i = 0; i < outLen; i++) {
    const int32_t j = argmax[i];
    if (j >= 0) dx[j] += dy[i];
  }
}

void avgPool(const float* x, const ConvGeom& g, float* out) {
  int64_t o = 0;
  for (int b = 0; b < g.n; b++) {
    const int64_t base = static_cast<int64_t>(b) * g.h * g.w * g.c;
    for (int oy = 0; oy < g.oh; oy++) {
      const int y0 = std::max(0, oy * g.sh - g.pt), y1 = std::min(g.h, oy * g.sh - g.pt + g.kh);
      for (int ox = 0; ox < g.ow; ox++) {
        const int x0 = std::max(0, ox * g.sw - g.pl), x1 = std::min(g.w, ox * g.sw - g.pl + g.kw);
        float* dst = out + o;
        std::memset(dst, 0, sizeof(float) * g.c);
        const int count = (y1 - y0) * (x1 - x0);
        for (int iy = y0; iy < y1; iy++)
          for (int ix = x0; ix < x1; ix++) {
            const float* src = x + base + (static_cast<int64_t>(iy) * g.w + ix) * g.c;
            for (int ch = 0; ch < g.c; ch++) dst[ch] += src[ch];
          }
        const float inv = count > 0 ? 1.0f / count : 0.0f;
        for (int ch = 0; ch < g.c; ch++) dst[ch] *= inv;
        o += g.c;
      }
    }
  }
}

void avgPoolBackward(const float* dy, const ConvGeom& g, float* dx) {
  std::memset(dx, 0, sizeof(float) * static_cast<int64_t>(g.n) * g.h * g.w * g.c);
  int64_t o = 0;
  for (int b = 0; b < g.n; b++) {
    const int64_t base = static_cast<int64_t>(b) * g.h * g.w * g.c;
    for (int oy = 0; oy < g.oh; oy++) {
      const int y0 = std::max(0, oy * g.sh - g.pt), y1 = std::min(g.h, oy * g.sh - g.pt + g.kh);
      for (int ox = 0; ox < g.ow; ox++) {
        const int x0 = std::max(0, ox * g.sw - g.pl), x1 = std::min(g.w, ox * g.sw - g.pl + g.kw);
        const int count = (y1 - y0) * (x1 - x0);
        const float inv = count > 0 ? 1.0f / count : 0.0f;
        const float* src = dy + o;
        for (int iy = y0; iy < y1; iy++)
          for (int ix = x0; ix < x1; ix++) {
            float* d = dx + base + (static_cast<int64_t>(iy) * g.w + ix) * g.c;
            for (int ch = 0; ch < g.c; ch++) d[ch] += src[ch] * inv;
          }
        o += g.c;
      }
    }
  }
}

// ---- element-wise activations ---------------------------------------------------------------------------
static inline float sigmoidf(float v) {
  // Two branches so exp never overflows.
  if (v >= 0) return 1.0f / (1.0f + std::exp(-v));
  const float e = std::exp(v);
  return e / (1.0f + e);
}

void unary(int act, const float* x, float* y, int64_t len, float alpha) {
  switch (act) {
    case kRelu:
      for (int64_t i = 0; i < len; i++) y[i] = x[i] > 0.0f ? x[i] : (std::isnan(x[i]) ? x[i] : 0.0f);
      break;
    case kLeakyRelu:
      for (int64_t i = 0; i < len; i++) y[i] = x[i] > 0.0f ? x[i] : alpha * x[i];
      break;
    case kSigmoid:
      for (int64_t i = 0; i < len; i++) y[i] = sigmoidf(x[i]);
      break;
    case kTanh:
      for (int64_t i = 0; i < len; i++) y[i] = std::tanh(x[i]);
      break;
    case kGelu:
      for (int64_t i = 0; i < len; i++) y[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * 0.70710678118654752f));
      break;
    default:
      if (y != x) std::memcpy(y, x, sizeof(float) * len);
  }
}

void unaryGrad(int act, const float* x, const float* y, const float* dy, float* dx, int64_t len, float alpha) {
  switch (act) {
    case kRelu:
      for (int64_t i = 0; i < len; i++) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
      break;
    case kLeakyRelu:
      for (int64_t i = 0; i < len; i++) dx[i] = x[i] > 0.0f ? dy[i] : alpha * dy[i];
      break;
    case kSigmoid:
      for (int64_t i = 0; i < len; i++) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
      break;
    case kTanh:
      for (int64_t i = 0; i < len; i++) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
      break;
    case kGelu:
      for (int64_t i = 0; i < len; i++) {
        const float v = x[i];
        const float cdf = 0.5f * (1.0f + std::erf(v * 0.70710678118654752f));
        const float pdf = 0.3989422804014327f * std::exp(-0.5f * v * v);
        dx[i] = dy[i] * (cdf + v * pdf);
      }
      break;
    default:
      if (dx != dy) std::memcpy(dx, dy, sizeof(float) * len);
  }
}

void biasAdd(const float* x, const float* bias, int rows, int cols, float* out) {
  for (int r = 0; r < rows; r++) {
    const float* src = x + static_cast<int64_t>(r) * cols;
    float* dst = out + static_cast<int64_t>(r) * cols;
    for (int j = 0; j < cols; j++) dst[j] = src[j] + bias[j];
  }
}

// ---- reductions (float accumulators per column vectorise; the grand total is summed in double) -----------
void sumAxis0(const float* x, int rows, int cols, float* out) {
  std::memset(out, 0, sizeof(float) * cols);
  for (int r = 0; r < rows; r++) {
    const float* src = x + static_cast<int64_t>(r) * cols;
    for (int j = 0; j < cols; j++) out[j] += src[j];
  }
}

void sumAxis1(const float* x, int rows, int cols, float* out) {
  for (int r = 0; r < rows; r++) {
    const float* src = x + static_cast<int64_t>(r) * cols;
    double s = 0;
    for (int j = 0; j < cols; j++) s += src[j];
    out[r] = static_cast<float>(s);
  }
}

double sumAll(const float* x, int64_t len) {
  double s = 0;
  for (int64_t i = 0; i < len; i++) s += x[i];
  return s;
}

void softmax(const float* x, int rows, int cols, float* out, bool logOut) {
  for (int r = 0; r < rows; r++) {
    const float* src = x + static_cast<int64_t>(r) * cols;
    float* dst = out + static_cast<int64_t>(r) * cols;
    float mx = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < cols; j++) mx = std::max(mx, src[j]);
    float s = 0;
    for (int j = 0; j < cols; j++) s += std::exp(src[j] - mx);
    if (logOut) {
      const float lse = mx + std::log(s);
      for (int j = 0; j < cols; j++) dst[j] = src[j] - lse;
    } else {
      const float inv = 1.0f / s;
      for (int j = 0; j < cols; j++) dst[j] = std::exp(src[j] - mx) * inv;
    }
  }
}

double softmaxCrossEntropy(const float* logits, const float* targets, int rows, int cols, bool sparse, float* grad) {
  double loss = 0;
  const float invRows = 1.0f / rows;
  for (int r = 0; r < rows; r++) {
    const float* z = logits + static_cast<int64_t>(r) * cols;
    float mx = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < cols; j++) mx = std::max(mx, z[j]);
    double s = 0;
    for (int j = 0; j < cols; j++) s += std::exp(z[j] - mx);
    const double lse = mx + std::log(s);
    float* gr = grad ? grad + static_cast<int64_t>(r) * cols : nullptr;
    if (sparse) {
      const int label = static_cast<int>(targets[r]);
      loss += lse - z[label];
      if (gr) {
        for (int j = 0; j < cols; j++) gr[j] = static_cast<float>(std::exp(z[j] - lse)) * invRows;
        gr[label] -= invRows;
      }
    } else {
      const float* y = targets + static_cast<int64_t>(r) * cols;
      double ysum = 0, dot = 0;
      for (int j = 0; j < cols; j++) {
        ysum += y[j];
        dot += y[j] * z[j];
      }
      loss += ysum * lse - dot;
      if (gr)
        for (int j = 0; j < cols; j++)
          gr[j] = (static_cast<float>(std::exp(z[j] - lse)) * static_cast<float>(ysum) - y[j]) * invRows;
    }
  }
  return loss / rows;
}

// ---- optimiser steps (Keras semantics) -------------------------------------------------------------------
void adam(float* p, const float* g, float* m, float* v, int64_t len, float lr, float b1, float b2, float eps, int t,
          float weightDecay) {
  const double bc1 = 1.0 - std::pow(static_cast<double>(b1), t);
  const double bc2 = 1.0 - std::pow(static_cast<double>(b2), t);
  const float stepSize = static_cast<float>(lr * std::sqrt(bc2) / bc1);
  const float epsHat = eps;  // Keras applies epsilon unscaled (PyTorch scales it by sqrt(bc2))
  const float decay = 1.0f - lr * weightDecay;
  const float c1 = 1.0f - b1, c2 = 1.0f - b2;
  for (int64_t i = 0; i < len; i++) {
    const float gi = g[i];
    const float mi = b1 * m[i] + c1 * gi;
    const float vi = b2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] * decay - stepSize * mi / (std::sqrt(vi) + epsHat);
  }
}

void sgd(float* p, const float* g, float* vel, int64_t len, float lr, float momentum, bool nesterov,
         float weightDecay) {
  if (momentum == 0.0f || vel == nullptr) {
    for (int64_t i = 0; i < len; i++) p[i] -= lr * (g[i] + weightDecay * p[i]);
    return;
  }
  for (int64_t i = 0; i < len; i++) {
    const float gi = g[i] + weightDecay * p[i];
    const float vi = momentum * vel[i] - lr * gi;
    vel[i] = vi;
    p[i] += nesterov ? momentum * vi - lr * gi : vi;
  }
}

void rmsprop(float* p, const float* g, float* ms, float* mom, int64_t len, float lr, float rho, float momentum,
             float eps) {
  const float c = 1.0f - rho;
  for (int64_t i = 0; i < len; i++) {
    const float gi = g[i];
    const float si = rho * ms[i] + c * gi * gi;
    ms[i] = si;
    const float step = lr * gi / (std::sqrt(si) + eps);
    if (momentum > 0.0f && mom != nullptr) {
      const float mi = momentum * mom[i] + step;
      mom[i] = mi;
      p[i] -= mi;
    } else {
      p[i] -= step;
    }
  }
}

}  // namespace ns
