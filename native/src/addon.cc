// N-API bindings of the native backend. Every function takes typed arrays and integers; the TypeScript
// wrapper (src/nn/backends/native.ts) validates lengths before calling, so these only unwrap arguments.
#include <napi.h>

#include "kernels.h"
#include "lapack.h"

namespace {

float* F(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Float32Array>().Data(); }
float* FOrNull(const Napi::CallbackInfo& info, size_t i) {
  return info[i].IsTypedArray() ? info[i].As<Napi::Float32Array>().Data() : nullptr;
}
int64_t Len(const Napi::CallbackInfo& info, size_t i) {
  return static_cast<int64_t>(info[i].As<Napi::Float32Array>().ElementLength());
}
int I(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().Int32Value(); }
float D(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().FloatValue(); }
bool B(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Boolean>().Value(); }

// Geometry packed as an Int32Array [n,h,w,c,kh,kw,sh,sw,pt,pl,oh,ow] keeps call sites short.
ns::ConvGeom Geom(const Napi::CallbackInfo& info, size_t i) {
  const int32_t* g = info[i].As<Napi::Int32Array>().Data();
  return ns::ConvGeom{g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11]};
}

// gemm(transA, transB, m, n, k, alpha, a, b, beta, c)
void Gemm(const Napi::CallbackInfo& info) {
  ns::gemm(B(info, 0), B(info, 1), I(info, 2), I(info, 3), I(info, 4), D(info, 5), F(info, 6), F(info, 7),
           D(info, 8), F(info, 9));
}
// convGemm(transA, transB, m, n, k, alpha, a, b, beta, c): gemm for convolution blocks
void ConvGemm(const Napi::CallbackInfo& info) {
  ns::convGemm(B(info, 0), B(info, 1), I(info, 2), I(info, 3), I(info, 4), D(info, 5), F(info, 6), F(info, 7),
               D(info, 8), F(info, 9));
}
void SetMaxThreads(const Napi::CallbackInfo& info) { ns::setMaxThreads(I(info, 0)); }
Napi::Value MaxThreads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), ns::maxThreads()); }
Napi::Value BlasInfo(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), ns::blasInfo()); }

void Im2col(const Napi::CallbackInfo& info) { ns::im2col(F(info, 0), Geom(info, 1), F(info, 2)); }
void Col2im(const Napi::CallbackInfo& info) { ns::col2im(F(info, 0), Geom(info, 1), F(info, 2)); }
void MaxPool(const Napi::CallbackInfo& info) {
  ns::maxPool(F(info, 0), Geom(info, 1), F(info, 2), info[3].As<Napi::Int32Array>().Data());
}
void MaxPoolBackward(const Napi::CallbackInfo& info) {
  auto arg = info[1].As<Napi::Int32Array>();
  ns::maxPoolBackward(F(info, 0), arg.Data(), static_cast<int64_t>(arg.ElementLength()), F(info, 2), Len(info, 2));
}
void AvgPool(const Napi::CallbackInfo& info) { ns::avgPool(F(info, 0), Geom(info, 1), F(info, 2)); }
void AvgPoolBackward(const Napi::CallbackInfo& info) { ns::avgPoolBackward(F(info, 0), Geom(info, 1), F(info, 2)); }

// unary(act, x, y, alpha)
void Unary(const Napi::CallbackInfo& info) { ns::unary(I(info, 0), F(info, 1), F(info, 2), Len(info, 1), D(info, 3)); }
// unaryGrad(act, x, y, dy, dx, alpha)
void UnaryGrad(const Napi::CallbackInfo& info) {
  ns::unaryGrad(I(info, 0), FOrNull(info, 1), FOrNull(info, 2), F(info, 3), F(info, 4), Len(info, 3), D(info, 5));
}
void BiasAdd(const Napi::CallbackInfo& info) { ns::biasAdd(F(info, 0), F(info, 1), I(info, 2), I(info, 3), F(info, 4)); }
void SumAxis0(const Napi::CallbackInfo& info) { ns::sumAxis0(F(info, 0), I(info, 1), I(info, 2), F(info, 3)); }
void SumAxis1(const Napi::CallbackInfo& info) { ns::sumAxis1(F(info, 0), I(info, 1), I(info, 2), F(info, 3)); }
Napi::Value SumAll(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), ns::sumAll(F(info, 0), Len(info, 0)));
}
void Softmax(const Napi::CallbackInfo& info) {
  ns::softmax(F(info, 0), I(info, 1), I(info, 2), F(info, 3), B(info, 4));
}
// softmaxCrossEntropy(logits, targets, rows, cols, sparse, grad|null) -> mean loss
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info) {
  const double loss =
      ns::softmaxCrossEntropy(F(info, 0), F(info, 1), I(info, 2), I(info, 3), B(info, 4), FOrNull(info, 5));
  return Napi::Number::New(info.Env(), loss);
}
// batchNormStats(x, rows, cols, mean, variance)
void BatchNormStats(const Napi::CallbackInfo& info) {
  ns::batchNormStats(F(info, 0), I(info, 1), I(info, 2), F(info, 3), F(info, 4));
}
// batchNormForward(x, rows, cols, mean, scale, shift, y)
void BatchNormForward(const Napi::CallbackInfo& info) {
  ns::batchNormForward(F(info, 0), I(info, 1), I(info, 2), F(info, 3), F(info, 4), F(info, 5), F(info, 6));
}
// batchNormBackward(x, dy, rows, cols, mean, invStd, gamma, training, dx|null, dgamma, dbeta)
void BatchNormBackward(const Napi::CallbackInfo& info) {
  ns::batchNormBackward(F(info, 0), F(info, 1), I(info, 2), I(info, 3), F(info, 4), F(info, 5), F(info, 6), B(info, 7),
                        FOrNull(info, 8), F(info, 9), F(info, 10));
}
// adam(p, g, m, v, lr, b1, b2, eps, t, weightDecay)
void Adam(const Napi::CallbackInfo& info) {
  ns::adam(F(info, 0), F(info, 1), F(info, 2), F(info, 3), Len(info, 0), D(info, 4), D(info, 5), D(info, 6),
           D(info, 7), I(info, 8), D(info, 9));
}
// sgd(p, g, vel|null, lr, momentum, nesterov, weightDecay)
void Sgd(const Napi::CallbackInfo& info) {
  ns::sgd(F(info, 0), F(info, 1), FOrNull(info, 2), Len(info, 0), D(info, 3), D(info, 4), B(info, 5), D(info, 6));
}
// rmsprop(p, g, ms, mom|null, lr, rho, momentum, eps)
void Rmsprop(const Napi::CallbackInfo& info) {
  ns::rmsprop(F(info, 0), F(info, 1), F(info, 2), FOrNull(info, 3), Len(info, 0), D(info, 4), D(info, 5), D(info, 6),
              D(info, 7));
}

// spdInverse64(a: Float64Array, n) -> LAPACK info (0 = inverted in place)
Napi::Value SpdInverse64(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), ns::spdInverse64(info[0].As<Napi::Float64Array>().Data(), I(info, 1)));
}

// csrGramApply(indptr, indices, data, rows, y, v, out, f, s0, s1, s2)
void CsrGramApply(const Napi::CallbackInfo& info) {
  ns::csrGramApply(info[0].As<Napi::Int32Array>().Data(), info[1].As<Napi::Int32Array>().Data(), F(info, 2), I(info, 3),
                   F(info, 4), F(info, 5), F(info, 6), I(info, 7), info[8].As<Napi::Number>().DoubleValue(),
                   info[9].As<Napi::Number>().DoubleValue(), info[10].As<Napi::Number>().DoubleValue());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  ns::maxThreads();  // read the library's thread count before any GEMM lowers it
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("convGemm", Napi::Function::New(env, ConvGemm));
  exports.Set("setMaxThreads", Napi::Function::New(env, SetMaxThreads));
  exports.Set("maxThreads", Napi::Function::New(env, MaxThreads));
  exports.Set("blasInfo", Napi::Function::New(env, BlasInfo));
  exports.Set("im2col", Napi::Function::New(env, Im2col));
  exports.Set("col2im", Napi::Function::New(env, Col2im));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool));
  exports.Set("maxPoolBackward", Napi::Function::New(env, MaxPoolBackward));
  exports.Set("avgPool", Napi::Function::New(env, AvgPool));
  exports.Set("avgPoolBackward", Napi::Function::New(env, AvgPoolBackward));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("unaryGrad", Napi::Function::New(env, UnaryGrad));
  exports.Set("biasAdd", Napi::Function::New(env, BiasAdd));
  exports.Set("sumAxis0", Napi::Function::New(env, SumAxis0));
  exports.Set("sumAxis1", Napi::Function::New(env, SumAxis1));
  exports.Set("sumAll", Napi::Function::New(env, SumAll));
  exports.Set("softmax", Napi::Function::New(env, Softmax));
  exports.Set("softmaxCrossEntropy", Napi::Function::New(env, SoftmaxCrossEntropy));
  exports.Set("batchNormStats", Napi::Function::New(env, BatchNormStats));
  exports.Set("batchNormForward", Napi::Function::New(env, BatchNormForward));
  exports.Set("batchNormBackward", Napi::Function::New(env, BatchNormBackward));
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("sgd", Napi::Function::New(env, Sgd));
  exports.Set("rmsprop", Napi::Function::New(env, Rmsprop));
  exports.Set("spdInverse64", Napi::Function::New(env, SpdInverse64));
  exports.Set("csrGramApply", Napi::Function::New(env, CsrGramApply));
  return exports;
}

}  // namespace

NODE_API_MODULE(northstar_nn, Init)
