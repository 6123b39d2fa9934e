/**
 * Loads the `wasm` backend's kernels (AssemblyScript, SIMD128; source in `wasm/assembly/`, binary embedded in
 * `wasm-binary.ts`) into one shared `WebAssembly.Memory` and hands out byte regions of it. The memory is
 * shared so that worker threads can instantiate the same module over it and split a GEMM with the caller.
 */
import { NorthstarError } from '../../common/errors.js';
import { WASM_KERNELS_BASE64 } from './wasm-binary.js';

/** The functions the kernels module exports (see wasm/assembly/index.ts); pointers are byte offsets. */
export interface WasmExports {
  heapBase(): number;
  packASize(): number;
  packBSize(): number;
  gemmTile(
    ta: number, tb: number, m: number, n: number, k: number, alpha: number, beta: number,
    a: number, b: number, c: number, i0: number, i1: number, j0: number, j1: number,
    pa: number, pb: number, tmp: number,
  ): void;
  unary(act: number, x: number, y: number, n: number, alpha: number): void;
  unaryGrad(act: number, x: number, y: number, dy: number, dx: number, n: number, alpha: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, beta1: number, beta2: number, epsilon: number, stepSize: number, decay: number): void;
  sgd(p: number, g: number, vel: number, n: number, lr: number, momentum: number, nesterov: number, weightDecay: number, hasVel: number): void;
  rmsprop(p: number, g: number, ms: number, mom: number, n: number, lr: number, rho: number, momentum: number, epsilon: number, hasMom: number): void;
  biasAdd(x: number, bias: number, rows: number, cols: number, out: number): void;
  sumAxis0(x: number, rows: number, cols: number, out: number): void;
  im2col(x: number, g: number, cols: number): void;
  col2im(cols: number, g: number, dx: number): void;
  maxPool(x: number, g: number, out: number, argmax: number): void;
  maxPoolBackward(dy: number, argmax: number, len: number, dx: number, dxLen: number): void;
  bnStats(x: number, rows: number, cols: number, mean: number, variance: number, acc: number): void;
  bnForward(x: number, rows: number, cols: number, mean: number, scale: number, shift: number, y: number): void;
  bnBackward(
    x: number, dy: number, rows: number, cols: number, mean: number, invStd: number, gamma: number, training: number,
    dx: number, dgamma: number, dbeta: number, acc: number, coef: number,
  ): void;
}

/** The slice of the WebAssembly JS API used here (the project's lib settings have no DOM, which declares it). */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}
/** A compiled module (opaque; structured-cloneable to worker threads). */
export type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
/** wasm32's limit: 4 GiB. The reservation is virtual; pages are committed as the memory grows. */
const MAX_PAGES = 65536;
const ALIGN = 64;

let compiled: WasmModule | undefined;

/** Compiles the embedded module once per process; throws NN_BACKEND_UNAVAILABLE when the engine lacks SIMD. */
export function kernelsModule(): WasmModule {
  if (compiled) return compiled;
  const bytes = Buffer.from(WASM_KERNELS_BASE64, 'base64');
  if (!WA.validate(bytes)) {
    throw new NorthstarError('NN_BACKEND_UNAVAILABLE', 'This JavaScript engine cannot run WebAssembly SIMD128 with shared memory', {
      hint: 'Use Node.js 20 or newer, or the js backend.',
    });
  }
  const module = new WA.Module(bytes);
  compiled = module;
  return module;
}

const alignUp = (v: number): number => Math.ceil(v / ALIGN) * ALIGN;

/**
 * One instance of the kernels over its own shared memory. Fixed regions (control block, per-thread packing
 * scratch) are reserved first; {@link WasmHeap.operands} then places call operands after them, growing the
 * memory when a call needs more. Views are refreshed after growth (a shared buffer never detaches, but the
 * old `SharedArrayBuffer` object keeps its old length).
 */
export class WasmHeap {
  readonly memory: WasmMemory;
  /** The compiled module (helper threads instantiate the same one over {@link memory}). */
  readonly module: WasmModule;
  readonly exports: WasmExports;
  private top: number;
  private f32View: Float32Array;

  constructor() {
    this.memory = new WA.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    this.module = kernelsModule();
    const instance = new WA.Instance(this.module, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as WasmExports;
    this.top = alignUp(this.exports.heapBase());
    this.f32View = new Float32Array(this.memory.buffer);
  }

  /** Reserves `bytes` for the lifetime of the heap (control block, scratch); returns the byte offset. */
  reserve(bytes: number): number {
    const at = this.top;
    this.top = alignUp(at + bytes);
    this.ensure(this.top);
    return at;
  }

  /**
   * Byte offsets of consecutive regions of the given float counts, placed after every reservation. They are
   * valid until the next call (operands of one kernel call).
   */
  operands(...floats: number[]): number[] {
    const out: number[] = [];
    let at = this.top;
    for (const f of floats) {
      out.push(at);
      at = alignUp(at + f * 4);
    }
    this.ensure(at);
    return out;
  }

  /** A float view of the whole memory (refreshed after growth). */
  get f32(): Float32Array {
    return this.f32View;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) {
      throw new NorthstarError('INVALID_ARGUMENT', `wasm backend: ${end} bytes of operands exceed WebAssembly's 4 GiB memory`, {
        hint: 'Use a smaller batch, or the native backend.',
      });
    }
    this.memory.grow(pages);
    this.f32View = new Float32Array(this.memory.buffer);
  }
}
