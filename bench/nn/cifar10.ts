/**
 * Quality: a `northstar train image --arch` CNN on CIFAR-10 (../shared/data/cifar10-images: 1,000 training
 * images per class, the full 10,000-image test set), Northstar against PyTorch training the same architecture
 * on the same decoded pixels for the same epochs (bench/peers/torch_cifar.py). Reports test accuracy, training
 * wall time and per-epoch seconds.
 *
 *   OPENBLAS_NUM_THREADS=1 npx tsx bench/nn/cifar10.ts [--arch seed|vgg-bn] [--epochs 10] [--batch-size 64]
 *
 * The network comes from the product's own `buildImageModel` (Adam 1e-3, pixels in [0, 1]), so the bench measures
 * what `northstar train image --arch` trains. Timing is fair by construction: both engines train AT THE SAME
 * TIME, Northstar pinned to core 0 (`taskset -a -cp 0`, one OpenBLAS thread) and PyTorch pinned to core 1
 * (`taskset -c 1`, one thread), so a load change on the machine hits both runs alike. `--sequential` runs them
 * one after the other instead (the old, load-sensitive way), unpinned.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildImageModel, isImageArchitecture } from '../../src/core/models/image-architectures.js';
import { nn } from '../../src/nn/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'seed' },
    epochs: { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '64' },
    sequential: { type: 'boolean', default: false },
  },
});
const arch = values.arch;
const epochs = Number(values.epochs);
const batchSize = Number(values['batch-size']);
const pinned = !values.sequential;
if (!isImageArchitecture(arch) || arch === 'small') {
  console.error(`--arch must be seed or vgg-bn (the peer implements those two), got "${arch}"`);
  process.exit(2);
}
if (pinned && process.env.OPENBLAS_NUM_THREADS !== '1') {
  // OpenBLAS reads this once, when the addon loads: it cannot be set from inside the process.
  console.error('pinned mode needs OPENBLAS_NUM_THREADS=1 in the environment (or pass --sequential)');
  process.exit(2);
}
const root = path.resolve('../shared/data/cifar10-images');
if (!existsSync(root)) {
  console.log(`skipped: ${root} is absent`);
  process.exit(0);
}
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');
let t = performance.now();
const train = await nn.data.loadImageFolder(path.join(root, 'train'), { imageSize: [32, 32] });
const test = await nn.data.loadImageFolder(path.join(root, 'test'), { imageSize: [32, 32], classes: train.classes });
console.log(`loaded ${train.x.shape[0]} train / ${test.x.shape[0]} test images in ${((performance.now() - t) / 1000).toFixed(1)} s (skipped ${train.skipped.length + test.skipped.length})`);

// The peer gets the very same pixels and labels, as raw float32 files.
const dir = await mkdtemp(path.join(tmpdir(), 'ns-cifar-'));
await writeFile(path.join(dir, 'xtrain.f32'), train.x.data);
await writeFile(path.join(dir, 'ytrain.f32'), train.labels);
await writeFile(path.join(dir, 'xtest.f32'), test.x.data);
await writeFile(path.join(dir, 'ytest.f32'), test.labels);
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const peerEnv = { ...process.env, OMP_NUM_THREADS: '1', OMP_WAIT_POLICY: 'PASSIVE', GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967295' };
const peerArgs = ['bench/peers/torch_cifar.py', dir, String(epochs), String(batchSize), arch];

interface PeerResult { accuracy: number; trainSeconds: number; epochSeconds: number[]; threads: number; version: string }

/** Runs the peer as a child process without blocking this thread (its training overlaps Northstar's). */
function runPeer(command: string, args: string[]): Promise<PeerResult | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: peerEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop();
      resolve(code === 0 && last ? (JSON.parse(last) as PeerResult) : undefined);
    });
  });
}

const loadBefore = load();
let peerPromise: Promise<PeerResult | undefined> | undefined;
if (pinned) {
  // Pin every thread of this process (main, libuv pool, OpenBLAS) to core 0, and the peer to core 1.
  const r = spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset failed: ${r.stderr}`);
  peerPromise = runPeer('taskset', ['-c', '1', python, ...peerArgs]);
}

const model = buildImageModel(arch, [32, 32, 3], train.classes.length, 1);
const epochSeconds: number[] = [];
let epochStart = 0;
const yTrain = nn.tensor1d(train.labels);
t = performance.now();
await model.fit(train.x, yTrain, {
  epochs,
  batchSize,
  verbose: 2,
  callbacks: [
    {
      onEpochBegin: () => void (epochStart = performance.now()),
      onEpochEnd: (epoch) => {
        epochSeconds.push((performance.now() - epochStart) / 1000);
        console.log(`[northstar] epoch ${epoch + 1}/${epochs} ${epochSeconds.at(-1)!.toFixed(1)} s, load ${load()}`);
      },
    },
  ],
});
const trainSeconds = (performance.now() - t) / 1000;
const loadAfterNorthstar = load();
const pred = nn.metrics.argmaxRows(model.predict(test.x, { batchSize: 256 }).dataSync(), 10);
const acc = nn.metrics.accuracy(Array.from(test.labels), pred);

const peer = await (peerPromise ?? runPeer(python, peerArgs));
await rm(dir, { recursive: true, force: true });
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : ((s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2);
};
const fmt = (xs: number[]): string => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
console.log(`\narch ${arch}, ${pinned ? 'concurrent, pinned core 0 / core 1, 1 thread each' : 'sequential, unpinned'}; load average (1/5/15 min) before ${loadBefore}, after Northstar ${loadAfterNorthstar}, at end ${load()}`);
console.log(`\n| engine | arch | epochs | test accuracy | training time | s/epoch median (min–max) |`);
console.log('|---|---|---:|---:|---:|---:|');
console.log(`| Northstar (${nn.getBackend().name}, 1 thread) | ${arch} | ${epochs} | ${acc.toFixed(4)} | ${trainSeconds.toFixed(1)} s | ${fmt(epochSeconds)} |`);
if (peer) console.log(`| PyTorch ${peer.version} (${peer.threads} thread) | ${arch} | ${epochs} | ${peer.accuracy.toFixed(4)} | ${peer.trainSeconds.toFixed(1)} s | ${fmt(peer.epochSeconds)} |`);
else console.log('PyTorch peer failed');
if (peer) {
  console.log(`\nNorthstar epochs: ${epochSeconds.map((s) => s.toFixed(1)).join(' ')}`);
  console.log(`PyTorch epochs:   ${peer.epochSeconds.map((s) => s.toFixed(1)).join(' ')}`);
  console.log(`accuracy difference ${((acc - peer.accuracy) * 100).toFixed(2)} points; time ratio Northstar/PyTorch ${(trainSeconds / peer.trainSeconds).toFixed(2)} (median epoch ${(median(epochSeconds) / median(peer.epochSeconds)).toFixed(2)})`);
}
