/**
 * Runs the nn benchmarks and their PyTorch peer in the same sitting, each in a fresh process, and prints
 * the results with ratios against the best PyTorch configuration.
 *
 *   npx tsx bench/nn/run.ts [--samples 60000] [--js-samples 6400] [--cnn-samples 5000] [--unpin-openblas] [--skip-js]
 *
 * W1: MLP 784-256-128-10, Adam, batch 128 (samples/s). W2: small CNN, batch 64 (samples/s).
 * W3: SGEMM 1024³ (GFLOP/s).
 * PyTorch runs as the issue prescribes: OMP_WAIT_POLICY=PASSIVE and glibc malloc tunables, with 1 and 2
 * threads (the best counts). `--unpin-openblas` removes OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from every
 * engine's environment (Northstar and PyTorch alike) for this command only; the product never changes them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '60000' },
    'js-samples': { type: 'string', default: '6400' },
    'cnn-samples': { type: 'string', default: '5000' },
    'js-cnn-samples': { type: 'string', default: '640' },
    'unpin-openblas': { type: 'boolean', default: false },
    'skip-js': { type: 'boolean', default: false },
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
const backends = ['native', ...(values['skip-js'] ? [] : ['js'])];
const rows: Row[] = [];
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
for (const backend of backends) {
  const samples = backend === 'js' ? values['js-samples'] : values.samples;
  const w1 = run(process.execPath, [...tsx, 'bench/nn/mlp.ts', '--backend', backend, '--samples', samples], baseEnv);
  if (w1) rows.push(w1);
  const cnnSamples = backend === 'js' ? values['js-cnn-samples'] : values['cnn-samples'];
  const w2 = run(process.execPath, [...tsx, 'bench/nn/cnn.ts', '--backend', backend, '--samples', cnnSamples], baseEnv);
  if (w2) rows.push(w2);
  const w3 = run(process.execPath, [...tsx, 'bench/nn/sgemm.ts', '--backend', backend, ...(backend === 'js' ? ['--reps', '3'] : [])], baseEnv);
  if (w3) rows.push(w3);
}
for (const threads of ['1', '2']) {
  const w1 = run(python, ['bench/peers/torch_nn.py', '--workload', 'w1', '--threads', threads, '--samples', values.samples], torchEnv);
  if (w1) rows.push(w1);
  const w2 = run(python, ['bench/peers/torch_nn.py', '--workload', 'w2', '--threads', threads, '--samples', values['cnn-samples']], torchEnv);
  if (w2) rows.push(w2);
  const w3 = run(python, ['bench/peers/torch_nn.py', '--workload', 'w3', '--threads', threads], torchEnv);
  if (w3) rows.push(w3);
}

const metric = (r: Row): number => Number(r.workload === 'W3' ? r.gflops : r.samplesPerSec);
console.log(`\nOPENBLAS_CORETYPE=${baseEnv.OPENBLAS_CORETYPE ?? '(unset)'} OPENBLAS_L2_SIZE=${baseEnv.OPENBLAS_L2_SIZE ?? '(unset)'}`);
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
