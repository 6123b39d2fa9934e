/**
 * The wasm backend's GEMM beyond the conformance suite: odd and non-block-multiple sizes with every transpose
 * against a float64 reference, the threaded path (bit-identical to one thread, and really shared with the
 * helper), dispose, a process that exits with the helper still alive, and the embedded binary being exactly
 * what `node wasm/build.mjs` produces from wasm/assembly (so it cannot go stale).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { jsBackend } from './js.js';
import { createWasmBackend } from './wasm-backend.js';
import { THREAD_MIN_MACS, tileGrid } from './wasm-gemm.js';
import { ShareBackoff } from './wasm-threads.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const one = createWasmBackend({ threads: 1 });
const two = createWasmBackend({ threads: 2 });
afterAll(() => two.dispose());

function rand(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
}

function naive(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, beta: number, c: Float32Array): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i]! : a[i * k + p]!) * (tb ? b[j * k + p]! : b[p * n + j]!);
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * n + j]!);
    }
  return out;
}

/** Bitwise equality (vitest's toEqual walks typed arrays element by element: seconds for 300k entries). */
function sameBits(x: Float32Array, y: Float32Array): boolean {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
}

function maxRelError(actual: Float32Array, expected: Float64Array, k: number): number {
  // Float32 accumulation error grows like sqrt(k) per entry of magnitude ~sqrt(k); scale accordingly.
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.sqrt(k)));
  return worst;
}

const sizes: Array<[number, number, number]> = [
  [1, 1, 1],
  [7, 13, 5],
  [3, 9, 1],
  [5, 8, 257], // k crosses the 256-deep packing block
  [67, 33, 130],
  [130, 17, 70],
  [129, 130, 260], // above THREAD_MIN_MACS: the threaded path
  [300, 1031, 9], // n crosses the 1024-wide B block
];

describe('wasm backend gemm', () => {
  it.each(sizes.flatMap(([m, n, k]) => [false, true].flatMap((ta) => [false, true].map((tb) => [ta, tb, m, n, k] as const))))(
    'transA=%s transB=%s %ix%ix%i matches float64 on 1 and 2 threads',
    (ta, tb, m, n, k) => {
      const a = rand(m * k, 1);
      const b = rand(k * n, 2);
      const c0 = rand(m * n, 3);
      for (const [alpha, beta] of [[1, 0], [0.5, 1], [2, -0.5]] as const) {
        const ref = naive(ta, tb, m, n, k, alpha, a, b, beta, c0);
        const c1 = c0.slice();
        one.gemm(ta, tb, m, n, k, alpha, a, b, beta, c1);
        expect(maxRelError(c1, ref, k)).toBeLessThan(1e-5);
        const c2 = c0.slice();
        two.gemm(ta, tb, m, n, k, alpha, a, b, beta, c2);
        // Tiles never split k, so every entry is summed in the same order: bit-identical.
        expect(sameBits(c2, c1)).toBe(true);
      }
    },
  );

  it('agrees with the js backend and ignores NaN in C when beta is 0', () => {
    const [m, n, k] = [37, 45, 29];
    const a = rand(m * k, 4);
    const b = rand(k * n, 5);
    const c = new Float32Array(m * n).fill(Number.NaN);
    const ref = new Float32Array(m * n);
    one.gemm(true, false, m, n, k, 1.5, a, b, 0, c);
    jsBackend.gemm(true, false, m, n, k, 1.5, a, b, 0, ref);
    for (let i = 0; i < ref.length; i++) expect(Math.abs(c[i]! - ref[i]!)).toBeLessThan(1e-5);
  });

  it('element-wise kernels: exp-based activations at extremes, NaN through relu, in-place bias add', () => {
    const x = new Float32Array([-100, -20, -1e-3, -0, 0, 1e-3, 0.6, 0.7, 20, 100, 87, -88, Number.NaN]);
    const y = new Float32Array(x.length);
    one.unary('sigmoid', x, y, 0);
    x.forEach((v, i) => Number.isNaN(v) ? expect(y[i]).toBeNaN() : expect(Math.abs(y[i]! - 1 / (1 + Math.exp(-v)))).toBeLessThan(2e-7));
    one.unary('tanh', x, y, 0);
    // Near 0 the polynomial branch keeps relative accuracy (1 − 2/(e^{2x}+1) would cancel).
    x.forEach((v, i) => Number.isNaN(v) ? expect(y[i]).toBeNaN() : expect(Math.abs(y[i]! - Math.tanh(v))).toBeLessThanOrEqual(2e-7 * Math.max(1e-3, Math.abs(Math.tanh(v)))));
    one.unary('relu', x, y, 0);
    expect(y[x.length - 1]).toBeNaN();
    expect(Array.from(y.subarray(0, 10))).toEqual([0, 0, 0, 0, 0, Math.fround(1e-3), Math.fround(0.6), Math.fround(0.7), 20, 100]);
    const rows = 3;
    const cols = 5;
    const m = rand(rows * cols, 8);
    const bias = rand(cols, 9);
    const expected = Array.from(m, (v, i) => Math.fround(v + bias[i % cols]!));
    one.biasAdd(m, bias, rows, cols, m);
    expect(Array.from(m)).toEqual(expected);
  });

  it('rejects buffers too small for the shapes', () => {
    expect(() => one.gemm(false, false, 4, 4, 4, 1, new Float32Array(15), new Float32Array(16), 0, new Float32Array(16))).toThrow(/too small/);
  });

  it('cuts threaded GEMMs into register-aligned tiles, at least 16 when the shape allows', () => {
    const g = tileGrid(1024, 1024);
    expect(g.tileM % 4).toBe(0);
    expect(g.tileN % 8).toBe(0);
    expect(Math.ceil(1024 / g.tileM) * Math.ceil(1024 / g.tileN)).toBeGreaterThanOrEqual(16);
    expect(tileGrid(3, 5)).toEqual({ tileM: 4, tileN: 8 });
  });

  it('backs off from sharing after a loss: 8 GEMMs alone, doubling to 256 while losing, reset by a win', () => {
    const b = new ShareBackoff();
    const alone = (): number => {
      let n = 0;
      while (!b.shouldShare()) n++;
      return n;
    };
    expect(alone()).toBe(0);
    b.record(true);
    expect(alone()).toBe(8);
    b.record(true);
    expect(alone()).toBe(16);
    for (let i = 0; i < 10; i++) b.record(true);
    expect(alone()).toBe(256);
    b.record(false);
    b.record(true);
    expect(alone()).toBe(8);
  });

  it('shares large GEMMs with the helper thread, then runs alone after dispose', async () => {
    const be = createWasmBackend({ threads: 2 });
    const [m, n, k] = [128, 256, 128];
    expect(m * n * k).toBeGreaterThanOrEqual(THREAD_MIN_MACS);
    const a = rand(m * k, 6);
    const b = rand(k * n, 7);
    const c = new Float32Array(m * n);
    const ref = new Float32Array(m * n);
    one.gemm(false, true, m, n, k, 1, a, b, 0, ref);
    // The helper starts with the first large GEMM and instantiates asynchronously; until it is ready the
    // caller does every tile. Keep going (bounded) until the helper has taken some.
    for (let i = 0; i < 2000 && be.threadStats().helperTiles === 0; i++) {
      be.gemm(false, true, m, n, k, 1, a, b, 0, c);
      expect(sameBits(c, ref)).toBe(true);
      if (be.threadStats().ready === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(be.threadStats()).toMatchObject({ helpers: 1, ready: 1 });
    expect(be.threadStats().helperTiles).toBeGreaterThan(0);
    expect(be.describe()).toMatch(/2 threads/);
    await be.dispose();
    expect(be.threadStats().helpers).toBe(0);
    expect(be.threads).toBe(1);
    c.fill(0);
    be.gemm(false, true, m, n, k, 1, a, b, 0, c);
    expect(sameBits(c, ref)).toBe(true);
  });

  it('never keeps the process alive (helper is unref\'d)', () => {
    const script = [
      "import { createWasmBackend } from './src/nn/backends/wasm-backend.ts';",
      'const be = createWasmBackend({ threads: 2 });',
      'const n = 256; const a = new Float32Array(n * n).fill(1); const c = new Float32Array(n * n);',
      'for (let i = 0; i < 20; i++) be.gemm(false, false, n, n, n, 1, a, a, 0, c);',
      'await new Promise((r) => setTimeout(r, 200));',
      'be.gemm(false, false, n, n, n, 1, a, a, 0, c);',
      "console.log(c[0], be.threadStats().helpers);",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('256 1');
  });

  it('embeds exactly the binary that wasm/build.mjs compiles from wasm/assembly', () => {
    const r = spawnSync(process.execPath, ['wasm/build.mjs', '--check'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 150_000);
});
