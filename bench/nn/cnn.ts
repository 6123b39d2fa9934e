/**
 * W2: small CNN training, Conv(32,3×3)-ReLU-MaxPool2-Conv(64,3×3)-ReLU-MaxPool2-Flatten-Dense(128)-Dense(10)
 * on 28×28×1 random images with random labels, Adam, batch 64, one epoch. Prints one JSON line.
 *
 *   npx tsx bench/nn/cnn.ts --backend native|wasm|js [--threads 1|2] [--samples 5000]
 */
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { nn } from '../../src/nn/index.js';
import { createWasmBackend } from '../../src/nn/backends/wasm-backend.js';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'native' }, threads: { type: 'string' }, samples: { type: 'string', default: '5000' } } });
// `--backend wasm --threads 1|2` builds a wasm backend with that thread count (the default has 2).
nn.setBackend(values.backend === 'wasm' && values.threads !== undefined ? createWasmBackend({ threads: Number(values.threads) }) : values.backend);
const samples = Number(values.samples);
const rng = createRng(2);
const x = new Float32Array(samples * 784).map(() => rng.next());
const labels = new Float32Array(samples).map(() => rng.int(0, 9));

const model = nn.sequential({
  seed: 1,
  layers: [
    nn.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    nn.layers.maxPooling2d({ poolSize: 2 }),
    nn.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    nn.layers.maxPooling2d({ poolSize: 2 }),
    nn.layers.flatten(),
    nn.layers.dense({ units: 128, activation: 'relu' }),
    nn.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: nn.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
const warm = 3 * 64;
await model.fit(nn.tensor4d(x.subarray(0, warm * 784), [warm, 28, 28, 1]), nn.tensor1d(labels.subarray(0, warm)), { epochs: 1, batchSize: 64, verbose: 0 });
const xs = nn.tensor4d(x, [samples, 28, 28, 1]);
const ys = nn.tensor1d(labels);
const t0 = performance.now();
await model.fit(xs, ys, { epochs: 1, batchSize: 64, verbose: 0 });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({
  workload: 'W2',
  engine: `northstar-${values.backend}${values.threads === undefined ? '' : `-${values.threads}t`}`,
  backend: nn.getBackend().describe(),
  samples,
  seconds: Number(seconds.toFixed(3)),
  samplesPerSec: Math.round(samples / seconds),
  gflops: Number(((samples * 15.4e6) / seconds / 1e9).toFixed(1)),
}));
