/**
 * The compute contract of the neural-network engine. Every kernel works on caller-owned row-major Float32Array
 * buffers (the autograd layer preallocates and reuses them), so a backend never allocates per call. One
 * conformance suite (`backend-conformance.test.ts`) holds every implementation to the same results.
 */

/** Element-wise activations a backend implements forward and backward. */
export type Activation = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'gelu' | 'linear';

/** Numeric ids shared with the native addon (`native/src/kernels.h`). */
export const ACTIVATION_IDS: Readonly<Record<Activation, number>> = {
  relu: 0,
  leakyRelu: 1,
  sigmoid: 2,
  tanh: 3,
  gelu: 4,
  linear: 5,
};

/**
 * Geometry of a 2-D window op over an NHWC input: convolution (via im2col) and pooling. The output is
 * `[n, oh, ow, ·]`; padding cells read as zero for im2col and are skipped by pooling (as TensorFlow does).
 */
export interface WindowGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  /** Padding rows above the image. */
  pt: number;
  /** Padding columns left of the image. */
  pl: number;
  oh: number;
  ow: number;
}

/** Adam / AdamW hyper-parameters for one step (`step` counts from 1). */
export interface AdamStep {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  step: number;
  /** Decoupled weight decay (AdamW); 0 for plain Adam. */
  weightDecay: number;
}

/** SGD hyper-parameters (Keras semantics: v = m·v − lr·g; p += v, or m·v − lr·g with Nesterov). */
export interface SgdStep {
  lr: number;
  momentum: number;
  nesterov: boolean;
  /** Coupled L2 weight decay added to the gradient. */
  weightDecay: number;
}

/** RMSprop hyper-parameters (Keras semantics). */
export interface RmspropStep {
  lr: number;
  rho: number;
  momentum: number;
  epsilon: number;
}

/** A compute backend. Output buffers may not alias inputs unless the method says so. */
export interface Backend {
  /** `js` or `native` (or a third-party name). */
  readonly name: string;
  /** One-line description (BLAS library and core, thread count) for `northstar doctor`. */
  describe(): string;

  /**
   * C = alpha·op(A)·op(B) + beta·C, row-major; op(A) is m×k, op(B) is k×n. With `transA`, A is stored k×m;
   * with `transB`, B is stored n×k. With beta 0, C's old contents are ignored (even NaN).
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    b: Float32Array,
    beta: number,
    c: Float32Array,
  ): void;

  /**
   * {@link gemm}'s contract, called by convolution on its cache-sized blocks (one dimension is the filter count,
   * the operands are a few images' worth). A backend with a kernel tuned for those shapes uses it here; the
   * others alias `gemm`.
   */
  convGemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    b: Float32Array,
    beta: number,
    c: Float32Array,
  ): void;

  /** Unfolds NHWC `x` into `[n·oh·ow, kh·kw·c]` rows (columns ordered kh, kw, c); padding reads as 0. */
  im2col(x: Float32Array, g: WindowGeometry, cols: Float32Array): void;
  /** Adjoint of im2col: overwrites `dx` (NHWC) with the sum of every column entry at its source pixel. */
  col2im(cols: Float32Array, g: WindowGeometry, dx: Float32Array): void;

  /** Max pooling; `argmax` receives the flat input index of each maximum (−1 for an all-padding window). */
  maxPool(x: Float32Array, g: WindowGeometry, out: Float32Array, argmax: Int32Array): void;
  /** Overwrites `dx` with `dy` scattered to the recorded maxima. */
  maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void;
  /** Average pooling over the valid (non-padding) cells of each window. */
  avgPool(x: Float32Array, g: WindowGeometry, out: Float32Array): void;
  /** Overwrites `dx` with the gradient of {@link avgPool}. */
  avgPoolBackward(dy: Float32Array, g: WindowGeometry, dx: Float32Array): void;

  /** y = act(x); `y` may alias `x`. `alpha` is the leaky-ReLU slope. */
  unary(act: Activation, x: Float32Array, y: Float32Array, alpha: number): void;
  /**
   * dx = dy · act'(x), written to `dx` (may alias `dy`). relu, sigmoid and tanh read `y`; leakyRelu and gelu
   * read `x`; pass the one the activation needs (the other may be null).
   */
  unaryGrad(
    act: Activation,
    x: Float32Array | null,
    y: Float32Array | null,
    dy: Float32Array,
    dx: Float32Array,
    alpha: number,
  ): void;
  /** out[r, j] = x[r, j] + bias[j]; `out` may alias `x`. */
  biasAdd(x: Float32Array, bias: Float32Array, rows: number, cols: number, out: Float32Array): void;

  /** out[j] = Σ_r x[r, j] (e.g. a bias gradient). */
  sumAxis0(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** out[r] = Σ_j x[r, j]. */
  sumAxis1(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** Σ x, accumulated in double precision. */
  sumAll(x: Float32Array): number;

  /**
   * Batch-norm statistics of channels-last `x` (`[rows, cols]`, one channel per column): per-channel mean and
   * biased variance, accumulated in double precision in two passes (a large mean cannot cancel the variance).
   */
  batchNormStats(x: Float32Array, rows: number, cols: number, mean: Float32Array, variance: Float32Array): void;
  /** y[r, j] = scale[j]·(x[r, j] − mean[j]) + shift[j] (scale = γ/√(σ²+ε), shift = β); `y` may alias `x`. */
  batchNormForward(
    x: Float32Array,
    rows: number,
    cols: number,
    mean: Float32Array,
    scale: Float32Array,
    shift: Float32Array,
    y: Float32Array,
  ): void;
  /**
   * Gradient of {@link batchNormForward} given the forward input `x` (x̂ = (x − mean)·invStd is recomputed,
   * not stored). Overwrites `dgamma` with Σ dy·x̂ and `dbeta` with Σ dy (double sums), and, when `dx` is given,
   * overwrites it with γ·invStd·dy, minus — when `training` (the statistics came from this batch) —
   * γ·invStd/N·(Σdy + x̂·Σ dy·x̂).
   */
  batchNormBackward(
    x: Float32Array,
    dy: Float32Array,
    rows: number,
    cols: number,
    mean: Float32Array,
    invStd: Float32Array,
    gamma: Float32Array,
    training: boolean,
    dx: Float32Array | null,
    dgamma: Float32Array,
    dbeta: Float32Array,
  ): void;

  /** Row-wise softmax over the last axis, max-subtracted. */
  softmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /** Row-wise log-softmax (x − logsumexp). */
  logSoftmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /**
   * Mean softmax cross-entropy of `logits` against one-hot/probability `targets` (`[rows, cols]`) or, when
   * `sparse`, class indices (`[rows]`). When `grad` is given it receives d(mean loss)/d(logits).
   */
  softmaxCrossEntropy(
    logits: Float32Array,
    targets: Float32Array,
    rows: number,
    cols: number,
    sparse: boolean,
    grad: Float32Array | null,
  ): number;

  /** Adam/AdamW update of `param` in place, updating the moment buffers `m` and `v`. */
  adam(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, s: AdamStep): void;
  /** SGD update in place; `velocity` is needed when momentum > 0. */
  sgd(param: Float32Array, grad: Float32Array, velocity: Float32Array | null, s: SgdStep): void;
  /** RMSprop update in place; `mom` is needed when momentum > 0. */
  rmsprop(param: Float32Array, grad: Float32Array, ms: Float32Array, mom: Float32Array | null, s: RmspropStep): void;
}

/** Output spatial size of a window op (TensorFlow's `valid` / `same` rules) and the top/left padding. */
export function windowOutput(
  size: number,
  kernel: number,
  stride: number,
  padding: 'valid' | 'same',
): { out: number; padBefore: number } {
  if (padding === 'valid') return { out: Math.floor((size - kernel) / stride) + 1, padBefore: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max(0, (out - 1) * stride + kernel - size);
  return { out, padBefore: Math.floor(total / 2) };
}
