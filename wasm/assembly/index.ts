// Entry point of the `wasm` nn backend's kernels (see wasm/build.mjs and src/nn/backends/wasm-backend.ts).
export { gemmTile, packASize, packBSize } from './gemm';
export { adam, biasAdd, rmsprop, sgd, sumAxis0, unary, unaryGrad } from './elementwise';
export { col2im, im2col, maxPool, maxPoolBackward } from './window';
export { bnBackward, bnForward, bnStats } from './batch-norm';

/** First byte after the module's static data: the TypeScript side allocates from here. */
export function heapBase(): usize {
  return __heap_base;
}
