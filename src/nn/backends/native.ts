/**
 * The native backend: the N-API addon built from `native/` (OpenBLAS `cblas_sgemm` plus C++ loops for every
 * per-element kernel). Loading never throws: when the addon is missing or broken, {@link loadNativeBackend}
 * returns the reason, the registry falls back to `js`, and `northstar doctor` can print the reason.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NorthstarError } from '../../common/errors.js';
import { ACTIVATION_IDS, type Backend, type WindowGeometry } from './backend.js';

/** The functions exported by `northstar_nn.node` (see native/src/addon.cc). */
interface Addon {
  gemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, beta: number, c: Float32Array): void;
  convGemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, beta: number, c: Float32Array): void;
  setMaxThreads(n: number): void;
  maxThreads(): number;
  blasInfo(): string;
  im2col(x: Float32Array, g: Int32Array, cols: Float32Array): void;
  col2im(cols: Float32Array, g: Int32Array, dx: Float32Array): void;
  maxPool(x: Float32Array, g: Int32Array, out: Float32Array, argmax: Int32Array): void;
  maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void;
  avgPool(x: Float32Array, g: Int32Array, out: Float32Array): void;
  avgPoolBackward(dy: Float32Array, g: Int32Array, dx: Float32Array): void;
  unary(act: number, x: Float32Array, y: Float32Array, alpha: number): void;
  unaryGrad(act: number, x: Float32Array | null, y: Float32Array | null, dy: Float32Array, dx: Float32Array, alpha: number): void;
  biasAdd(x: Float32Array, bias: Float32Array, rows: number, cols: number, out: Float32Array): void;
  sumAxis0(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  sumAxis1(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  sumAll(x: Float32Array): number;
  batchNormStats(x: Float32Array, rows: number, cols: number, mean: Float32Array, variance: Float32Array): void;
  batchNormForward(x: Float32Array, rows: number, cols: number, mean: Float32Array, scale: Float32Array, shift: Float32Array, y: Float32Array): void;
  batchNormBackward(x: Float32Array, dy: Float32Array, rows: number, cols: number, mean: Float32Array, invStd: Float32Array, gamma: Float32Array, training: boolean, dx: Float32Array | null, dgamma: Float32Array, dbeta: Float32Array): void;
  softmax(x: Float32Array, rows: number, cols: number, out: Float32Array, log: boolean): void;
  softmaxCrossEntropy(logits: Float32Array, targets: Float32Array, rows: number, cols: number, sparse: boolean, grad: Float32Array | null): number;
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, b1: number, b2: number, eps: number, t: number, wd: number): void;
  sgd(p: Float32Array, g: Float32Array, vel: Float32Array | null, lr: number, momentum: number, nesterov: boolean, wd: number): void;
  rmsprop(p: Float32Array, g: Float32Array, ms: Float32Array, mom: Float32Array | null, lr: number, rho: number, momentum: number, eps: number): void;
}

/** Result of trying to load the addon. */
export type NativeLoad = { ok: true; backend: Backend } | { ok: false; reason: string };

/** Where `node native/build.js` puts the addon, relative to this file (same depth from src/ and dist/). */
export const NATIVE_ADDON_PATH = fileURLToPath(new URL('../../../native/build/Release/northstar_nn.node', import.meta.url));

// The C++ side trusts its arguments, so every length is checked here; an overrun would corrupt memory.
function need(ok: boolean, what: string): void {
  if (!ok) throw new NorthstarError('INVALID_ARGUMENT', `native backend: ${what}`);
}

function geomLengths(g: WindowGeometry): { input: number; output: number; cols: number } {
  const output = g.n * g.oh * g.ow * g.c;
  return { input: g.n * g.h * g.w * g.c, output, cols: g.n * g.oh * g.ow * g.kh * g.kw * g.c };
}

function wrap(addon: Addon): Backend {
  const geom = new Int32Array(12);
  const pack = (g: WindowGeometry): Int32Array => {
    geom[0] = g.n; geom[1] = g.h; geom[2] = g.w; geom[3] = g.c; geom[4] = g.kh; geom[5] = g.kw;
    geom[6] = g.sh; geom[7] = g.sw; geom[8] = g.pt; geom[9] = g.pl; geom[10] = g.oh; geom[11] = g.ow;
    return geom;
  };
  const info = addon.blasInfo();
  return {
    name: 'native',
    describe: () => `native (${info}; up to ${addon.maxThreads()} BLAS threads for large GEMMs)`,
    gemm(ta, tb, m, n, k, alpha, a, b, beta, c) {
      need(a.length >= m * k && b.length >= k * n && c.length >= m * n, `gemm buffers too small for ${m}x${n}x${k}`);
      if (m === 0 || n === 0) return;
      addon.gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
    },
    convGemm(ta, tb, m, n, k, alpha, a, b, beta, c) {
      need(a.length >= m * k && b.length >= k * n && c.length >= m * n, `convGemm buffers too small for ${m}x${n}x${k}`);
      if (m === 0 || n === 0) return;
      addon.convGemm(ta, tb, m, n, k, alpha, a, b, beta, c);
    },
    im2col(x, g, cols) {
      const l = geomLengths(g);
      need(x.length >= l.input && cols.length >= l.cols, 'im2col buffers too small');
      addon.im2col(x, pack(g), cols);
    },
    col2im(cols, g, dx) {
      const l = geomLengths(g);
      need(dx.length >= l.input && cols.length >= l.cols, 'col2im buffers too small');
      addon.col2im(cols, pack(g), dx);
    },
    maxPool(x, g, out, argmax) {
      const l = geomLengths(g);
      need(x.length >= l.input && out.length >= l.output && argmax.length >= l.output, 'maxPool buffers too small');
      addon.maxPool(x, pack(g), out, argmax);
    },
    maxPoolBackward(dy, argmax, dx) {
      need(dy.length >= argmax.length, 'maxPoolBackward: dy shorter than argmax');
      // argmax entries index dx; they came from maxPool over an input of dx's size.
      addon.maxPoolBackward(dy, argmax, dx);
    },
    avgPool(x, g, out) {
      const l = geomLengths(g);
      need(x.length >= l.input && out.length >= l.output, 'avgPool buffers too small');
      addon.avgPool(x, pack(g), out);
    },
    avgPoolBackward(dy, g, dx) {
      const l = geomLengths(g);
      need(dx.length >= l.input && dy.length >= l.output, 'avgPoolBackward buffers too small');
      addon.avgPoolBackward(dy, pack(g), dx);
    },
    unary(act, x, y, alpha) {
      need(y.length >= x.length, 'unary output too small');
      addon.unary(ACTIVATION_IDS[act], x, y, alpha);
    },
    unaryGrad(act, x, y, dy, dx, alpha) {
      need(dx.length >= dy.length && (x === null || x.length >= dy.length) && (y === null || y.length >= dy.length), 'unaryGrad buffers too small');
      const needsY = act === 'relu' || act === 'sigmoid' || act === 'tanh';
      const needsX = act === 'leakyRelu' || act === 'gelu';
      if ((needsY && y === null) || (needsX && x === null)) throw new Error(`unaryGrad(${act}) needs ${needsY ? 'y' : 'x'}`);
      addon.unaryGrad(ACTIVATION_IDS[act], x, y, dy, dx, alpha);
    },
    biasAdd(x, bias, rows, cols, out) {
      need(x.length >= rows * cols && out.length >= rows * cols && bias.length >= cols, 'biasAdd buffers too small');
      addon.biasAdd(x, bias, rows, cols, out);
    },
    sumAxis0(x, rows, cols, out) {
      need(x.length >= rows * cols && out.length >= cols, 'sumAxis0 buffers too small');
      addon.sumAxis0(x, rows, cols, out);
    },
    sumAxis1(x, rows, cols, out) {
      need(x.length >= rows * cols && out.length >= rows, 'sumAxis1 buffers too small');
      addon.sumAxis1(x, rows, cols, out);
    },
    sumAll: (x) => addon.sumAll(x),
    batchNormStats(x, rows, cols, mean, variance) {
      need(x.length >= rows * cols && mean.length >= cols && variance.length >= cols, 'batchNormStats buffers too small');
      addon.batchNormStats(x, rows, cols, mean, variance);
    },
    batchNormForward(x, rows, cols, mean, scale, shift, y) {
      need(x.length >= rows * cols && y.length >= rows * cols, 'batchNormForward buffers too small');
      need(mean.length >= cols && scale.length >= cols && shift.length >= cols, 'batchNormForward channel vectors too small');
      addon.batchNormForward(x, rows, cols, mean, scale, shift, y);
    },
    batchNormBackward(x, dy, rows, cols, mean, invStd, gamma, training, dx, dgamma, dbeta) {
      need(x.length >= rows * cols && dy.length >= rows * cols && (dx === null || dx.length >= rows * cols), 'batchNormBackward buffers too small');
      need(mean.length >= cols && invStd.length >= cols && gamma.length >= cols && dgamma.length >= cols && dbeta.length >= cols, 'batchNormBackward channel vectors too small');
      addon.batchNormBackward(x, dy, rows, cols, mean, invStd, gamma, training, dx, dgamma, dbeta);
    },
    softmax(x, rows, cols, out) {
      need(x.length >= rows * cols && out.length >= rows * cols, 'softmax buffers too small');
      addon.softmax(x, rows, cols, out, false);
    },
    logSoftmax(x, rows, cols, out) {
      need(x.length >= rows * cols && out.length >= rows * cols, 'logSoftmax buffers too small');
      addon.softmax(x, rows, cols, out, true);
    },
    softmaxCrossEntropy(logits, targets, rows, cols, sparse, grad) {
      need(logits.length >= rows * cols && targets.length >= (sparse ? rows : rows * cols), 'softmaxCrossEntropy buffers too small');
      need(grad === null || grad.length >= rows * cols, 'softmaxCrossEntropy grad too small');
      if (sparse) for (let r = 0; r < rows; r++) need(targets[r]! >= 0 && targets[r]! < cols, `label ${targets[r]} outside [0, ${cols})`);
      return addon.softmaxCrossEntropy(logits, targets, rows, cols, sparse, grad);
    },
    adam(p, g, m, v, s) {
      need(g.length >= p.length && m.length >= p.length && v.length >= p.length, 'adam buffers too small');
      addon.adam(p, g, m, v, s.lr, s.beta1, s.beta2, s.epsilon, s.step, s.weightDecay);
    },
    sgd(p, g, vel, s) {
      need(g.length >= p.length && (vel === null || vel.length >= p.length), 'sgd buffers too small');
      addon.sgd(p, g, vel, s.lr, s.momentum, s.nesterov, s.weightDecay);
    },
    rmsprop(p, g, ms, mom, s) {
      need(g.length >= p.length && ms.length >= p.length && (mom === null || mom.length >= p.length), 'rmsprop buffers too small');
      addon.rmsprop(p, g, ms, mom, s.lr, s.rho, s.momentum, s.epsilon);
    },
  };
}

/** Tries to load the built addon; never throws. `path` overrides the default location (tests, packaging). */
export function loadNativeBackend(path: string = NATIVE_ADDON_PATH): NativeLoad {
  if (!existsSync(path)) {
    return { ok: false, reason: `the native addon is not built (${path} is missing); run \`node native/build.js\` with a C++ compiler and OpenBLAS installed` };
  }
  try {
    const require = createRequire(import.meta.url);
    const addon = require(path) as Addon;
    if (typeof addon.gemm !== 'function') return { ok: false, reason: `${path} is not the Northstar nn addon` };
    return { ok: true, backend: wrap(addon) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `the native addon failed to load (${message}); rebuild it with \`node native/build.js\`` };
  }
}
