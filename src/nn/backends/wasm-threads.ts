/**
 * Worker threads for the `wasm` backend. Each worker instantiates the kernels module over the caller's shared
 * memory and waits (Atomics.wait) for a job; a job is a list of GEMM tiles that the caller and the workers
 * claim one at a time from a shared counter, so a worker that wakes late (loaded machine) simply takes fewer
 * tiles instead of stalling the caller. Workers are unref'd (they never keep the process alive) and are
 * terminated by {@link WasmThreads.dispose}.
 */
import { Worker } from 'node:worker_threads';
import type { WasmHeap } from './wasm-kernels.js';

/** Int32 slots of the control block. */
const SEQ = 0;
const COUNTER = 1;
const DONE = 2;
const QUIT = 3;
const READY = 4;
/** Tiles computed by helpers (a statistic: shows that the work was really shared). */
const HELPER_TILES = 5;
/** Two parameter slots, used by alternate jobs: a helper that wakes late can still be reading job s's
 * parameters while the caller writes job s+1's, and its claim then fails on the counter's tag. */
const PARAMS = 8;
const SLOT = 16;
/** Back-off, in GEMMs, after sharing one cost time (doubles while it keeps costing, up to MAX_BACKOFF). */
const MIN_BACKOFF = 8;
const MAX_BACKOFF = 256;
/** Size of the control block in bytes. */
export const CONTROL_BYTES = 256;
/** Spin iterations before a waiting thread sleeps: catches back-to-back GEMMs without burning a core. */
const SPIN = 20000;

/** One GEMM split into a grid of tiles of C. */
export interface GemmJob {
  ta: boolean;
  tb: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  beta: number;
  a: number;
  b: number;
  c: number;
  tileM: number;
  tileN: number;
}

/** Per-thread scratch: byte offsets of the packing buffers. */
export interface Scratch {
  pa: number;
  pb: number;
  tmp: number;
}

// The worker's source (plain JS, eval'd): the same claim loop as runGemm below. Kept in this file so that it
// works unchanged from src/ (vitest, tsx) and dist/.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, scratch } = workerData;
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const I = new Int32Array(memory.buffer, control, ${CONTROL_BYTES / 4});
const F = new Float32Array(memory.buffer, control, ${CONTROL_BYTES / 4});
let last = Atomics.load(I, ${SEQ});
Atomics.add(I, ${READY}, 1);
for (;;) {
  let s = Atomics.load(I, ${SEQ});
  for (let i = 0; s === last && i < ${SPIN}; i++) s = Atomics.load(I, ${SEQ});
  if (s === last) { Atomics.wait(I, ${SEQ}, last); continue; }
  if (Atomics.load(I, ${QUIT}) !== 0) break;
  last = s;
  const tag = s & 0x7fff;
  const p = ${PARAMS} + (s & 1) * ${SLOT};
  const ta = I[p], tb = I[p + 1], m = I[p + 2], n = I[p + 3], kk = I[p + 4], a = I[p + 5], b = I[p + 6], c = I[p + 7];
  const tileM = I[p + 8], tileN = I[p + 9], alpha = F[p + 10], beta = F[p + 11];
  const cols = Math.ceil(n / tileN), tiles = Math.ceil(m / tileM) * cols;
  for (;;) {
    const v = Atomics.load(I, ${COUNTER});
    const t = v & 0xffff;
    if ((v >>> 16) !== tag || t >= tiles) break;
    if (Atomics.compareExchange(I, ${COUNTER}, v, v + 1) !== v) continue;
    const i0 = Math.floor(t / cols) * tileM, j0 = (t % cols) * tileN;
    k.gemmTile(ta, tb, m, n, kk, alpha, beta, a, b, c, i0, Math.min(m, i0 + tileM), j0, Math.min(n, j0 + tileN), scratch.pa, scratch.pb, scratch.tmp);
    Atomics.add(I, ${HELPER_TILES}, 1);
    Atomics.add(I, ${DONE}, 1);
    Atomics.notify(I, ${DONE});
  }
}
`;

/**
 * When to stop sharing GEMMs for a while: after a shared GEMM that lost time, skip sharing for the next
 * `length` large GEMMs, doubling the length while sharing keeps losing and resetting it after a win.
 */
export class ShareBackoff {
  private skip = 0;
  private length = MIN_BACKOFF;

  /** Whether to share the next large GEMM (counts down a running back-off). */
  shouldShare(): boolean {
    if (this.skip === 0) return true;
    this.skip--;
    return false;
  }

  /** Records the outcome of a shared GEMM: `lost` when it took longer than the caller alone would have. */
  record(lost: boolean): void {
    if (lost) {
      this.skip = this.length;
      this.length = Math.min(MAX_BACKOFF, this.length * 2);
    } else this.length = MIN_BACKOFF;
  }
}

/** The caller thread plus `workers` helpers over one {@link WasmHeap}. */
export class WasmThreads {
  private readonly control: Int32Array;
  private readonly controlF: Float32Array;
  private readonly controlOffset: number;
  private workers: Worker[] = [];
  private seq = 0;
  private started = false;
  private readonly backoff = new ShareBackoff();

  constructor(
    private readonly heap: WasmHeap,
    private readonly own: Scratch,
    private readonly helperScratch: Scratch[],
  ) {
    this.controlOffset = heap.reserve(CONTROL_BYTES);
    this.control = new Int32Array(heap.memory.buffer, this.controlOffset, CONTROL_BYTES / 4);
    this.controlF = new Float32Array(heap.memory.buffer, this.controlOffset, CONTROL_BYTES / 4);
  }

  /** Helpers that have instantiated the module and are waiting for work. */
  get ready(): number {
    return Atomics.load(this.control, READY);
  }

  /** Starts the helpers on first use (asynchronously: until they are ready the caller does every tile). */
  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const scratch of this.helperScratch) {
      const w = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.heap.module, memory: this.heap.memory, control: this.controlOffset, scratch },
      });
      w.unref();
      // A helper that dies leaves the caller to do its tiles (claims are dynamic), so errors are not fatal.
      w.on('error', () => undefined);
      this.workers.push(w);
    }
  }

  /**
   * Whether the next large GEMM should be shared. False while backing off: on an oversubscribed machine a
   * helper that loses its core in the middle of a tile makes the caller wait longer than doing it alone.
   */
  shouldShare(): boolean {
    return this.backoff.shouldShare();
  }

  /**
   * Runs a tiled GEMM on the caller and the helpers; returns when every tile is written. Afterwards compares
   * the elapsed time with the caller's own per-tile speed times all tiles (what it would have taken alone);
   * when sharing lost, the next GEMMs run alone for a back-off that doubles while sharing keeps losing.
   */
  runGemm(job: GemmJob): void {
    this.start();
    const I = this.control;
    const F = this.controlF;
    const cols = Math.ceil(job.n / job.tileN);
    const tiles = Math.ceil(job.m / job.tileM) * cols;
    // 1..0x7ffe: fits the counter's 15-bit tag and alternates parity (the parameter slot) across the wrap.
    this.seq = (this.seq % 0x7ffe) + 1;
    const p = PARAMS + (this.seq & 1) * SLOT;
    I[p] = job.ta ? 1 : 0;
    I[p + 1] = job.tb ? 1 : 0;
    I[p + 2] = job.m;
    I[p + 3] = job.n;
    I[p + 4] = job.k;
    I[p + 5] = job.a;
    I[p + 6] = job.b;
    I[p + 7] = job.c;
    I[p + 8] = job.tileM;
    I[p + 9] = job.tileN;
    F[p + 10] = job.alpha;
    F[p + 11] = job.beta;
    Atomics.store(I, DONE, 0);
    Atomics.store(I, COUNTER, this.seq << 16);
    Atomics.store(I, SEQ, this.seq);
    if (this.ready > 0) Atomics.notify(I, SEQ);
    const k = this.heap.exports;
    const s = this.own;
    const t0 = performance.now();
    let mine = 0;
    for (;;) {
      const v = Atomics.load(I, COUNTER);
      const t = v & 0xffff;
      if (t >= tiles) break;
      if (Atomics.compareExchange(I, COUNTER, v, v + 1) !== v) continue;
      const i0 = Math.floor(t / cols) * job.tileM;
      const j0 = (t % cols) * job.tileN;
      k.gemmTile(job.ta ? 1 : 0, job.tb ? 1 : 0, job.m, job.n, job.k, job.alpha, job.beta, job.a, job.b, job.c,
        i0, Math.min(job.m, i0 + job.tileM), j0, Math.min(job.n, j0 + job.tileN), s.pa, s.pb, s.tmp);
      Atomics.add(I, DONE, 1);
      mine++;
    }
    const t1 = performance.now();
    // Wait for tiles a helper still holds: spin briefly, then sleep until it notifies.
    let spins = 0;
    for (let d = Atomics.load(I, DONE); d < tiles; d = Atomics.load(I, DONE)) {
      if (++spins > SPIN) Atomics.wait(I, DONE, d, 5);
    }
    // Only a GEMM the helper took part in says anything about sharing.
    if (mine === tiles || mine === 0) return;
    this.backoff.record(performance.now() - t0 > ((t1 - t0) / mine) * tiles);
  }

  /** Stops and terminates the helpers; later GEMMs run on the caller only. */
  async dispose(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.helperScratch.length = 0;
    this.started = true;
    Atomics.store(this.control, QUIT, 1);
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Tiles the helpers have computed since the heap was created. */
  get helperTiles(): number {
    return Atomics.load(this.control, HELPER_TILES);
  }

  /** Number of helper threads started (0 before the first threaded GEMM and after dispose). */
  get helpers(): number {
    return this.workers.length;
  }
}
