/**
 * W3: SGEMM 1024³ (C = A·B, row-major float32) on one backend: the median of the timed calls after a
 * warm-up call. Prints one JSON line.
 *
 *   npx tsx bench/nn/sgemm.ts --backend native|js [--size 1024] [--reps 9]
 */
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { nn } from '../../src/nn/index.js';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'native' }, size: { type: 'string', default: '1024' }, reps: { type: 'string', default: '9' } } });
nn.setBackend(values.backend);
const be = nn.getBackend();
const n = Number(values.size);
const reps = Number(values.reps);
const rng = createRng(3);
const a = new Float32Array(n * n).map(() => rng.next() - 0.5);
const b = new Float32Array(n * n).map(() => rng.next() - 0.5);
const c = new Float32Array(n * n);
be.gemm(false, false, n, n, n, 1, a, b, 0, c);
// Spot check one entry against a float64 dot product.
let ref = 0;
for (let k = 0; k < n; k++) ref += a[5 * n + k]! * b[k * n + 7]!;
if (Math.abs(c[5 * n + 7]! - ref) > 1e-3 * Math.max(1, Math.abs(ref))) throw new Error(`SGEMM check failed: ${c[5 * n + 7]} vs ${ref}`);
const times: number[] = [];
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  be.gemm(false, false, n, n, n, 1, a, b, 0, c);
  times.push(performance.now() - t0);
}
times.sort((x, y) => x - y);
const median = times[Math.floor(times.length / 2)]! / 1000;
console.log(JSON.stringify({
  workload: 'W3',
  engine: `northstar-${values.backend}`,
  backend: be.describe(),
  size: n,
  reps,
  medianSeconds: Number(median.toFixed(5)),
  gflops: Number(((2 * n * n * n) / median / 1e9).toFixed(1)),
}));
