/**
 * W1 peer: the same MLP 784-256-128-10 (ReLU, softmax, sparse categorical cross-entropy, Adam 1e-3, batch
 * 128) in TensorFlow.js on its wasm backend (XNNPACK, SIMD128, 1 thread on Node), for the wasm backend's
 * comparison. The data set lives in JS memory and each batch is copied into fresh tensors and trained with
 * `trainOnBatch`: fitting on one big tensor makes tfjs-wasm copy the whole tensor out per batch slice
 * (../shared/research/nn-engine-measurements.md). Prints one JSON line.
 *
 *   npx tsx bench/nn/tfjs-mlp.ts [--samples 12800]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../../src/common/rng.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '12800' } } });
await tf.setBackend('wasm');
await tf.ready();
if (tf.getBackend() !== 'wasm') throw new Error(`TensorFlow.js picked ${tf.getBackend()}, not wasm`);
const batch = 128;
const samples = Math.floor(Number(values.samples) / batch) * batch;
const rng = createRng(1);
const x = new Float32Array(samples * 784);
for (let i = 0; i < x.length; i++) x[i] = rng.next();
const labels = new Float32Array(samples);
for (let i = 0; i < samples; i++) labels[i] = rng.int(0, 9);

const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
    tf.layers.dense({ units: 128, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });

async function step(i: number): Promise<number> {
  const xb = tf.tensor2d(x.subarray(i * batch * 784, (i + 1) * batch * 784), [batch, 784]);
  const yb = tf.tensor2d(labels.subarray(i * batch, (i + 1) * batch), [batch, 1]);
  const loss = (await model.trainOnBatch(xb, yb)) as number;
  xb.dispose();
  yb.dispose();
  return loss;
}
for (let i = 0; i < 3; i++) await step(i); // warm-up, as bench/nn/mlp.ts
const t0 = performance.now();
let loss = 0;
for (let i = 0; i < samples / batch; i++) loss = await step(i);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({
  workload: 'W1',
  engine: 'tfjs-wasm',
  backend: `@tensorflow/tfjs ${tf.version.tfjs} wasm`,
  samples,
  seconds: Number(seconds.toFixed(3)),
  samplesPerSec: Math.round(samples / seconds),
  finalLoss: loss,
}));
