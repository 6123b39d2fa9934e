/**
 * Quality: the seed's CNN on CIFAR-10 (../shared/data/cifar10-images: 1,000 training images per class, the
 * full 10,000-image test set), Northstar against PyTorch training the same architecture on the same decoded
 * pixels for the same epochs (bench/peers/torch_cifar.py). Reports test accuracy and training wall time.
 *
 *   npx tsx bench/nn/cifar10.ts [--epochs 10] [--batch-size 64]
 *
 * Architecture: Conv(32,3×3,same)-ReLU-MaxPool2 · Conv(64,3×3,same)-ReLU-MaxPool2 · Conv(128,3×3,same)-ReLU-
 * MaxPool2 · Flatten · Dense(512,ReLU) · Dropout(0.5) · Dense(10,softmax); Adam 1e-3; pixels in [0, 1].
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nn } from '../../src/nn/index.js';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '10' }, 'batch-size': { type: 'string', default: '64' } } });
const epochs = Number(values.epochs);
const batchSize = Number(values['batch-size']);
const root = path.resolve('../shared/data/cifar10-images');
if (!existsSync(root)) {
  console.log(`skipped: ${root} is absent`);
  process.exit(0);
}
let t = performance.now();
const train = await nn.data.loadImageFolder(path.join(root, 'train'), { imageSize: [32, 32] });
const test = await nn.data.loadImageFolder(path.join(root, 'test'), { imageSize: [32, 32], classes: train.classes });
console.log(`loaded ${train.x.shape[0]} train / ${test.x.shape[0]} test images in ${((performance.now() - t) / 1000).toFixed(1)} s (skipped ${train.skipped.length + test.skipped.length})`);

const model = nn.sequential({
  seed: 1,
  layers: [
    nn.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [32, 32, 3] }),
    nn.layers.maxPooling2d({ poolSize: 2 }),
    nn.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
    nn.layers.maxPooling2d({ poolSize: 2 }),
    nn.layers.conv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }),
    nn.layers.maxPooling2d({ poolSize: 2 }),
    nn.layers.flatten(),
    nn.layers.dense({ units: 512, activation: 'relu' }),
    nn.layers.dropout({ rate: 0.5 }),
    nn.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: nn.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const yTrain = nn.tensor1d(train.labels);
t = performance.now();
await model.fit(train.x, yTrain, { epochs, batchSize, verbose: 2 });
const trainSeconds = (performance.now() - t) / 1000;
const pred = nn.metrics.argmaxRows(model.predict(test.x, { batchSize: 256 }).dataSync(), 10);
const acc = nn.metrics.accuracy(Array.from(test.labels), pred);

// Peer: the same pixels and labels, written as raw float32 / int32 files.
const dir = await mkdtemp(path.join(tmpdir(), 'ns-cifar-'));
await writeFile(path.join(dir, 'xtrain.f32'), train.x.data);
await writeFile(path.join(dir, 'ytrain.f32'), train.labels);
await writeFile(path.join(dir, 'xtest.f32'), test.x.data);
await writeFile(path.join(dir, 'ytest.f32'), test.labels);
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const env = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967295' };
const r = spawnSync(python, ['bench/peers/torch_cifar.py', dir, String(epochs), String(batchSize)], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
await rm(dir, { recursive: true, force: true });
const peer = r.status === 0 ? (JSON.parse(r.stdout.trim().split('\n').pop()!) as { accuracy: number; trainSeconds: number; threads: number }) : undefined;
console.log(`\n| engine | epochs | test accuracy | training time |`);
console.log('|---|---:|---:|---:|');
console.log(`| northstar (${nn.getBackend().name}) | ${epochs} | ${acc.toFixed(4)} | ${trainSeconds.toFixed(1)} s |`);
if (peer) console.log(`| PyTorch (${peer.threads} thread) | ${epochs} | ${peer.accuracy.toFixed(4)} | ${peer.trainSeconds.toFixed(1)} s |`);
else console.log(`PyTorch peer failed (status ${r.status})`);
if (peer) console.log(`\naccuracy difference ${((acc - peer.accuracy) * 100).toFixed(2)} points; time ratio northstar/PyTorch ${(trainSeconds / peer.trainSeconds).toFixed(2)}`);
