/**
 * Speed: one forward + backward of the fused `gru` op (batch 32 × 100 steps × 64 features × 64 units, sequences
 * returned, loss Σ y ⊙ R) on each available backend, against PyTorch's `nn.GRU` (same sizes, one thread,
 * bench/peers/torch_gru.py) when /usr/bin/python3 has torch. Prints the median and minimum of `--reps` runs after 3 warm-ups
 * (the minimum is the steadier number on a shared, loaded machine).
 *
 *   OPENBLAS_NUM_THREADS=1 npx tsx bench/nn/gru.ts [--reps 20] [--lengths]
 *
 * `--lengths` gives the rows random lengths in 50..100 (the padded-batch path the sentiment model uses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { availableBackends, setBackend } from '../../src/nn/backends/registry.js';
import { gru } from '../../src/nn/ops/gru.js';
import { releaseGraph, Tensor } from '../../src/nn/tensor.js';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '20' }, lengths: { type: 'boolean', default: false } } });
const reps = Number(values.reps);
const [n, steps, d, u] = [32, 100, 64, 64];
const rng = createRng(1);
const param = (shape: number[], scale: number): Tensor => {
  const size = shape.reduce((a, b) => a * b, 1);
  return new Tensor(Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale), shape, { requiresGrad: true, variable: true });
};
const x = param([n, steps, d], 1);
const w = param([d, 3 * u], 0.2);
const uk = param([u, 3 * u], 0.2);
const bias = param([2, 3 * u], 0.1);
const seed = Float32Array.from({ length: n * steps * u }, () => rng.next() * 2 - 1);
const lengths = values.lengths ? Int32Array.from({ length: n }, () => rng.int(50, 100)) : undefined;

function once(): number {
  const t0 = performance.now();
  const y = gru(x, w, uk, bias, lengths === undefined ? {} : { lengths });
  const order = y.backward(seed);
  const ms = performance.now() - t0;
  releaseGraph(order);
  for (const p of [x, w, uk, bias]) p.zeroGrad();
  return ms;
}

const median = (a: number[]): number => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)]!;
for (const name of availableBackends()) {
  setBackend(name);
  for (let i = 0; i < 3; i++) once();
  const times = Array.from({ length: reps }, once);
  console.log(`northstar ${name.padEnd(6)} median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms per forward+backward`);
}
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const peer = spawnSync(python, ['bench/peers/torch_gru.py', '--reps', String(reps), ...(values.lengths ? ['--lengths'] : [])], { encoding: 'utf8' });
console.log(peer.status === 0 ? peer.stdout.trim() : `torch peer unavailable: ${peer.stderr.trim().split('\n').pop() ?? ''}`);
