/**
 * Batch-norm kernels of the `wasm` backend (wasm/assembly/batch-norm.ts): operands are copied into the shared
 * memory, computed there and copied back, with the same arithmetic as the js reference (bit-identical results).
 */
import { NorthstarError } from '../../common/errors.js';
import type { WasmHeap } from './wasm-kernels.js';

function need(ok: boolean, what: string): void {
  if (!ok) throw new NorthstarError('INVALID_ARGUMENT', `wasm backend: ${what}`);
}

/** Per-channel mean and biased variance (see {@link Backend.batchNormStats}). */
export function wasmBatchNormStats(heap: WasmHeap, x: Float32Array, rows: number, cols: number, mean: Float32Array, variance: Float32Array): void {
  const len = rows * cols;
  need(x.length >= len && mean.length >= cols && variance.length >= cols, 'batchNormStats buffers too small');
  // acc: 2·cols doubles = 4·cols floats of scratch.
  const [px, pm, pv, pacc] = heap.operands(len, cols, cols, 4 * cols) as [number, number, number, number];
  const f32 = heap.f32;
  f32.set(x.subarray(0, len), px / 4);
  heap.exports.bnStats(px, rows, cols, pm, pv, pacc);
  mean.set(f32.subarray(pm / 4, pm / 4 + cols));
  variance.set(f32.subarray(pv / 4, pv / 4 + cols));
}

/** y = scale·(x − mean) + shift (see {@link Backend.batchNormForward}); y may alias x. */
export function wasmBatchNormForward(
  heap: WasmHeap,
  x: Float32Array,
  rows: number,
  cols: number,
  mean: Float32Array,
  scale: Float32Array,
  shift: Float32Array,
  y: Float32Array,
): void {
  const len = rows * cols;
  need(x.length >= len && y.length >= len && mean.length >= cols && scale.length >= cols && shift.length >= cols, 'batchNormForward buffers too small');
  const [px, pm, ps, pb] = heap.operands(len, cols, cols, cols) as [number, number, number, number];
  const f32 = heap.f32;
  f32.set(x.subarray(0, len), px / 4);
  f32.set(mean.subarray(0, cols), pm / 4);
  f32.set(scale.subarray(0, cols), ps / 4);
  f32.set(shift.subarray(0, cols), pb / 4);
  heap.exports.bnForward(px, rows, cols, pm, ps, pb, px);
  y.set(f32.subarray(px / 4, px / 4 + len));
}

/** Parameter sums and input gradient (see {@link Backend.batchNormBackward}). */
export function wasmBatchNormBackward(
  heap: WasmHeap,
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
): void {
  const len = rows * cols;
  need(x.length >= len && dy.length >= len && (dx === null || dx.length >= len), 'batchNormBackward buffers too small');
  need(mean.length >= cols && invStd.length >= cols && gamma.length >= cols && dgamma.length >= cols && dbeta.length >= cols, 'batchNormBackward channel vectors too small');
  const [px, pdy, pm, pi, pg, pdg, pdb, pacc, pcoef] = heap.operands(len, len, cols, cols, cols, cols, cols, 4 * cols, 3 * cols) as [
    number, number, number, number, number, number, number, number, number,
  ];
  const f32 = heap.f32;
  f32.set(x.subarray(0, len), px / 4);
  f32.set(dy.subarray(0, len), pdy / 4);
  f32.set(mean.subarray(0, cols), pm / 4);
  f32.set(invStd.subarray(0, cols), pi / 4);
  f32.set(gamma.subarray(0, cols), pg / 4);
  // dx overwrites dy's region (each element is read before it is written), so no third big operand.
  heap.exports.bnBackward(px, pdy, rows, cols, pm, pi, pg, training ? 1 : 0, dx === null ? 0 : pdy, pdg, pdb, pacc, pcoef);
  dgamma.set(f32.subarray(pdg / 4, pdg / 4 + cols));
  dbeta.set(f32.subarray(pdb / 4, pdb / 4 + cols));
  if (dx !== null) dx.set(f32.subarray(pdy / 4, pdy / 4 + len));
}
