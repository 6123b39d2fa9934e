/**
 * Quality: a `northstar train image --arch` CNN on CIFAR-10 (../shared/data/cifar10-images: 1,000 training
 * images per class, the full 10,000-image test set), Northstar against PyTorch training the same architecture
 * on the same decoded pixels for the same epochs (bench/peers/torch_cifar.py). Reports test accuracy, training
 * wall time and per-epoch seconds.
 *
 *   OPENBLAS_NUM_THREADS=1 npx tsx bench/nn/cifar10.ts [--arch seed|seed-bn|vgg-bn] [--epochs 10] [--batch-size 64]
 *       [--seeds 1,2,3] [--augment]
 *
 * `--seeds` trains both engines once per seed (weights, shuffling, dropout and augmentation draws) and prints
 * per-seed accuracies, mean ± sample std per engine and the difference of means with its standard error.
 * `--augment` applies IMAGE_AUGMENTATION through `createAugmenter`, exactly as `northstar train image --augment`;
 * the peer mirrors that distribution in numpy.
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
import { buildImageModel, IMAGE_AUGMENTATION, IMAGE_COSINE_SCHEDULE, isImageArchitecture } from '../../src/core/models/image-architectures.js';
import { nn } from '../../src/nn/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'seed' },
    epochs: { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '64' },
    sequential: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '1' },
    augment: { type: 'boolean', default: false },
  },
});
const arch = values.arch;
const epochs = Number(values.epochs);
const batchSize = Number(values['batch-size']);
const pinned = !values.sequential;
const augment = values.augment;
const seeds = values.seeds.split(',').map(Number);
if (!isImageArchitecture(arch) || arch === 'small') {
  console.error(`--arch must be seed, seed-bn or vgg-bn (the peer implements those), got "${arch}"`);
  process.exit(2);
}
if (seeds.length === 0 || seeds.some((v) => !Number.isInteger(v))) {
  console.error(`--seeds must be a comma-separated list of integers, got "${values.seeds}"`);
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
const t = performance.now();
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
// The peer mirrors the recipe: augmentation when asked, the cosine schedule where buildImageModel uses one.
const peerFlags = [...(augment ? ['augment'] : []), ...(IMAGE_COSINE_SCHEDULE.has(arch) ? ['cosine'] : [])];
const peerArgs = (seed: number): string[] => ['bench/peers/torch_cifar.py', dir, String(epochs), String(batchSize), arch, String(seed), ...peerFlags];

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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : ((s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2);
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1); 0 for a single run. */
const std = (xs: number[]): number => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, v) => a + (v - mean(xs)) ** 2, 0) / (xs.length - 1)));
const fmt = (xs: number[]): string => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;

interface Run { accuracy: number; trainSeconds: number; epochSeconds: number[] }
interface SeedResult { seed: number; northstar: Run; peer: PeerResult | undefined; loadStart: string; loadEnd: string }

/** Trains both engines on one seed; pinned mode runs the peer on core 1 while Northstar trains on core 0. */
async function runSeed(seed: number): Promise<SeedResult> {
  const loadStart = load();
  const peerPromise = pinned ? runPeer('taskset', ['-c', '1', python, ...peerArgs(seed)]) : undefined;
  // As `northstar train image` does: the run's step count sizes a cosine schedule where the recipe has one.
  const model = buildImageModel(arch, [32, 32, 3], train.classes.length, seed, { totalSteps: epochs * Math.ceil(train.x.shape[0]! / batchSize) });
  const augmenter = augment ? nn.data.createAugmenter(IMAGE_AUGMENTATION) : undefined;
  const epochSeconds: number[] = [];
  let epochStart = 0;
  const started = performance.now();
  await model.fit(train.x, yTrain, {
    epochs,
    batchSize,
    verbose: 2,
    ...(augmenter ? { augment: augmenter } : {}),
    callbacks: [
      {
        onEpochBegin: () => void (epochStart = performance.now()),
        onEpochEnd: (epoch) => {
          epochSeconds.push((performance.now() - epochStart) / 1000);
          console.log(`[northstar seed ${seed}] epoch ${epoch + 1}/${epochs} ${epochSeconds.at(-1)!.toFixed(1)} s, load ${load()}`);
        },
      },
    ],
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const pred = nn.metrics.argmaxRows(model.predict(test.x, { batchSize: 256 }).dataSync(), 10);
  const accuracy = nn.metrics.accuracy(Array.from(test.labels), pred);
  const peer = await (peerPromise ?? runPeer(python, peerArgs(seed)));
  console.log(`[seed ${seed}] Northstar ${accuracy.toFixed(4)} in ${trainSeconds.toFixed(1)} s; PyTorch ${peer ? `${peer.accuracy.toFixed(4)} in ${peer.trainSeconds.toFixed(1)} s` : 'failed'}`);
  return { seed, northstar: { accuracy, trainSeconds, epochSeconds }, peer, loadStart, loadEnd: load() };
}

if (pinned) {
  // Pin every thread of this process (main, libuv pool, OpenBLAS) to core 0; each peer goes to core 1.
  const r = spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taskset failed: ${r.stderr}`);
}
const yTrain = nn.tensor1d(train.labels);
const results: SeedResult[] = [];
for (const seed of seeds) results.push(await runSeed(seed));
await rm(dir, { recursive: true, force: true });

const mode = pinned ? 'concurrent, pinned core 0 / core 1, 1 thread each' : 'sequential, unpinned';
console.log(`\narch ${arch}, ${epochs} epochs, batch ${batchSize}, ${augment ? 'augmented' : 'no augmentation'}, ${mode}`);
console.log('\n| seed | Northstar acc | PyTorch acc | Northstar time | PyTorch time | Northstar s/epoch median (min–max) | PyTorch s/epoch median (min–max) | load avg (1/5/15) start → end |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) {
  const p = r.peer;
  console.log(`| ${r.seed} | ${r.northstar.accuracy.toFixed(4)} | ${p ? p.accuracy.toFixed(4) : '—'} | ${r.northstar.trainSeconds.toFixed(1)} s | ${p ? `${p.trainSeconds.toFixed(1)} s` : '—'} | ${fmt(r.northstar.epochSeconds)} | ${p ? fmt(p.epochSeconds) : '—'} | ${r.loadStart} → ${r.loadEnd} |`);
}
const ok = results.filter((r): r is SeedResult & { peer: PeerResult } => r.peer !== undefined);
if (ok.length < results.length) console.log(`PyTorch peer failed for ${results.length - ok.length} seed(s); the summary uses the ${ok.length} pair(s) that finished`);
if (ok.length > 0) {
  const a = ok.map((r) => r.northstar.accuracy);
  const b = ok.map((r) => r.peer.accuracy);
  const se = Math.sqrt(std(a) ** 2 / a.length + std(b) ** 2 / b.length);
  const nsEpochs = ok.flatMap((r) => r.northstar.epochSeconds);
  const ptEpochs = ok.flatMap((r) => r.peer.epochSeconds);
  const nsTime = mean(ok.map((r) => r.northstar.trainSeconds));
  const ptTime = mean(ok.map((r) => r.peer.trainSeconds));
  const pct = (v: number): string => (v * 100).toFixed(2);
  console.log(`\nPyTorch ${ok[0]!.peer.version}, ${ok[0]!.peer.threads} thread; Northstar backend ${nn.getBackend().name}, 1 thread; ${ok.length} seed(s)`);
  console.log(`Northstar accuracy ${pct(mean(a))} ± ${pct(std(a))} %  (per seed ${a.map(pct).join(', ')})`);
  console.log(`PyTorch   accuracy ${pct(mean(b))} ± ${pct(std(b))} %  (per seed ${b.map(pct).join(', ')})`);
  console.log(`difference of means (Northstar − PyTorch) ${pct(mean(a) - mean(b))} ± ${pct(se)} points (s.e.)`);
  console.log(`mean training time Northstar ${nsTime.toFixed(1)} s, PyTorch ${ptTime.toFixed(1)} s: ratio ${(nsTime / ptTime).toFixed(2)}; median epoch ${median(nsEpochs).toFixed(1)} vs ${median(ptEpochs).toFixed(1)} s: ratio ${(median(nsEpochs) / median(ptEpochs)).toFixed(2)}`);
}
