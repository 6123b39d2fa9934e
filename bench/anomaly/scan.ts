/**
 * Benchmark: time to scan 1,000 series of 10,000 points with the monitors' default detector (`seasonal`, weekly
 * period, medium sensitivity, through `detectSeries` as a scan calls it), beside a NumPy peer implementing the same
 * running median / MAD decomposition on the very same series (bench/peers/anomaly_scan.py).
 *
 *   npx tsx bench/anomaly/scan.ts [--series 1000] [--points 10000] [--seed 1]
 *
 * Series: level 100 + trend + weekly cycle + Gaussian noise, 0.1 % of points spiked by ±8σ, seeded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { detectSeries } from '../../src/core/alerts/detect-series.js';
import { parseMonitor } from '../../src/core/alerts/monitor-spec.js';

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '1000' },
    points: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
  },
});
const S = Number(args.series);
const N = Number(args.points);
const PERIOD = 7;
const monitor = parseMonitor({ name: 'bench', source: { kind: 'provider', name: 'bench' }, holidays: false });

const rng = createRng(Number(args.seed));
const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const data = new Float64Array(S * N);
for (let s = 0; s < S; s++) {
  const slope = (rng.next() - 0.5) * 0.01;
  const amp = 5 + rng.next() * 20;
  for (let i = 0; i < N; i++) {
    let v = 100 + slope * i + amp * Math.sin((2 * Math.PI * (i % PERIOD)) / PERIOD) + 4 * gauss();
    if (rng.next() < 0.001) v += (rng.next() < 0.5 ? -8 : 8) * 4;
    data[s * N + i] = v;
  }
}
const buckets = Array.from({ length: N }, (_, i) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString());

// A monitor hands the detector a plain number[]; build those before the clock starts, as the peer times its
// detector on rows already loaded (converting the bench's own Float64Array is not part of a scan).
const rows = Array.from({ length: S }, (_, s) => Array.from(data.subarray(s * N, (s + 1) * N)));

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let anomalies = 0;
for (const values of rows) {
  for (const p of detectSeries(monitor, values, buckets)) if (p.label !== 'normal') anomalies++;
}
const tsSeconds = (performance.now() - t0) / 1000;
// CPU time beside wall time: on a shared, overloaded machine the wall clock mostly measures the neighbours.
const cpu1 = process.cpuUsage(cpu0);
const tsCpuSeconds = (cpu1.user + cpu1.system) / 1e6;

let peer: { seconds: number; cpuSeconds: number; anomalies: number } | { error: string };
const dir = mkdtempSync(path.join(tmpdir(), 'ns-scan-bench-'));
try {
  const file = path.join(dir, 'series.f64');
  writeFileSync(file, Buffer.from(data.buffer));
  const out = execFileSync('python3', [path.resolve(import.meta.dirname, '../peers/anomaly_scan.py'), file, String(S), String(N), String(PERIOD)], { encoding: 'utf8' });
  peer = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { seconds: number; cpuSeconds: number; anomalies: number };
} catch (error) {
  peer = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const points = S * N;
console.log(
  JSON.stringify(
    {
      series: S,
      pointsPerSeries: N,
      detector: 'seasonal (period 7, threshold 3.5, batch)',
      typescript: { seconds: Number(tsSeconds.toFixed(2)), cpuSeconds: Number(tsCpuSeconds.toFixed(2)), pointsPerSecond: Math.round(points / tsSeconds), anomalies },
      numpy: 'error' in peer ? peer : { seconds: Number(peer.seconds.toFixed(2)), cpuSeconds: Number(peer.cpuSeconds.toFixed(2)), pointsPerSecond: Math.round(points / peer.seconds), anomalies: peer.anomalies },
      ratio: 'error' in peer ? null : Number((tsSeconds / peer.seconds).toFixed(2)),
      cpuRatio: 'error' in peer ? null : Number((tsCpuSeconds / peer.cpuSeconds).toFixed(2)),
    },
    null,
    2,
  ),
);
