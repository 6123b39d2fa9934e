/**
 * The `wasm` backend: the portable fast path when the native addon is not built. GEMM runs in our own
 * WebAssembly SIMD128 kernels (wasm/assembly/, compiled by `node wasm/build.mjs`), split across the caller and
 * one worker thread for large problems; activations and their gradients, bias add, column sums and the
 * optimiser steps run as f32x4 loops, im2col/col2im and max pooling as wasm loops (all faster than `js` even
 * with the copy in and out of wasm memory); average pooling, softmax and cross-entropy are the `js`
 * backend's. The conformance suite holds it to the same results as every backend.
 */
import { availableParallelism } from 'node:os';
import type { Backend } from './backend.js';
import { jsBackend } from './js.js';
import { wasmBatchNormBackward, wasmBatchNormForward, wasmBatchNormStats } from './wasm-batch-norm.js';
import { wasmAdam, wasmBiasAdd, wasmRmsprop, wasmSgd, wasmSumAxis0, wasmUnary, wasmUnaryGrad } from './wasm-elementwise.js';
import { THREAD_MIN_MACS, wasmGemm } from './wasm-gemm.js';
import { WasmHeap } from './wasm-kernels.js';
import { wasmWindowKernels } from './wasm-window.js';
import { WasmThreads, type Scratch } from './wasm-threads.js';

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /** Threads for large GEMMs, the caller included (default: 2, or 1 on a single-core machine). */
  threads?: number;
}

/** A {@link Backend} that owns worker threads: {@link WasmBackend.dispose} terminates them. */
export interface WasmBackend extends Backend {
  /** Threads a large GEMM uses, the caller included. */
  readonly threads: number;
  /** Helper threads started and ready, and GEMM tiles they computed (0 until the first large GEMM). */
  threadStats(): { helpers: number; ready: number; helperTiles: number };
  /** Terminates the helper threads; the backend keeps working on the calling thread alone. */
  dispose(): Promise<void>;
}

/** Creates a wasm backend with its own shared memory (and, with threads > 1, lazily started helpers). */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const threadCount = Math.max(1, Math.floor(options.threads ?? Math.min(2, availableParallelism())));
  const heap = new WasmHeap();
  const scratch = (): Scratch => ({
    pa: heap.reserve(heap.exports.packASize()),
    pb: heap.reserve(heap.exports.packBSize()),
    tmp: heap.reserve(256),
  });
  const own = scratch();
  const helpers = Array.from({ length: threadCount - 1 }, scratch);
  let pool: WasmThreads | null = threadCount > 1 ? new WasmThreads(heap, own, helpers) : null;
  let active = threadCount;
  return {
    ...jsBackend,
    ...wasmWindowKernels(heap),
    name: 'wasm',
    get threads() {
      return active;
    },
    describe: () =>
      `wasm (WebAssembly SIMD128 4x8 GEMM kernel, ${active} thread${active === 1 ? '' : 's'} for GEMMs of ` +
      `${THREAD_MIN_MACS / 2 ** 20}M+ multiply-adds; SIMD activations, bias, optimisers, im2col, max pooling, batch norm; avg pooling, softmax from js)`,
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      wasmGemm(heap, pool, own, transA, transB, m, n, k, alpha, a, b, beta, c);
    },
    convGemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      wasmGemm(heap, pool, own, transA, transB, m, n, k, alpha, a, b, beta, c);
    },
    unary: (act, x, y, alpha) => wasmUnary(heap, act, x, y, alpha),
    unaryGrad: (act, x, y, dy, dx, alpha) => wasmUnaryGrad(heap, act, x, y, dy, dx, alpha),
    biasAdd: (x, bias, rows, cols, out) => wasmBiasAdd(heap, x, bias, rows, cols, out),
    sumAxis0: (x, rows, cols, out) => wasmSumAxis0(heap, x, rows, cols, out),
    batchNormStats: (x, rows, cols, mean, variance) => wasmBatchNormStats(heap, x, rows, cols, mean, variance),
    batchNormForward: (x, rows, cols, mean, scale, shift, y) => wasmBatchNormForward(heap, x, rows, cols, mean, scale, shift, y),
    batchNormBackward: (x, dy, rows, cols, mean, invStd, gamma, training, dx, dgamma, dbeta) =>
      wasmBatchNormBackward(heap, x, dy, rows, cols, mean, invStd, gamma, training, dx, dgamma, dbeta),
    adam: (p, g, m, v, s) => wasmAdam(heap, p, g, m, v, s),
    sgd: (p, g, vel, s) => wasmSgd(heap, p, g, vel, s),
    rmsprop: (p, g, ms, mom, s) => wasmRmsprop(heap, p, g, ms, mom, s),
    threadStats: () => ({ helpers: pool?.helpers ?? 0, ready: pool === null ? 0 : pool.ready, helperTiles: pool?.helperTiles ?? 0 }),
    async dispose() {
      const p = pool;
      pool = null;
      active = 1;
      if (p) await p.dispose();
    },
  };
}
