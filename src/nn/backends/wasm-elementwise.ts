/**
 * Element-wise kernels of the `wasm` backend (wasm/assembly/elementwise.ts): operands are copied into the
 * shared memory, computed with f32x4 (a vectorised exp for sigmoid, tanh and GELU), and copied back. The copy
 * costs about as much as a memory-bound kernel, so only the ones that measured faster than `js` with the
 * copy included are routed here (see wasm-backend.ts).
 */
import { NorthstarError } from '../../common/errors.js';
import { ACTIVATION_IDS, type Activation, type AdamStep, type RmspropStep, type SgdStep } from './backend.js';
import type { WasmHeap } from './wasm-kernels.js';

function need(buf: Float32Array | null, n: number, what: string): Float32Array {
  if (buf === null || buf.length < n) throw new NorthstarError('INVALID_ARGUMENT', `wasm backend: ${what} missing or shorter than ${n}`);
  return buf;
}

/** y = act(x) (y may alias x). */
export function wasmUnary(heap: WasmHeap, act: Activation, x: Float32Array, y: Float32Array, alpha: number): void {
  const n = x.length;
  need(y, n, 'unary output');
  const [px] = heap.operands(n) as [number];
  heap.f32.set(x, px / 4);
  heap.exports.unary(ACTIVATION_IDS[act], px, px, n, alpha);
  y.set(heap.f32.subarray(px / 4, px / 4 + n));
}

/** dx = dy · act'(x or y) with the {@link Backend.unaryGrad} contract. */
export function wasmUnaryGrad(
  heap: WasmHeap,
  act: Activation,
  x: Float32Array | null,
  y: Float32Array | null,
  dy: Float32Array,
  dx: Float32Array,
  alpha: number,
): void {
  const n = dy.length;
  const readsY = act === 'relu' || act === 'sigmoid' || act === 'tanh';
  const readsX = act === 'leakyRelu' || act === 'gelu';
  const [pd, pin] = heap.operands(n, n) as [number, number];
  const f32 = heap.f32;
  f32.set(dy, pd / 4);
  if (readsY) f32.set(need(y, n, `unaryGrad(${act}) y`).subarray(0, n), pin / 4);
  if (readsX) f32.set(need(x, n, `unaryGrad(${act}) x`).subarray(0, n), pin / 4);
  heap.exports.unaryGrad(ACTIVATION_IDS[act], pin, pin, pd, pd, n, alpha);
  dx.set(heap.f32.subarray(pd / 4, pd / 4 + n));
}

/** Adam/AdamW in place on param, m and v. */
export function wasmAdam(heap: WasmHeap, p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, s: AdamStep): void {
  const n = p.length;
  const [pp, pg, pm, pv] = heap.operands(n, n, n, n) as [number, number, number, number];
  const f32 = heap.f32;
  f32.set(p, pp / 4);
  f32.set(g.subarray(0, n), pg / 4);
  f32.set(m.subarray(0, n), pm / 4);
  f32.set(v.subarray(0, n), pv / 4);
  const stepSize = (s.lr * Math.sqrt(1 - Math.pow(s.beta2, s.step))) / (1 - Math.pow(s.beta1, s.step));
  heap.exports.adam(pp, pg, pm, pv, n, s.beta1, s.beta2, s.epsilon, stepSize, 1 - s.lr * s.weightDecay);
  p.set(f32.subarray(pp / 4, pp / 4 + n));
  m.set(f32.subarray(pm / 4, pm / 4 + n), 0);
  v.set(f32.subarray(pv / 4, pv / 4 + n), 0);
}

/** SGD in place (velocity updated when momentum > 0). */
export function wasmSgd(heap: WasmHeap, p: Float32Array, g: Float32Array, vel: Float32Array | null, s: SgdStep): void {
  const n = p.length;
  const hasVel = vel !== null && s.momentum !== 0;
  const [pp, pg, pv] = heap.operands(n, n, hasVel ? n : 0) as [number, number, number];
  const f32 = heap.f32;
  f32.set(p, pp / 4);
  f32.set(g.subarray(0, n), pg / 4);
  if (hasVel) f32.set(vel.subarray(0, n), pv / 4);
  heap.exports.sgd(pp, pg, pv, n, s.lr, s.momentum, s.nesterov ? 1 : 0, s.weightDecay, hasVel ? 1 : 0);
  p.set(f32.subarray(pp / 4, pp / 4 + n));
  if (hasVel) vel.set(f32.subarray(pv / 4, pv / 4 + n));
}

/** RMSprop in place (mom updated when momentum > 0). */
export function wasmRmsprop(heap: WasmHeap, p: Float32Array, g: Float32Array, ms: Float32Array, mom: Float32Array | null, s: RmspropStep): void {
  const n = p.length;
  const hasMom = mom !== null && s.momentum > 0;
  const [pp, pg, ps, pm] = heap.operands(n, n, n, hasMom ? n : 0) as [number, number, number, number];
  const f32 = heap.f32;
  f32.set(p, pp / 4);
  f32.set(g.subarray(0, n), pg / 4);
  f32.set(ms.subarray(0, n), ps / 4);
  if (hasMom) f32.set(mom.subarray(0, n), pm / 4);
  heap.exports.rmsprop(pp, pg, ps, pm, n, s.lr, s.rho, s.momentum, s.epsilon, hasMom ? 1 : 0);
  p.set(f32.subarray(pp / 4, pp / 4 + n));
  ms.set(f32.subarray(ps / 4, ps / 4 + n));
  if (hasMom) mom.set(f32.subarray(pm / 4, pm / 4 + n));
}

/** out[r, j] = x[r, j] + bias[j] (out may alias x: x and out get separate regions in wasm memory). */
export function wasmBiasAdd(heap: WasmHeap, x: Float32Array, bias: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const len = rows * cols;
  need(x, len, 'biasAdd input');
  need(out, len, 'biasAdd output');
  need(bias, cols, 'biasAdd bias');
  const [px, pb, po] = heap.operands(len, cols, len) as [number, number, number];
  const f32 = heap.f32;
  f32.set(x.subarray(0, len), px / 4);
  f32.set(bias.subarray(0, cols), pb / 4);
  heap.exports.biasAdd(px, pb, rows, cols, po);
  out.set(f32.subarray(po / 4, po / 4 + len));
}

/** out[j] = Σ_r x[r, j]. */
export function wasmSumAxis0(heap: WasmHeap, x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const len = rows * cols;
  need(x, len, 'sumAxis0 input');
  need(out, cols, 'sumAxis0 output');
  const [px, po] = heap.operands(len, cols) as [number, number];
  heap.f32.set(x.subarray(0, len), px / 4);
  heap.exports.sumAxis0(px, rows, cols, po);
  out.set(heap.f32.subarray(po / 4, po / 4 + cols));
}
