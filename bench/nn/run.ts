/**
 * Runs the nn benchmarks and their PyTorch peer in the same sitting, each in a fresh process, and prints
 * the results with ratios against the best PyTorch configuration.
 *
 *   npx tsx bench/nn/run.ts [--samples 60000] [--js-samples 2560] [--cnn-samples 5000] [--unpin-openblas] [--skip-js]
 *
 * W1: MLP 784-256-128-10, Adam, batch 128 (samples/s). W2: small CNN, batch 64 (samples/s).
 * W3: SGEMM 1024³ (GFLOP/s).
 * PyTorch runs as the issue prescribes: OMP_WAIT_POLICY=PASSIVE and glibc malloc tunables, with 1 and 2
 * threads (the best counts). The whole set runs `--rounds` times (default 3), engines interleaved, and each
 * engine's best round is reported: the machines are shared, so the best round is the least disturbed one. `--unpin-openblas` removes OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from every
 * engine's environment (Northstar and PyTorch alike) for this command only; the product never changes them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '60000' },
    'js-samples': { type: 'string', default: '2560' },
    'cnn-samples': { type: 'string', default: '5000' },
    'js-cnn-samples': { type: 'string', default: '256' },
    'unpin-openblas': { type: 'boolean', default: false },
    'skip-js': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
});

const baseEnv: NodeJS.ProcessEnv = { ...process.env };
if (values['unpin-openblas']) {
  delete baseEnv.OPENBLAS_CORETYPE;
  delete baseEnv.OPENBLAS_L2_SIZE;
}
const torchEnv: NodeJS.ProcessEnv = {
  ...baseEnv,
  OMP_WAIT_POLICY: 'PASSIVE',
  GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967295',
};

type Row = Record<string, unknown> & { workload: string; engine: string };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Row | undefined {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (r.status !== 0 || line === undefined) {
    console.error(`[bench] ${cmd} ${args.join(' ')} failed (status ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return undefined;
  }
  const row = JSON.parse(line) as Row;
  console.error(`[bench] ${line}`);
  return row;
}

const tsx = ['--import', 'tsx'];
const backends = ['native', 'wasm', ...(values['skip-js'] ? [] : ['js'])];
const all: Row[] = [];
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const push = (r: Row | undefined): void => {
  if (r) all.push(r);
};
for (let round = 0; round < Number(values.rounds); round++) {
  for (const w of ['w1', 'w2', 'w3'] as const) {
    for (const backend of backends) {
      const js = backend === 'js';
      const script = w === 'w1' ? 'bench/nn/mlp.ts' : w === 'w2' ? 'bench/nn/cnn.ts' : 'bench/nn/sgemm.ts';
      const extra =
        w === 'w1' ? ['--samples', js ? values['js-samples'] : values.samples] :
        w === 'w2' ? ['--samples', js ? values['js-cnn-samples'] : values['cnn-samples']] :
        js ? ['--reps', '3'] : [];
      push(run(process.execPath, [...tsx, script, '--backend', backend, ...extra], baseEnv));
    }
    for (const threads of ['1', '2']) {
      const extra = w === 'w1' ? ['--samples', values.samples] : w === 'w2' ? ['--samples', values['cnn-samples']] : [];
      push(run(python, ['bench/peers/torch_nn.py', '--workload', w, '--threads', threads, ...extra], torchEnv));
    }
  }
}

// Best round per (workload, engine).
const rows: Row[] = [];
for (const r of all) {
  const i = rows.findIndex((x) => x.workload === r.workload && x.engine === r.engine);
  if (i < 0) rows.push(r);
  else if (metricOf(r) > metricOf(rows[i]!)) rows[i] = r;
}
function metricOf(r: Row): number {
  return Number(r.workload === 'W3' ? r.gflops : r.samplesPerSec);
}

const metric = metricOf;
console.log(`\nrounds=${values.rounds} (best round per engine)`);
console.log(`OPENBLAS_CORETYPE=${baseEnv.OPENBLAS_CORETYPE ?? '(unset)'} OPENBLAS_L2_SIZE=${baseEnv.OPENBLAS_L2_SIZE ?? '(unset)'}`);
console.log('| workload | engine | value | unit | × best PyTorch |');
console.log('|---|---|---:|---|---:|');
for (const w of ['W1', 'W2', 'W3']) {
  const peers = rows.filter((r) => r.workload === w && r.engine.startsWith('torch'));
  const best = peers.length > 0 ? Math.max(...peers.map(metric)) : Number.NaN;
  for (const r of rows.filter((x) => x.workload === w)) {
    const unit = w === 'W3' ? 'GFLOP/s' : 'samples/s';
    console.log(`| ${w} | ${r.engine} | ${metric(r)} | ${unit} | ${(metric(r) / best).toFixed(2)} |`);
  }
}
