/**
 * Every op's gradient against central finite differences, on every available backend.
 * Method: L = Σ f(inputs) ⊙ R for a fixed random R; the analytic gradient comes from backward(seed = R); the
 * numeric one from (L(x + h) − L(x − h)) / 2h per element, with L summed in float64.
 * Tolerance: h = 1e-2 on float32 data; |analytic − numeric| ≤ 3e-3 + 3e-2·|numeric|. Float32 rounding in the
 * forward pass contributes about 1e-7·|L| / 2h ≈ 5e-5, truncation O(h²) ≈ 1e-4; inputs for kinked ops (relu,
 * max pooling) are kept further than h from their kinks, so the bound is not loose by accident.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../common/rng.js';
import { setBackend } from '../backends/registry.js';
import { everyBackend } from '../backends/test-utils/every-backend.js';
import { noGrad, Tensor } from '../tensor.js';
import * as ops from './index.js';

type Kind = 'uniform' | 'positive' | 'awayFromZero' | 'distinct' | 'probability' | 'const';
interface InputSpec {
  shape: number[];
  kind?: Kind;
  /** Fixed values (labels, indices); never differentiated. */
  values?: number[];
}
interface Case {
  name: string;
  inputs: InputSpec[];
  f: (...xs: Tensor[]) => Tensor;
}

function makeInput(spec: InputSpec, rng: Rng): Tensor {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  if (spec.values) data.set(spec.values);
  else {
    const kind = spec.kind ?? 'uniform';
    const perm = rng.shuffle(Array.from({ length: size }, (_, i) => i));
    for (let i = 0; i < size; i++) {
      const u = rng.next();
      data[i] =
        kind === 'positive' ? 0.5 + u :
        kind === 'awayFromZero' ? (rng.chance(0.5) ? -1 : 1) * (0.1 + 0.9 * u) :
        kind === 'distinct' ? (perm[i]! - size / 2) * 0.1 :
        kind === 'probability' ? 0.1 + 0.8 * u :
        2 * u - 1;
    }
  }
  return new Tensor(data, spec.shape, { requiresGrad: spec.values === undefined && spec.kind !== 'const' });
}

const labels = (n: number, classes: number): number[] => Array.from({ length: n }, (_, i) => (i * 7 + 3) % classes);
const oneHot = (n: number, classes: number): number[] => labels(n, classes).flatMap((l) => Array.from({ length: classes }, (_, j) => (j === l ? 1 : 0)));

const cases: Case[] = [
  { name: 'matmul', inputs: [{ shape: [3, 4] }, { shape: [4, 5] }], f: (a, b) => ops.matmul(a!, b!) },
  { name: 'matmul transposeA', inputs: [{ shape: [4, 3] }, { shape: [4, 5] }], f: (a, b) => ops.matmul(a!, b!, true) },
  { name: 'matmul transposeB', inputs: [{ shape: [3, 4] }, { shape: [5, 4] }], f: (a, b) => ops.matmul(a!, b!, false, true) },
  { name: 'matmul transposeA+B', inputs: [{ shape: [4, 3] }, { shape: [5, 4] }], f: (a, b) => ops.matmul(a!, b!, true, true) },
  { name: 'add (row broadcast)', inputs: [{ shape: [3, 4] }, { shape: [4] }], f: (a, b) => ops.add(a!, b!) },
  { name: 'add (outer broadcast)', inputs: [{ shape: [3, 1] }, { shape: [1, 4] }], f: (a, b) => ops.add(a!, b!) },
  { name: 'add scalar number', inputs: [{ shape: [2, 3] }], f: (a) => ops.add(a!, 2.5) },
  { name: 'sub', inputs: [{ shape: [2, 3] }, { shape: [2, 3] }], f: (a, b) => ops.sub(a!, b!) },
  { name: 'mul (broadcast)', inputs: [{ shape: [2, 3] }, { shape: [3] }], f: (a, b) => ops.mul(a!, b!) },
  { name: 'div (broadcast)', inputs: [{ shape: [2, 3] }, { shape: [2, 1], kind: 'positive' }], f: (a, b) => ops.div(a!, b!) },
  { name: 'relu', inputs: [{ shape: [3, 5], kind: 'awayFromZero' }], f: (x) => ops.relu(x!) },
  { name: 'leakyRelu', inputs: [{ shape: [3, 5], kind: 'awayFromZero' }], f: (x) => ops.leakyRelu(x!, 0.1) },
  { name: 'sigmoid', inputs: [{ shape: [3, 5] }], f: (x) => ops.sigmoid(x!) },
  { name: 'tanh', inputs: [{ shape: [3, 5] }], f: (x) => ops.tanh(x!) },
  { name: 'exp', inputs: [{ shape: [3, 5] }], f: (x) => ops.exp(x!) },
  { name: 'exp of a shared input: x·exp(x)', inputs: [{ shape: [2, 3] }], f: (x) => ops.mul(x!, ops.exp(x!)) },
  { name: 'gelu', inputs: [{ shape: [3, 5] }], f: (x) => ops.gelu(x!) },
  { name: 'softmax', inputs: [{ shape: [3, 5] }], f: (x) => ops.softmax(x!) },
  { name: 'logSoftmax', inputs: [{ shape: [3, 5] }], f: (x) => ops.logSoftmax(x!) },
  { name: 'sum (all)', inputs: [{ shape: [2, 3, 2] }], f: (x) => ops.sum(x!) },
  { name: 'sum (axis 1)', inputs: [{ shape: [2, 3, 2] }], f: (x) => ops.sum(x!, 1) },
  { name: 'mean (all)', inputs: [{ shape: [2, 3] }], f: (x) => ops.mean(x!) },
  { name: 'mean (axis 0, keepDims)', inputs: [{ shape: [4, 3] }], f: (x) => ops.mean(x!, 0, true) },
  { name: 'reshape', inputs: [{ shape: [2, 6] }], f: (x) => ops.mul(ops.reshape(x!, [3, -1]), ops.reshape(x!, [3, 4])) },
  { name: 'conv2d valid', inputs: [{ shape: [2, 5, 5, 3] }, { shape: [3, 3, 3, 4] }], f: (x, k) => ops.conv2d(x!, k!) },
  { name: 'conv2d same stride 2', inputs: [{ shape: [1, 5, 6, 2] }, { shape: [3, 3, 2, 3] }], f: (x, k) => ops.conv2d(x!, k!, { strides: 2, padding: 'same' }) },
  {
    name: 'conv2d + bias + relu (fused)',
    inputs: [{ shape: [2, 4, 4, 2], kind: 'awayFromZero' }, { shape: [2, 2, 2, 3] }, { shape: [3] }],
    f: (x, k, b) => ops.conv2d(x!, k!, { bias: b!, activation: 'relu' }),
  },
  {
    name: 'conv2d + bias + gelu (fused, same)',
    inputs: [{ shape: [1, 4, 5, 2] }, { shape: [3, 3, 2, 2] }, { shape: [2] }],
    f: (x, k, b) => ops.conv2d(x!, k!, { bias: b!, activation: 'gelu', padding: 'same' }),
  },
  {
    name: 'conv2d + tanh, no bias, stride 2',
    inputs: [{ shape: [1, 5, 5, 1] }, { shape: [2, 2, 1, 2] }],
    f: (x, k) => ops.conv2d(x!, k!, { activation: 'tanh', strides: 2 }),
  },
  { name: 'biasAdd', inputs: [{ shape: [2, 3, 4] }, { shape: [4] }], f: (x, b) => ops.biasAdd(x!, b!) },
  { name: 'maxPool2d', inputs: [{ shape: [2, 4, 4, 3], kind: 'distinct' }], f: (x) => ops.maxPool2d(x!) },
  { name: 'maxPool2d same 3x3 stride 2', inputs: [{ shape: [1, 5, 5, 2], kind: 'distinct' }], f: (x) => ops.maxPool2d(x!, { poolSize: 3, strides: 2, padding: 'same' }) },
  { name: 'avgPool2d same', inputs: [{ shape: [2, 5, 5, 2] }], f: (x) => ops.avgPool2d(x!, { poolSize: 2, strides: 2, padding: 'same' }) },
  { name: 'globalAvgPool', inputs: [{ shape: [2, 3, 3, 4] }], f: (x) => ops.globalAvgPool(x!) },
  { name: 'dropout (fixed seed)', inputs: [{ shape: [4, 5] }], f: (x) => ops.dropout(x!, 0.3, createRng(5)) },
  { name: 'batchNorm (training)', inputs: [{ shape: [6, 3] }, { shape: [3], kind: 'positive' }, { shape: [3] }], f: (x, g, b) => ops.batchNorm(x!, g!, b!).y },
  { name: 'batchNorm (NHWC, training)', inputs: [{ shape: [2, 2, 2, 3] }, { shape: [3], kind: 'positive' }, { shape: [3] }], f: (x, g, b) => ops.batchNorm(x!, g!, b!).y },
  {
    name: 'batchNorm (moving statistics)',
    inputs: [{ shape: [4, 3] }, { shape: [3], kind: 'positive' }, { shape: [3] }],
    f: (x, g, b) => ops.batchNorm(x!, g!, b!, { mean: new Float32Array([0.1, -0.2, 0]), variance: new Float32Array([1, 0.5, 2]) }).y,
  },
  { name: 'embedding (sequence)', inputs: [{ shape: [2, 3], values: [0, 2, 1, 3, 3, 0] }, { shape: [4, 5] }], f: (i, t) => ops.embedding(i!, t!) },
  { name: 'embedding (mean bag, maskZero)', inputs: [{ shape: [2, 3], values: [1, 2, 0, 3, 3, 1] }, { shape: [4, 5] }], f: (i, t) => ops.embedding(i!, t!, { mode: 'mean', maskZero: true }) },
  { name: 'embedding (sum bag)', inputs: [{ shape: [2, 2], values: [1, 2, 3, 3] }, { shape: [4, 2] }], f: (i, t) => ops.embedding(i!, t!, { mode: 'sum' }) },
  { name: 'dense relu', inputs: [{ shape: [3, 4] }, { shape: [4, 5] }, { shape: [5] }], f: (x, w, b) => ops.dense(x!, w!, b!, 'relu') },
  { name: 'dense gelu', inputs: [{ shape: [3, 4] }, { shape: [4, 5] }, { shape: [5] }], f: (x, w, b) => ops.dense(x!, w!, b!, 'gelu') },
  { name: 'dense leakyRelu', inputs: [{ shape: [3, 4] }, { shape: [4, 2] }, { shape: [2] }], f: (x, w, b) => ops.dense(x!, w!, b!, 'leakyRelu') },
  { name: 'dense sigmoid, no bias', inputs: [{ shape: [3, 4] }, { shape: [4, 2] }], f: (x, w) => ops.dense(x!, w!, null, 'sigmoid') },
  { name: 'dense tanh', inputs: [{ shape: [3, 4] }, { shape: [4, 2] }, { shape: [2] }], f: (x, w, b) => ops.dense(x!, w!, b!, 'tanh') },
  // A tensor with two consumers exercises gradient accumulation (the second contribution adds, not overwrites).
  { name: 'shared input: relu(x) + sigmoid(x)', inputs: [{ shape: [3, 4], kind: 'awayFromZero' }], f: (x) => ops.add(ops.relu(x!), ops.sigmoid(x!)) },
  { name: 'shared input: maxPool2d(x) + avgPool2d(x)', inputs: [{ shape: [1, 4, 4, 2], kind: 'distinct' }], f: (x) => ops.add(ops.maxPool2d(x!), ops.avgPool2d(x!)) },
  {
    name: 'shared weights: dense twice',
    inputs: [{ shape: [2, 3] }, { shape: [3, 3] }, { shape: [3] }],
    f: (x, w, b) => ops.dense(ops.dense(x!, w!, b!, 'tanh'), w!, b!, 'linear'),
  },
  // GRU (fused BPTT): x, kernel, recurrentKernel, bias; padding steps (lengths) and reversed reading included.
  { name: 'gru sequences', inputs: [{ shape: [2, 4, 3] }, { shape: [3, 6] }, { shape: [2, 6] }, { shape: [2, 6] }], f: (x, w, u, b) => ops.gru(x!, w!, u!, b!) },
  { name: 'gru final state', inputs: [{ shape: [2, 4, 3] }, { shape: [3, 9] }, { shape: [3, 9] }, { shape: [2, 9] }], f: (x, w, u, b) => ops.gru(x!, w!, u!, b!, { returnSequences: false }) },
  {
    name: 'gru sequences, lengths + reverse',
    inputs: [{ shape: [3, 4, 2] }, { shape: [2, 6] }, { shape: [2, 6] }, { shape: [2, 6] }],
    f: (x, w, u, b) => ops.gru(x!, w!, u!, b!, { lengths: Int32Array.from([2, 4, 1]), reverse: true }),
  },
  {
    name: 'gru final state, lengths + reverse',
    inputs: [{ shape: [3, 4, 2] }, { shape: [2, 6] }, { shape: [2, 6] }, { shape: [2, 6] }],
    f: (x, w, u, b) => ops.gru(x!, w!, u!, b!, { lengths: Int32Array.from([3, 1, 4]), reverse: true, returnSequences: false }),
  },
  {
    name: 'gru sequences in processing order, lengths + reverse',
    inputs: [{ shape: [2, 4, 2] }, { shape: [2, 6] }, { shape: [2, 6] }, { shape: [2, 6] }],
    f: (x, w, u, b) => ops.gru(x!, w!, u!, b!, { lengths: Int32Array.from([3, 4]), reverse: true, outputOrder: 'processing' }),
  },
  { name: 'gru final state, lengths', inputs: [{ shape: [2, 5, 2] }, { shape: [2, 6] }, { shape: [2, 6] }, { shape: [2, 6] }], f: (x, w, u, b) => ops.gru(x!, w!, u!, b!, { lengths: Int32Array.from([5, 3]), returnSequences: false }) },
  { name: 'softmaxCrossEntropy (one-hot)', inputs: [{ shape: [4, 3] }, { shape: [4, 3], values: oneHot(4, 3) }], f: (z, y) => ops.softmaxCrossEntropy(z!, y!) },
  { name: 'softmaxCrossEntropy (sparse)', inputs: [{ shape: [4, 3] }, { shape: [4], values: labels(4, 3) }], f: (z, y) => ops.softmaxCrossEntropy(z!, y!, true) },
  { name: 'sigmoidCrossEntropy', inputs: [{ shape: [5, 1] }, { shape: [5, 1], values: [1, 0, 0, 1, 1] }], f: (z, y) => ops.sigmoidCrossEntropy(z!, y!) },
  { name: 'meanSquaredError', inputs: [{ shape: [3, 2] }, { shape: [3, 2], kind: 'const' }], f: (p, y) => ops.meanSquaredError(p!, y!) },
  { name: 'binaryCrossEntropy', inputs: [{ shape: [5], kind: 'probability' }, { shape: [5], values: [1, 0, 1, 1, 0] }], f: (p, y) => ops.binaryCrossEntropy(p!, y!) },
  { name: 'categoricalCrossEntropy', inputs: [{ shape: [3, 4], kind: 'probability' }, { shape: [3, 4], values: oneHot(3, 4) }], f: (p, y) => ops.categoricalCrossEntropy(p!, y!) },
  { name: 'categoricalCrossEntropy (sparse)', inputs: [{ shape: [3, 4], kind: 'probability' }, { shape: [3], values: labels(3, 4) }], f: (p, y) => ops.categoricalCrossEntropy(p!, y!, true) },
];

const backends = everyBackend();

describe.each(backends.map((b) => [b.name, b] as const))('gradients on %s', (_name, backend) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s matches finite differences', (_n, c) => {
    setBackend(backend);
    const rng = createRng(42);
    const inputs = c.inputs.map((s) => makeInput(s, rng));
    const out = c.f(...inputs);
    const r = new Float32Array(out.size);
    for (let i = 0; i < r.length; i++) r[i] = rng.next() * 2 - 1;
    out.backward(r);
    const loss = (): number =>
      noGrad(() => {
        const y = c.f(...inputs);
        let s = 0;
        for (let i = 0; i < y.size; i++) s += y.data[i]! * r[i]!;
        y.dispose();
        return s;
      });
    const h = 1e-2;
    let checked = 0;
    for (const x of inputs) {
      if (!x.requiresGrad) continue;
      const analytic = x.grad ?? new Float32Array(x.size);
      for (let i = 0; i < x.size; i++) {
        const orig = x.data[i]!;
        x.data[i] = orig + h;
        const up = loss();
        x.data[i] = orig - h;
        const down = loss();
        x.data[i] = orig;
        const numeric = (up - down) / (2 * h);
        const a = analytic[i]!;
        if (Math.abs(a - numeric) > 3e-3 + 3e-2 * Math.abs(numeric)) {
          throw new Error(`${c.name}: input ${inputs.indexOf(x)} element ${i}: analytic ${a} vs numeric ${numeric}`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
