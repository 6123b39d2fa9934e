/**
 * One conformance suite for every backend: each kernel is compared with a naive float64 reference (for js,
 * the reference itself is checked) and with the js backend. Runs on `js` and `wasm` always and on `native`
 * only when the addon is built, so CI without a compiler still passes.
 * Tolerance: 1e-5 relative + 1e-5 absolute for element-wise kernels, 1e-4 for reductions over many terms.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { windowOutput, type Activation, type Backend, type WindowGeometry } from './backend.js';
import { jsBackend } from './js.js';
import { loadNativeBackend } from './native.js';
import { createWasmBackend } from './wasm-backend.js';

const native = loadNativeBackend();
const wasm = createWasmBackend({ threads: 2 });
afterAll(() => wasm.dispose());
const backends: Backend[] = [jsBackend, wasm, ...(native.ok ? [native.backend] : [])];
if (!native.ok) console.warn(`[conformance] native backend skipped: ${native.reason}`);

function rand(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
  return a;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Math.abs(a - e) > tol + tol * Math.abs(e)) throw new Error(`index ${i}: got ${a}, expected ${e} (tol ${tol})`);
  }
}

function naiveGemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, beta: number, c: Float32Array): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i]! : a[i * k + p]!) * (tb ? b[j * k + p]! : b[p * n + j]!);
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * n + j]!);
    }
  return out;
}

function geometry(n: number, h: number, w: number, c: number, k: number, s: number, padding: 'valid' | 'same'): WindowGeometry {
  const y = windowOutput(h, k, s, padding);
  const x = windowOutput(w, k, s, padding);
  return { n, h, w, c, kh: k, kw: k, sh: s, sw: s, pt: y.padBefore, pl: x.padBefore, oh: y.out, ow: x.out };
}

const geometries: Array<[string, WindowGeometry]> = [
  ['3x3 valid', geometry(2, 5, 6, 3, 3, 1, 'valid')],
  ['3x3 same', geometry(2, 5, 5, 2, 3, 1, 'same')],
  ['2x2 stride 2', geometry(1, 6, 6, 4, 2, 2, 'valid')],
  ['3x3 stride 2 same', geometry(2, 7, 5, 2, 3, 2, 'same')],
];

describe.each(backends.map((b) => [b.name, b] as const))('backend %s', (_name, be) => {
  it.each([
    [false, false, 5, 7, 3],
    [true, false, 6, 4, 9],
    [false, true, 9, 5, 6],
    [true, true, 4, 6, 5],
    [false, false, 67, 33, 130],
    [true, false, 130, 17, 70],
  ])('gemm transA=%s transB=%s %ix%ix%i', (ta, tb, m, n, k) => {
    const a = rand(m * k, 1);
    const b = rand(k * n, 2);
    const c0 = rand(m * n, 3);
    for (const [alpha, beta] of [[1, 0], [0.5, 1], [2, -0.5]] as const) {
      const c = c0.slice();
      be.gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
      expectClose(c, naiveGemm(ta, tb, m, n, k, alpha, a, b, beta, c0), 1e-4);
    }
  });

  it.each([
    [false, false, 13, 64, 27],
    [true, false, 37, 32, 70],
    [false, true, 21, 96, 32],
    [true, true, 5, 32, 7],
    [false, false, 9, 20, 5],
  ])('convGemm transA=%s transB=%s %ix%ix%i (tiles and row tails)', (ta, tb, m, n, k) => {
    const a = rand(m * k, 4);
    const b = rand(k * n, 5);
    const c0 = rand(m * n, 6);
    for (const [alpha, beta] of [[1, 0], [1, 1], [2, -0.5]] as const) {
      const c = beta === 0 ? new Float32Array(m * n).fill(Number.NaN) : c0.slice();
      be.convGemm(ta, tb, m, n, k, alpha, a, b, beta, c);
      expectClose(c, naiveGemm(ta, tb, m, n, k, alpha, a, b, beta, c0), 1e-4);
    }
  });

  it('gemm with beta 0 ignores NaN in C', () => {
    const c = new Float32Array(4).fill(Number.NaN);
    be.gemm(false, false, 2, 2, 1, 1, new Float32Array([1, 2]), new Float32Array([3, 4]), 0, c);
    expect(Array.from(c)).toEqual([3, 4, 6, 8]);
  });

  it.each(geometries)('im2col/col2im %s match the reference and are adjoint', (_label, g) => {
    const x = rand(g.n * g.h * g.w * g.c, 4);
    const cols = new Float32Array(g.n * g.oh * g.ow * g.kh * g.kw * g.c).fill(7);
    be.im2col(x, g, cols);
    const ref = new Float32Array(cols.length);
    jsBackend.im2col(x, g, ref);
    expectClose(cols, ref, 0);
    // Adjoint: <im2col(x), r> == <x, col2im(r)>
    const r = rand(cols.length, 5);
    const dx = new Float32Array(x.length).fill(3);
    be.col2im(r, g, dx);
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < cols.length; i++) lhs += cols[i]! * r[i]!;
    for (let i = 0; i < x.length; i++) rhs += x[i]! * dx[i]!;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-3);
    // A direct check of one padded position: with 'same' padding the corner window reads zeros.
    if (g.pt > 0) expect(cols[0]).toBe(0);
  });

  it('max pooling over many channels matches js exactly, ties and NaN included (vector paths)', () => {
    for (const g of [geometry(2, 6, 6, 37, 2, 2, 'valid'), geometry(1, 5, 5, 16, 3, 2, 'same')]) {
      // Rounded values make ties common; a few NaNs must win their windows (the loss check has to see them).
      const x = rand(g.n * g.h * g.w * g.c, 8).map((v, i) => (i % 29 === 5 ? Number.NaN : Math.round(v * 3)));
      const outLen = g.n * g.oh * g.ow * g.c;
      const out = new Float32Array(outLen);
      const arg = new Int32Array(outLen);
      const refOut = new Float32Array(outLen);
      const refArg = new Int32Array(outLen);
      be.maxPool(x, g, out, arg);
      jsBackend.maxPool(x, g, refOut, refArg);
      expect(Array.from(arg)).toEqual(Array.from(refArg));
      expect(Array.from(out)).toEqual(Array.from(refOut));
      expect(out.some(Number.isNaN)).toBe(true);
    }
  });

  it.each(geometries)('pooling %s', (_label, g) => {
    const x = rand(g.n * g.h * g.w * g.c, 6);
    const outLen = g.n * g.oh * g.ow * g.c;
    const out = new Float32Array(outLen);
    const arg = new Int32Array(outLen);
    be.maxPool(x, g, out, arg);
    for (let i = 0; i < outLen; i++) expect(out[i]).toBe(x[arg[i]!]);
    // naive max and mean per window
    const naiveAvg = new Float64Array(outLen);
    let o = 0;
    for (let b = 0; b < g.n; b++)
      for (let oy = 0; oy < g.oh; oy++)
        for (let ox = 0; ox < g.ow; ox++)
          for (let ch = 0; ch < g.c; ch++, o++) {
            let best = -Infinity;
            let sum = 0;
            let count = 0;
            for (let ky = 0; ky < g.kh; ky++)
              for (let kx = 0; kx < g.kw; kx++) {
                const iy = oy * g.sh - g.pt + ky;
                const ix = ox * g.sw - g.pl + kx;
                if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
                const v = x[((b * g.h + iy) * g.w + ix) * g.c + ch]!;
                best = Math.max(best, v);
                sum += v;
                count++;
              }
            expect(out[o]).toBe(Math.fround(best));
            naiveAvg[o] = sum / count;
          }
    const dy = rand(outLen, 7);
    const dx = new Float32Array(x.length).fill(9);
    be.maxPoolBackward(dy, arg, dx);
    const refDx = new Float32Array(x.length);
    jsBackend.maxPoolBackward(dy, arg, refDx);
    expectClose(dx, refDx);

    const avg = new Float32Array(outLen);
    be.avgPool(x, g, avg);
    const refAvg = new Float32Array(outLen);
    jsBackend.avgPool(x, g, refAvg);
    expectClose(avg, refAvg);
    expectClose(avg, naiveAvg);
    const adx = new Float32Array(x.length).fill(9);
    be.avgPoolBackward(dy, g, adx);
    // Adjoint check for average pooling.
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < outLen; i++) lhs += avg[i]! * dy[i]!;
    for (let i = 0; i < x.length; i++) rhs += x[i]! * adx[i]!;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4);
  });

  const acts: Array<[Activation, (v: number) => number]> = [
    ['relu', (v) => Math.max(0, v)],
    ['leakyRelu', (v) => (v > 0 ? v : 0.2 * v)],
    ['sigmoid', (v) => 1 / (1 + Math.exp(-v))],
    ['tanh', Math.tanh],
    ['gelu', (v) => 0.5 * v * (1 + erf64(v / Math.SQRT2))],
    ['linear', (v) => v],
  ];
  it.each(acts)('activation %s forward and gradient', (act, f) => {
    const x = rand(257, 8, 4);
    const y = new Float32Array(x.length);
    be.unary(act, x, y, 0.2);
    expectClose(y, Array.from(x, f), 2e-6);
    const dy = rand(x.length, 9);
    const dx = new Float32Array(x.length);
    be.unaryGrad(act, x, y, dy, dx, 0.2);
    const h = 1e-4;
    expectClose(dx, Array.from(x, (v, i) => ((f(v + h) - f(v - h)) / (2 * h)) * dy[i]!), 1e-3);
    // in place
    const z = x.slice();
    be.unary(act, z, z, 0.2);
    expectClose(z, y, 0);
  });

  it('biasAdd and reductions', () => {
    const rows = 7;
    const cols = 13;
    const x = rand(rows * cols, 10);
    const bias = rand(cols, 11);
    const out = new Float32Array(x.length);
    be.biasAdd(x, bias, rows, cols, out);
    expectClose(out, Array.from(x, (v, i) => v + bias[i % cols]!));
    const s0 = new Float32Array(cols);
    be.sumAxis0(x, rows, cols, s0);
    expectClose(s0, Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_r, r) => x[r * cols + j]!).reduce((a, b) => a + b)), 1e-5);
    const s1 = new Float32Array(rows);
    be.sumAxis1(x, rows, cols, s1);
    expectClose(s1, Array.from({ length: rows }, (_, r) => Array.from(x.subarray(r * cols, (r + 1) * cols)).reduce((a, b) => a + b)), 1e-5);
    expect(be.sumAll(x)).toBeCloseTo(Array.from(x).reduce((a, b) => a + b), 4);
  });

  it('softmax, logSoftmax and softmax cross-entropy (dense and sparse) are stable', () => {
    const rows = 4;
    const cols = 5;
    const logits = rand(rows * cols, 12, 3);
    logits[0] = 1000; // would overflow a naive exp
    const p = new Float32Array(logits.length);
    be.softmax(logits, rows, cols, p);
    const lp = new Float32Array(logits.length);
    be.logSoftmax(logits, rows, cols, lp);
    for (let r = 0; r < rows; r++) {
      const row = Array.from(logits.subarray(r * cols, (r + 1) * cols));
      const mx = Math.max(...row);
      const lse = mx + Math.log(row.reduce((a, v) => a + Math.exp(v - mx), 0));
      expectClose(p.subarray(r * cols, (r + 1) * cols), row.map((v) => Math.exp(v - lse)));
      expectClose(lp.subarray(r * cols, (r + 1) * cols), row.map((v) => v - lse), 1e-4);
    }
    const labels = new Float32Array([0, 3, 1, 4]);
    const oneHot = new Float32Array(rows * cols);
    labels.forEach((l, r) => (oneHot[r * cols + l] = 1));
    const gSparse = new Float32Array(logits.length);
    const gDense = new Float32Array(logits.length);
    const lossSparse = be.softmaxCrossEntropy(logits, labels, rows, cols, true, gSparse);
    const lossDense = be.softmaxCrossEntropy(logits, oneHot, rows, cols, false, gDense);
    let expected = 0;
    labels.forEach((l, r) => (expected -= lp[r * cols + l]!));
    expect(lossSparse).toBeCloseTo(expected / rows, 4);
    expect(lossDense).toBeCloseTo(expected / rows, 4);
    expectClose(gSparse, Array.from(p, (v, i) => (v - oneHot[i]!) / rows));
    expectClose(gDense, gSparse);
    expect(Number.isFinite(be.softmaxCrossEntropy(logits, labels, rows, cols, true, null))).toBe(true);
  });

  it.each([
    [5, 3],
    [70, 37],
  ])('batch norm stats, forward and backward (%i rows x %i channels) match a float64 reference', (rows, cols) => {
    // Channel j is offset by 50·j: a large mean must not cancel the variance or the centred sums.
    const x = rand(rows * cols, 20).map((v, i) => v * (1 + (i % cols) / 4) + 50 * (i % cols));
    const dy = rand(rows * cols, 21);
    const gamma = rand(cols, 22).map((v) => v + 1.5);
    const beta = rand(cols, 23);
    const eps = 1e-3;
    const m64 = Array.from({ length: cols }, (_, j) => { let s = 0; for (let r = 0; r < rows; r++) s += x[r * cols + j]!; return s / rows; });
    const v64 = m64.map((m, j) => { let s = 0; for (let r = 0; r < rows; r++) s += (x[r * cols + j]! - m) ** 2; return s / rows; });
    const mean = new Float32Array(cols);
    const variance = new Float32Array(cols);
    be.batchNormStats(x, rows, cols, mean, variance);
    expectClose(mean, m64, 1e-5);
    expectClose(variance, v64, 1e-4);
    const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
    const scale = gamma.map((g, j) => g * invStd[j]!);
    const xhat = Array.from(x, (v, i) => (v - mean[i % cols]!) * invStd[i % cols]!);
    const y = new Float32Array(rows * cols);
    be.batchNormForward(x, rows, cols, mean, scale, beta, y);
    expectClose(y, xhat.map((h, i) => gamma[i % cols]! * h + beta[i % cols]!), 1e-4);
    const inPlace = x.slice();
    be.batchNormForward(inPlace, rows, cols, mean, scale, beta, inPlace);
    expectClose(inPlace, y, 0);
    const sumDy = Array.from({ length: cols }, (_, j) => { let s = 0; for (let r = 0; r < rows; r++) s += dy[r * cols + j]!; return s; });
    const sumDyXhat = Array.from({ length: cols }, (_, j) => { let s = 0; for (let r = 0; r < rows; r++) s += dy[r * cols + j]! * xhat[r * cols + j]!; return s; });
    for (const training of [true, false]) {
      const dx = new Float32Array(rows * cols).fill(Number.NaN);
      const dgamma = new Float32Array(cols).fill(Number.NaN);
      const dbeta = new Float32Array(cols).fill(Number.NaN);
      be.batchNormBackward(x, dy, rows, cols, mean, invStd, gamma, training, dx, dgamma, dbeta);
      expectClose(dgamma, sumDyXhat, 1e-4);
      expectClose(dbeta, sumDy, 1e-4);
      expectClose(dx, Array.from(dy, (g, i) => {
        const j = i % cols;
        const k = gamma[j]! * invStd[j]!;
        return training ? (k / rows) * (rows * g - sumDy[j]! - xhat[i]! * sumDyXhat[j]!) : k * g;
      }), 1e-4);
      const onlyParams = new Float32Array(cols);
      be.batchNormBackward(x, dy, rows, cols, mean, invStd, gamma, training, null, onlyParams, dbeta);
      expectClose(onlyParams, dgamma, 0);
    }
  });

  it('batch norm matches the js reference (exactly for wasm, which does the same f32/f64 operations)', () => {
    const rows = 33;
    const cols = 20;
    const x = rand(rows * cols, 24, 3);
    const dy = rand(rows * cols, 25);
    const gamma = rand(cols, 26);
    const run = (b: Backend): Float32Array[] => {
      const mean = new Float32Array(cols);
      const variance = new Float32Array(cols);
      b.batchNormStats(x, rows, cols, mean, variance);
      const invStd = variance.map((v) => 1 / Math.sqrt(v + 1e-3));
      const scale = gamma.map((g, j) => g * invStd[j]!);
      const y = new Float32Array(rows * cols);
      b.batchNormForward(x, rows, cols, mean, scale, gamma, y);
      const dx = new Float32Array(rows * cols);
      const dgamma = new Float32Array(cols);
      const dbeta = new Float32Array(cols);
      b.batchNormBackward(x, dy, rows, cols, mean, invStd, gamma, true, dx, dgamma, dbeta);
      return [mean, variance, y, dx, dgamma, dbeta];
    };
    const ours = run(be);
    const ref = run(jsBackend);
    ours.forEach((a, i) => expectClose(a, ref[i]!, be.name === 'wasm' ? 0 : 1e-4));
  });

  it('adam, adamw, sgd (momentum, nesterov) and rmsprop match the reference formulas', () => {
    const n = 37;
    const g = rand(n, 13);
    const check = (run: (b: Backend, p: Float32Array, s1: Float32Array, s2: Float32Array) => void): void => {
      const p = rand(n, 14);
      const s1 = rand(n, 15, 0.1);
      const s2 = rand(n, 16, 0.1).map(Math.abs);
      const rp = p.slice();
      const r1 = s1.slice();
      const r2 = s2.slice();
      run(be, p, s1, s2);
      run(jsBackend, rp, r1, r2);
      expectClose(p, rp);
      expectClose(s1, r1);
      expectClose(s2, r2);
    };
    for (const step of [1, 5])
      for (const weightDecay of [0, 0.01])
        check((b, p, m, v) => b.adam(p, g, m, v, { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step, weightDecay }));
    for (const nesterov of [false, true])
      check((b, p, vel) => b.sgd(p, g, vel, { lr: 0.1, momentum: 0.9, nesterov, weightDecay: 0.001 }));
    check((b, p) => b.sgd(p, g, null, { lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 }));
    check((b, p, ms, mom) => b.rmsprop(p, g, ms.map(Math.abs), mom, { lr: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7 }));
    // One Adam step from zero moments moves every weight by about lr against its gradient's sign.
    const p = new Float32Array(n);
    be.adam(p, g, new Float32Array(n), new Float32Array(n), { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1, weightDecay: 0 });
    expectClose(p, Array.from(g, (v) => -0.01 * Math.sign(v)), 1e-3);
  });
});

describe('native backend guards', () => {
  it.runIf(native.ok)('rejects buffers too small for the shapes instead of overrunning', () => {
    if (!native.ok) return;
    expect(() => native.backend.gemm(false, false, 4, 4, 4, 1, new Float32Array(15), new Float32Array(16), 0, new Float32Array(16))).toThrow(/too small/);
    expect(() => native.backend.softmaxCrossEntropy(new Float32Array(4), new Float32Array([5, 0]), 2, 2, true, null)).toThrow(/outside/);
    const be = native.backend;
    const f = (n: number): Float32Array => new Float32Array(n);
    expect(() => be.convGemm(true, false, 4, 32, 4, 1, f(16), f(127), 0, f(128))).toThrow(/too small/);
    expect(() => be.batchNormStats(f(11), 3, 4, f(4), f(4))).toThrow(/too small/);
    expect(() => be.batchNormForward(f(12), 3, 4, f(4), f(3), f(4), f(12))).toThrow(/too small/);
    expect(() => be.batchNormBackward(f(12), f(12), 3, 4, f(4), f(4), f(4), true, f(11), f(4), f(4))).toThrow(/too small/);
  });

  it('reports a reason instead of throwing when the addon is missing', () => {
    const load = loadNativeBackend('/nonexistent/northstar_nn.node');
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.reason).toMatch(/not built/);
  });
});

/** float64 erf by its Taylor series (inputs here stay below |x| = 3, where 60 terms converge). */
function erf64(x: number): number {
  let sum = x;
  let term = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
