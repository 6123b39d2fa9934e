/**
 * W1: MLP 784-256-128-10 (ReLU, softmax cross-entropy), Adam lr 1e-3, batch 128, one epoch over random
 * samples with random labels, through the public `nn` API (`model.fit`). Prints one JSON line.
 *
 *   npx tsx bench/nn/mlp.ts --backend native|wasm|js [--threads 1|2] [--samples 60000] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { nn } from '../../src/nn/index.js';
import { createWasmBackend } from '../../src/nn/backends/wasm-backend.js';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'native' }, threads: { type: 'string' }, samples: { type: 'string', default: '60000' }, seed: { type: 'string', default: '1' } } });
// `--backend wasm --threads 1|2` builds a wasm backend with that thread count (the default has 2).
nn.setBackend(values.backend === 'wasm' && values.threads !== undefined ? createWasmBackend({ threads: Number(values.threads) }) : values.backend);
const samples = Number(values.samples);
const rng = createRng(Number(values.seed));
const x = new Float32Array(samples * 784);
for (let i = 0; i < x.length; i++) x[i] = rng.next();
const labels = new Float32Array(samples);
for (let i = 0; i < samples; i++) labels[i] = rng.int(0, 9);
const xs = nn.tensor2d(x, [samples, 784]);
const ys = nn.tensor1d(labels);

const model = nn.sequential({
  seed: 1,
  layers: [
    nn.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
    nn.layers.dense({ units: 128, activation: 'relu' }),
    nn.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: nn.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
// Warm-up: 3 batches (JIT, buffer pool, BLAS threads).
const warm = 3 * 128;
await model.fit(nn.tensor2d(x.subarray(0, warm * 784), [warm, 784]), nn.tensor1d(labels.subarray(0, warm)), { epochs: 1, batchSize: 128, verbose: 0, shuffle: false });
const t0 = performance.now();
const h = await model.fit(xs, ys, { epochs: 1, batchSize: 128, verbose: 0 });
const seconds = (performance.now() - t0) / 1000;
const flopsPerSample = 6 * (784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
console.log(JSON.stringify({
  workload: 'W1',
  engine: `northstar-${values.backend}${values.threads === undefined ? '' : `-${values.threads}t`}`,
  backend: nn.getBackend().describe(),
  samples,
  seconds: Number(seconds.toFixed(3)),
  samplesPerSec: Math.round(samples / seconds),
  gflops: Number(((samples * flopsPerSample) / seconds / 1e9).toFixed(1)),
  finalLoss: h.history.loss?.[0],
}));
