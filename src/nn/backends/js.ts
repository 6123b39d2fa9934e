/**
 * The portable reference backend: plain TypeScript over typed arrays. Every other backend must match it
 * (backend-conformance.test.ts). Chosen automatically when the native addon is not built.
 */
import type { Activation, AdamStep, Backend, RmspropStep, SgdStep } from './backend.js';
import { jsBatchNormBackward, jsBatchNormForward, jsBatchNormStats } from './js-batch-norm.js';
import { jsGemm } from './js-gemm.js';
import { gelu, geluGrad, sigmoid } from './js-math.js';
import { jsAvgPool, jsAvgPoolBackward, jsCol2im, jsIm2col, jsMaxPool, jsMaxPoolBackward } from './js-window.js';

function unary(act: Activation, x: Float32Array, y: Float32Array, alpha: number): void {
  const n = x.length;
  switch (act) {
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        y[i] = v > 0 || Number.isNaN(v) ? v : 0;
      }
      return;
    case 'leakyRelu':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        y[i] = v > 0 ? v : alpha * v;
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoid(x[i]!);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]!);
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) y[i] = gelu(x[i]!);
      return;
    case 'linear':
      if (y !== x) y.set(x);
  }
}

function need(buf: Float32Array | null, act: Activation, which: string): Float32Array {
  if (buf === null) throw new Error(`unaryGrad(${act}) needs ${which}`);
  return buf;
}

function unaryGrad(
  act: Activation,
  x: Float32Array | null,
  y: Float32Array | null,
  dy: Float32Array,
  dx: Float32Array,
  alpha: number,
): void {
  const n = dy.length;
  switch (act) {
    case 'relu': {
      const yy = need(y, act, 'y');
      for (let i = 0; i < n; i++) dx[i] = yy[i]! > 0 ? dy[i]! : 0;
      return;
    }
    case 'leakyRelu': {
      const xx = need(x, act, 'x');
      for (let i = 0; i < n; i++) dx[i] = xx[i]! > 0 ? dy[i]! : alpha * dy[i]!;
      return;
    }
    case 'sigmoid': {
      const yy = need(y, act, 'y');
      for (let i = 0; i < n; i++) dx[i] = dy[i]! * yy[i]! * (1 - yy[i]!);
      return;
    }
    case 'tanh': {
      const yy = need(y, act, 'y');
      for (let i = 0; i < n; i++) dx[i] = dy[i]! * (1 - yy[i]! * yy[i]!);
      return;
    }
    case 'gelu': {
      const xx = need(x, act, 'x');
      for (let i = 0; i < n; i++) dx[i] = dy[i]! * geluGrad(xx[i]!);
      return;
    }
    case 'linear':
      if (dx !== dy) dx.set(dy);
  }
}

function softmaxRows(x: Float32Array, rows: number, cols: number, out: Float32Array, log: boolean): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let mx = -Infinity;
    for (let j = 0; j < cols; j++) mx = Math.max(mx, x[o + j]!);
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(x[o + j]! - mx);
    if (log) {
      const lse = mx + Math.log(s);
      for (let j = 0; j < cols; j++) out[o + j] = x[o + j]! - lse;
    } else {
      for (let j = 0; j < cols; j++) out[o + j] = Math.exp(x[o + j]! - mx) / s;
    }
  }
}

function softmaxCrossEntropy(
  logits: Float32Array,
  targets: Float32Array,
  rows: number,
  cols: number,
  sparse: boolean,
  grad: Float32Array | null,
): number {
  let loss = 0;
  const inv = 1 / rows;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let mx = -Infinity;
    for (let j = 0; j < cols; j++) mx = Math.max(mx, logits[o + j]!);
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(logits[o + j]! - mx);
    const lse = mx + Math.log(s);
    if (sparse) {
      const label = targets[r]!;
      loss += lse - logits[o + label]!;
      if (grad) {
        for (let j = 0; j < cols; j++) grad[o + j] = Math.exp(logits[o + j]! - lse) * inv;
        grad[o + label] = grad[o + label]! - inv;
      }
    } else {
      let ysum = 0;
      let dot = 0;
      for (let j = 0; j < cols; j++) {
        ysum += targets[o + j]!;
        dot += targets[o + j]! * logits[o + j]!;
      }
      loss += ysum * lse - dot;
      if (grad) for (let j = 0; j < cols; j++) grad[o + j] = (Math.exp(logits[o + j]! - lse) * ysum - targets[o + j]!) * inv;
    }
  }
  return loss / rows;
}

function adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, s: AdamStep): void {
  const bc1 = 1 - Math.pow(s.beta1, s.step);
  const bc2 = 1 - Math.pow(s.beta2, s.step);
  const stepSize = (s.lr * Math.sqrt(bc2)) / bc1;
  const decay = 1 - s.lr * s.weightDecay;
  const { beta1, beta2, epsilon } = s;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! * decay - (stepSize * mi) / (Math.sqrt(vi) + epsilon);
  }
}

function sgd(p: Float32Array, g: Float32Array, vel: Float32Array | null, s: SgdStep): void {
  const { lr, momentum, nesterov, weightDecay } = s;
  if (momentum === 0 || vel === null) {
    for (let i = 0; i < p.length; i++) p[i] = p[i]! - lr * (g[i]! + weightDecay * p[i]!);
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]! + weightDecay * p[i]!;
    const vi = momentum * vel[i]! - lr * gi;
    vel[i] = vi;
    p[i] = p[i]! + (nesterov ? momentum * vi - lr * gi : vi);
  }
}

function rmsprop(p: Float32Array, g: Float32Array, ms: Float32Array, mom: Float32Array | null, s: RmspropStep): void {
  const { lr, rho, momentum, epsilon } = s;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const si = rho * ms[i]! + (1 - rho) * gi * gi;
    ms[i] = si;
    const step = (lr * gi) / (Math.sqrt(si) + epsilon);
    if (momentum > 0 && mom !== null) {
      const mi = momentum * mom[i]! + step;
      mom[i] = mi;
      p[i] = p[i]! - mi;
    } else p[i] = p[i]! - step;
  }
}

/** Creates the portable backend (stateless apart from GEMM scratch space). */
export function createJsBackend(): Backend {
  return {
    name: 'js',
    describe: () => 'js (portable TypeScript kernels, 1 thread)',
    gemm: jsGemm,
    convGemm: jsGemm,
    im2col: jsIm2col,
    col2im: jsCol2im,
    maxPool: jsMaxPool,
    maxPoolBackward: jsMaxPoolBackward,
    avgPool: jsAvgPool,
    avgPoolBackward: jsAvgPoolBackward,
    unary,
    unaryGrad,
    biasAdd: (x, bias, rows, cols, out) => {
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        for (let j = 0; j < cols; j++) out[o + j] = x[o + j]! + bias[j]!;
      }
    },
    sumAxis0: (x, rows, cols, out) => {
      out.fill(0, 0, cols);
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        for (let j = 0; j < cols; j++) out[j] = out[j]! + x[o + j]!;
      }
    },
    sumAxis1: (x, rows, cols, out) => {
      for (let r = 0; r < rows; r++) {
        let s = 0;
        const o = r * cols;
        for (let j = 0; j < cols; j++) s += x[o + j]!;
        out[r] = s;
      }
    },
    sumAll: (x) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i]!;
      return s;
    },
    batchNormStats: jsBatchNormStats,
    batchNormForward: jsBatchNormForward,
    batchNormBackward: jsBatchNormBackward,
    softmax: (x, rows, cols, out) => softmaxRows(x, rows, cols, out, false),
    logSoftmax: (x, rows, cols, out) => softmaxRows(x, rows, cols, out, true),
    softmaxCrossEntropy,
    adam,
    sgd,
    rmsprop,
  };
}

/** The shared portable backend instance. */
export const jsBackend: Backend = createJsBackend();
