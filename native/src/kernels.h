// Per-element, im2col, pooling, loss and optimiser kernels of the native backend. Plain loops over
// row-major float buffers; the caller (addon.cc, and before it the TypeScript wrapper) has checked sizes.
#pragma once
#include <cstdint>

namespace ns {

enum Act : int { kRelu = 0, kLeakyRelu = 1, kSigmoid = 2, kTanh = 3, kGelu = 4, kLinear = 5 };

struct ConvGeom {
  int n, h, w, c;      // input NHWC
  int kh, kw;          // window
  int sh, sw;          // strides
  int pt, pl;          // padding top / left
  int oh, ow;          // output spatial size
};

void gemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, const float* b, float beta,
          float* c);
// The same contract as gemm, tuned for convolution blocks (conv_gemm.cc); falls back to gemm.
void convGemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, const float* b, float beta,
              float* c);
void setMaxThreads(int threads);
// Picks the BLAS thread count for a call of about `macs` multiply-adds, as gemm does (used by lapack.cc).
void useThreadsForWork(int64_t macs);
int maxThreads();
const char* blasInfo();

void im2col(const float* x, const ConvGeom& g, float* cols);
void col2im(const float* cols, const ConvGeom& g, float* dx);
void maxPool(const float* x, const ConvGeom& g, float* out, int32_t* argmax);
void maxPoolBackward(const float* dy, const int32_t* argmax, int64_t outLen, float* dx, int64_t dxLen);
void avgPool(const float* x, const ConvGeom& g, float* out);
void avgPoolBackward(const float* dy, const ConvGeom& g, float* dx);

void unary(int act, const float* x, float* y, int64_t len, float alpha);
void unaryGrad(int act, const float* x, const float* y, const float* dy, float* dx, int64_t len, float alpha);
void biasAdd(const float* x, const float* bias, int rows, int cols, float* out);
void sumAxis0(const float* x, int rows, int cols, float* out);
void sumAxis1(const float* x, int rows, int cols, float* out);
double sumAll(const float* x, int64_t len);
// Batch norm, channels last (batch_norm.cc); see the Backend contract in src/nn/backends/backend.ts.
void batchNormStats(const float* x, int rows, int cols, float* mean, float* variance);
void batchNormForward(const float* x, int rows, int cols, const float* mean, const float* scale, const float* shift,
                      float* y);
void batchNormBackward(const float* x, const float* dy, int rows, int cols, const float* mean, const float* invStd,
                       const float* gamma, bool training, float* dx, float* dgamma, float* dbeta);
void softmax(const float* x, int rows, int cols, float* out, bool logOut);
double softmaxCrossEntropy(const float* logits, const float* targets, int rows, int cols, bool sparse, float* grad);

void adam(float* p, const float* g, float* m, float* v, int64_t len, float lr, float b1, float b2, float eps, int t,
          float weightDecay);
void sgd(float* p, const float* g, float* vel, int64_t len, float lr, float momentum, bool nesterov,
         float weightDecay);
void rmsprop(float* p, const float* g, float* ms, float* mom, int64_t len, float lr, float rho, float momentum,
             float eps);

}  // namespace ns
