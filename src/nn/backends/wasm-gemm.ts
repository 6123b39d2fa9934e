/**
 * GEMM on the `wasm` backend: copies the operands into the shared wasm memory, runs the SIMD128 kernel
 * (wasm/assembly/gemm.ts) over a grid of C tiles on the caller and its helper threads, and copies C back.
 * Problems below {@link THREAD_MIN_MACS} run in one call on the caller: waking a helper costs tens of
 * microseconds, more than a small GEMM takes. Larger ones are shared unless the pool is backing off after
 * sharing lost time (a loaded machine; see WasmThreads.runGemm).
 */
import { NorthstarError } from '../../common/errors.js';
import type { WasmHeap } from './wasm-kernels.js';
import type { Scratch, WasmThreads } from './wasm-threads.js';

/** Multiply-adds from which a GEMM is split across threads. */
export const THREAD_MIN_MACS = 1 << 21;
/** Tiles a threaded GEMM is cut into (at least): several per thread, so a late helper takes fewer. */
const TARGET_TILES = 16;

const roundUp = (v: number, q: number): number => Math.ceil(v / q) * q;

/** Tile sizes (rows multiple of 4, columns multiple of 8, the kernel's register tile) for a threaded GEMM. */
export function tileGrid(m: number, n: number): { tileM: number; tileN: number } {
  let tileM = roundUp(m, 4);
  let tileN = roundUp(n, 8);
  while (Math.ceil(m / tileM) * Math.ceil(n / tileN) < TARGET_TILES) {
    // Halve the longer side; splitting rows repacks B per tile, splitting columns repacks A, both O(k·side).
    if (tileM >= tileN && tileM > 16) tileM = roundUp(tileM / 2, 4);
    else if (tileN > 32) tileN = roundUp(tileN / 2, 8);
    else if (tileM > 16) tileM = roundUp(tileM / 2, 4);
    else break;
  }
  return { tileM, tileN };
}

/** Runs one GEMM with the {@link Backend.gemm} contract on a heap and (for large problems) its threads. */
export function wasmGemm(
  heap: WasmHeap,
  threads: WasmThreads | null,
  own: Scratch,
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
): void {
  if (a.length < m * k || b.length < k * n || c.length < m * n) {
    throw new NorthstarError('INVALID_ARGUMENT', `wasm backend: gemm buffers too small for ${m}x${n}x${k}`);
  }
  if (m === 0 || n === 0) return;
  const [pa, pb, pc] = heap.operands(m * k, k * n, m * n) as [number, number, number];
  const f32 = heap.f32;
  f32.set(a.subarray(0, m * k), pa / 4);
  f32.set(b.subarray(0, k * n), pb / 4);
  // With beta 0 the kernel overwrites C (NaN included), so the old C need not be copied in.
  if (beta !== 0) f32.set(c.subarray(0, m * n), pc / 4);
  const ta = transA ? 1 : 0;
  const tb = transB ? 1 : 0;
  if (threads === null || m * n * k < THREAD_MIN_MACS || !threads.shouldShare()) {
    heap.exports.gemmTile(ta, tb, m, n, k, alpha, beta, pa, pb, pc, 0, m, 0, n, own.pa, own.pb, own.tmp);
  } else {
    const { tileM, tileN } = tileGrid(m, n);
    threads.runGemm({ ta: transA, tb: transB, m, n, k, alpha, beta, a: pa, b: pb, c: pc, tileM, tileN });
  }
  c.set(heap.f32.subarray(pc / 4, pc / 4 + m * n));
}
