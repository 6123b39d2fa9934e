/**
 * Benchmark: training time of Northstar's EASE, ALS (CG) and BPR against numpy/scipy implementations of the
 * same algorithms (bench/peers/recommend_peers.py), on the same MovieLens-100k msr training split, with the
 * same hyper-parameters, in the same run, both single-threaded (OPENBLAS_NUM_THREADS=1 for the peer). Prints
 * wall and CPU seconds (best of --runs; CPU time is the steadier figure on a shared machine), the ratios and how many of the
 * first 20 users' top-10 lists agree (EASE is deterministic, so its lists must agree; ALS/BPR differ by seed).
 *
 *   npx tsx bench/recommend/train-speed.ts [--data ../shared/data/movielens-100k/u.data] [--runs 3] [--models ease,als,bpr]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareSplit, splitTable } from '../../src/core/recommend/evaluate.js';
import { createModel, parseModelSpec } from '../../src/core/recommend/model-registry.js';
import { readInteractions } from '../../src/core/recommend/read-interactions.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/movielens-100k/u.data') },
    runs: { type: 'string', default: '3' },
    models: { type: 'string', default: 'ease,als,bpr' },
    python: { type: 'string', default: 'python3' },
  },
});
const RUNS = Math.max(1, Number(args.runs));

const table = readInteractions(args.data);
const split = prepareSplit(table, splitTable(table, 'msr', 42));
const train = split.train;
const dir = mkdtempSync(path.join(tmpdir(), 'ns-bench-rec-'));
const trainFile = path.join(dir, 'train.tsv');
const lines = [`${train.nRows} ${train.nCols}`];
for (let u = 0; u < train.nRows; u++) {
  for (let p = train.indptr[u]!; p < train.indptr[u + 1]!; p++) lines.push(`${u}\t${train.indices[p]}\t${train.data[p]}`);
}
writeFileSync(trainFile, lines.join('\n') + '\n');

/** Parameters shared by both sides (the Northstar defaults, spelled out so the peer gets the same). */
const PARAMS: Record<string, Record<string, number>> = {
  ease: { lambda: 800 },
  als: { factors: 128, regularization: 60, alpha: 12, iterations: 15, cgSteps: 3, seed: 42 },
  bpr: { factors: 64, learningRate: 0.02, regularization: 0.001, epochs: 60, seed: 42 },
};

console.log(`MovieLens-100k msr train: ${train.nRows} users × ${train.nCols} items, ${train.indices.length} interactions; best of ${RUNS}`);
console.log('| model | Northstar wall s | numpy wall s | wall ratio (numpy / Northstar) | Northstar CPU s | numpy CPU s | CPU ratio | top-10 agreement (20 users) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const name of args.models.split(',')) {
  const params = PARAMS[name]!;
  let best = Infinity;
  let bestCpu = Infinity;
  let model = createModel({ ...parseModelSpec(name), params }, 42);
  for (let r = 0; r < RUNS; r++) {
    model = createModel({ ...parseModelSpec(name), params }, 42);
    const start = performance.now();
    const cpu = process.cpuUsage();
    model.fit(train);
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (performance.now() - start) / 1000);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e6);
  }
  const ours = Array.from({ length: 20 }, (_, u) => Array.from(model.recommend(u, 10).items));
  const out = execFileSync(args.python, [path.resolve(import.meta.dirname, '../peers/recommend_peers.py'), name, trainFile, JSON.stringify(params), '--runs', String(RUNS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    // One BLAS thread, like the single-threaded TypeScript side (the machine has 2 shared cores).
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  const peer = JSON.parse(out.trim().split('\n').pop()!) as { seconds: number; cpuSeconds: number; top10: number[][] };
  let agree = 0;
  ours.forEach((list, u) => {
    const theirs = new Set(peer.top10[u]);
    agree += list.filter((i) => theirs.has(i)).length;
  });
  const r = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  console.log(
    `| ${name} | ${best.toFixed(2)} | ${peer.seconds.toFixed(2)} | ${r(peer.seconds, best)} | ${bestCpu.toFixed(2)} | ${peer.cpuSeconds.toFixed(2)} | ${r(peer.cpuSeconds, bestCpu)} | ${((agree / 200) * 100).toFixed(0)}% |`,
  );
}
rmSync(dir, { recursive: true, force: true });
