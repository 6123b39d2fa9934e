/**
 * W3: SGEMM 1024³ (C = A·B, row-major float32) on one backend: the median of the timed calls after a
 * warm-up call. Prints one JSON line.
 *
 *   npx tsx bench/nn/sgemm.ts --backend native|wasm|js [--threads 1|2 (wasm)] [--size 1024] [--reps 9]
 *
 * `--compare-tfjs` instead runs, in this one process and interleaved call by call, Northstar's wasm backend
 * on 2 threads and on 1 thread and TensorFlow.js' wasm backend (XNNPACK, SIMD128, 1 thread on Node), for
 * A·B and the two transposed products a backward pass uses (Aᵀ·B, A·Bᵀ); it prints one JSON line per engine
 * and variant and a table with the ratios. Every call includes moving operands in and the result out
 * (`dataSync` for TensorFlow.js, the copy into and out of wasm memory for Northstar).
 */
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { nn } from '../../src/nn/index.js';
import { createWasmBackend } from '../../src/nn/backends/wasm-backend.js';
import type { Backend } from '../../src/nn/backends/backend.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'native' },
    threads: { type: 'string' },
    size: { type: 'string', default: '1024' },
    reps: { type: 'string', default: '9' },
    'compare-tfjs': { type: 'boolean', default: false },
  },
});
const n = Number(values.size);
const reps = Number(values.reps);
const rng = createRng(3);
const a = new Float32Array(n * n).map(() => rng.next() - 0.5);
const b = new Float32Array(n * n).map(() => rng.next() - 0.5);
const c = new Float32Array(n * n);
const gflops = (seconds: number): number => Number(((2 * n * n * n) / seconds / 1e9).toFixed(1));
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]! / 1000;

function check(be: Backend): void {
  be.gemm(false, false, n, n, n, 1, a, b, 0, c);
  // Spot check one entry against a float64 dot product.
  let ref = 0;
  for (let k = 0; k < n; k++) ref += a[5 * n + k]! * b[k * n + 7]!;
  if (Math.abs(c[5 * n + 7]! - ref) > 1e-3 * Math.max(1, Math.abs(ref))) throw new Error(`SGEMM check failed: ${c[5 * n + 7]} vs ${ref}`);
}

if (!values['compare-tfjs']) {
  const be = values.backend === 'wasm' && values.threads !== undefined ? createWasmBackend({ threads: Number(values.threads) }) : (nn.setBackend(values.backend), nn.getBackend());
  check(be);
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    be.gemm(false, false, n, n, n, 1, a, b, 0, c);
    times.push(performance.now() - t0);
  }
  const seconds = median(times);
  console.log(JSON.stringify({
    workload: 'W3',
    engine: `northstar-${values.backend}${values.threads ? `-${values.threads}t` : ''}`,
    backend: be.describe(),
    size: n,
    reps,
    medianSeconds: Number(seconds.toFixed(5)),
    gflops: gflops(seconds),
  }));
} else {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  // tfjs warns about the missing tfjs-node on import; the wasm backend is what is measured.
  await tf.setBackend('wasm');
  await tf.ready();
  if (tf.getBackend() !== 'wasm') throw new Error(`TensorFlow.js picked ${tf.getBackend()}, not wasm`);
  const two = createWasmBackend({ threads: 2 });
  const one = createWasmBackend({ threads: 1 });
  check(two);
  check(one);
  const ta = tf.tensor2d(a, [n, n]);
  const tb = tf.tensor2d(b, [n, n]);
  type Variant = 'A·B' | 'Aᵀ·B' | 'A·Bᵀ';
  const variants: Array<[Variant, boolean, boolean]> = [['A·B', false, false], ['Aᵀ·B', true, false], ['A·Bᵀ', false, true]];
  const engines: Array<[string, (tA: boolean, tB: boolean) => void]> = [
    ['northstar-wasm-2t', (tA, tB) => two.gemm(tA, tB, n, n, n, 1, a, b, 0, c)],
    ['northstar-wasm-1t', (tA, tB) => one.gemm(tA, tB, n, n, n, 1, a, b, 0, c)],
    ['tfjs-wasm', (tA, tB) => {
      const out = tf.matMul(ta, tb, tA, tB);
      c.set(out.dataSync());
      out.dispose();
    }],
  ];
  const rows: Array<{ engine: string; variant: Variant; gflops: number }> = [];
  for (const [variant, tA, tB] of variants) {
    const times = new Map<string, number[]>(engines.map(([e]) => [e, []]));
    for (const [, f] of engines) f(tA, tB); // warm-up (and tier-up) per variant
    // Interleaved so that load on the shared machine hits every engine alike; transposed tfjs calls are
    // slow (seconds), so they get fewer repetitions.
    const r = variant === 'A·B' ? reps : Math.min(reps, 3);
    for (let i = 0; i < r; i++) {
      for (const [e, f] of engines) {
        const t0 = performance.now();
        f(tA, tB);
        times.get(e)!.push(performance.now() - t0);
      }
    }
    for (const [e] of engines) {
      const seconds = median(times.get(e)!);
      const row = { workload: 'W3', engine: e, variant, size: n, reps: r, medianSeconds: Number(seconds.toFixed(5)), gflops: gflops(seconds) };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
  await two.dispose();
  console.log(`\n| product | engine | GFLOP/s | × tfjs-wasm |`);
  console.log('|---|---|---:|---:|');
  for (const r of rows) {
    const peer = rows.find((x) => x.variant === r.variant && x.engine === 'tfjs-wasm')!;
    console.log(`| ${r.variant} | ${r.engine} | ${r.gflops} | ${(r.gflops / peer.gflops).toFixed(2)} |`);
  }
}
