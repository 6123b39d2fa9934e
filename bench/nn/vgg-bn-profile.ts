/**
 * Per-layer profile of one `vgg-bn` training step (batch 64, 32×32×3, the product's `buildImageModel`): forward
 * and backward milliseconds per layer, the loss, and the optimiser step, as the median over `--steps` steps after
 * two warm-up steps. Compare with bench/peers/torch_vgg_profile.py (same layers, PyTorch, one thread).
 *
 *   OPENBLAS_NUM_THREADS=1 taskset -c 0 npx tsx bench/nn/vgg-bn-profile.ts [--steps 10] [--backend native|wasm|js]
 *
 * Times are CPU milliseconds of this process (`process.cpuUsage`), not wall time: the machine is shared, and
 * CPU time does not count the slices other processes take from the pinned core.
 * Backward time is attributed to a layer by wrapping the backward closure of every graph node the layer created
 * (the nodes reachable from its output but not from its input), so the per-layer numbers add up to the step.
 */
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { buildImageModel } from '../../src/core/models/image-architectures.js';
import { nn } from '../../src/nn/index.js';
import { tidy, topologicalOrder, type Tensor } from '../../src/nn/tensor.js';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '10' }, backend: { type: 'string', default: 'native' }, batch: { type: 'string', default: '64' } } });
nn.setBackend(values.backend);
const steps = Number(values.steps);
const batch = Number(values.batch);
const rng = createRng(7);
const x = nn.tensor4d(new Float32Array(batch * 32 * 32 * 3).map(() => rng.next()), [batch, 32, 32, 3]);
const y = nn.tensor1d(new Float32Array(batch).map(() => rng.int(0, 9)));
const model = buildImageModel('vgg-bn', [32, 32, 3], 10, 1);
model.ensureBuilt(x);
const c = model.requireCompiled();
const params = model.trainableWeights();
const names = model.layers.map((l, i) => `${i.toString().padStart(2)} ${l.className}${outShape(i)}`);
const rows = [...names, 'loss', 'optimizer'];
const fwd: number[][] = rows.map(() => []);
const bwd: number[][] = rows.map(() => []);
const total: number[] = [];
/** CPU milliseconds used by this process so far. */
const now = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function outShape(i: number): string {
  const layer = model.layers[i]!;
  const w = layer.weights.find((t) => t.tensor.rank === 4);
  return w ? ` ${w.tensor.shape.join('x')}` : '';
}

/** Nodes created between `input` and `output` (exclusive of `input`'s own graph). */
function nodesOf(output: Tensor, input: Tensor | null): Tensor[] {
  const before = new Set(input ? topologicalOrder(input) : []);
  return topologicalOrder(output).filter((t) => !before.has(t) && t.backwardFn !== null);
}

function step(record: boolean): void {
  const t0 = now();
  tidy(() => {
    const ctx = { training: true, rng: createRng(3) };
    let h: Tensor = x;
    const outs: Tensor[] = [];
    model.layers.forEach((layer, i) => {
      const s = now();
      h = layer.call(h, ctx);
      if (record) fwd[i]!.push(now() - s);
      outs.push(h);
    });
    let s = now();
    const loss = c.trainLoss.compute(h, y);
    if (record) fwd[names.length]!.push(now() - s);
    const buckets = rows.map(() => 0);
    const wrap = (nodes: Tensor[], row: number): void => {
      for (const node of nodes) {
        const fn = node.backwardFn!;
        node.backwardFn = () => {
          const b = now();
          fn();
          buckets[row] = buckets[row]! + now() - b;
        };
      }
    };
    outs.forEach((o, i) => wrap(nodesOf(o, i === 0 ? null : outs[i - 1]!), i));
    wrap(nodesOf(loss, h), names.length);
    loss.backward();
    s = now();
    c.optimizer.step(params);
    for (const p of params) p.zeroGrad();
    if (record) {
      fwd[names.length + 1]!.push(now() - s);
      buckets.forEach((v, i) => bwd[i]!.push(v));
    }
  });
  if (record) total.push(now() - t0);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};
step(false);
step(false);
for (let i = 0; i < steps; i++) step(true);
console.log(`backend ${nn.getBackend().describe()}; batch ${batch}; median of ${steps} steps (CPU ms)`);
console.log('| layer | forward | backward |');
console.log('|---|---:|---:|');
let f = 0;
let b = 0;
rows.forEach((name, i) => {
  const mf = median(fwd[i]!);
  const mb = median(bwd[i]!);
  f += mf;
  b += mb;
  console.log(`| ${name} | ${mf.toFixed(2)} | ${mb.toFixed(2)} |`);
});
console.log(`| sum of medians | ${f.toFixed(1)} | ${b.toFixed(1)} |`);
console.log(`step median ${median(total).toFixed(1)} ms → ${((median(total) * 10000) / batch / 1000).toFixed(1)} s per 10,000-image epoch`);
