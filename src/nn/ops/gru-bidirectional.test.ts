/**
 * The block the sentiment RCNN uses, built from ops: embedding → a forward and a reversed gru over padded rows
 * (lengths) → max over each row's valid steps → one dense per direction, summed (a dense over the
 * concatenation). It must learn an order-only task (a bag of tokens carries nothing) whose padding is made of the
 * very tokens the task is about. That padding is skipped exactly is checked in gru.test.ts (padded batch ==
 * each row alone); this checks that the block trains end to end with Adam.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../common/rng.js';
import { Adam } from '../optimizers/adam.js';
import { noGrad, releaseGraph, Tensor } from '../tensor.js';
import { add } from './add.js';
import { dense } from './dense.js';
import { embedding } from './embedding.js';
import { globalMaxPool1d } from './global-max-pool1d.js';
import { gru } from './gru.js';
import { softmaxCrossEntropy } from './softmax-cross-entropy.js';

const STEPS = 10;

/** Label 1 when token 1 comes before token 2 among fillers 3..6; rows of 3..10 valid steps, padded with 1s and 2s. */
function orderTask(n: number, rng: Rng): { ids: Float32Array; lengths: Int32Array; labels: Float32Array } {
  const ids = new Float32Array(n * STEPS);
  const lengths = new Int32Array(n);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const len = rng.int(3, STEPS);
    const a = rng.int(0, len - 1);
    let b = rng.int(0, len - 2);
    if (b >= a) b++;
    for (let t = 0; t < STEPS; t++) ids[i * STEPS + t] = t < len ? rng.int(3, 6) : rng.int(1, 2);
    ids[i * STEPS + a] = 1;
    ids[i * STEPS + b] = 2;
    lengths[i] = len;
    labels[i] = a < b ? 1 : 0;
  }
  return { ids, lengths, labels };
}

function param(shape: number[], rng: Rng, scale: number): Tensor {
  const size = shape.reduce((p, q) => p * q, 1);
  return new Tensor(Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale), shape, { requiresGrad: true, variable: true });
}

describe('bidirectional gru over padded rows (RCNN block)', () => {
  it('learns "token 1 before token 2" with padding made of 1s and 2s', () => {
    const rng = createRng(4);
    const [dim, u] = [8, 8];
    const table = param([7, dim], rng, 0.3);
    const dirs = [false, true].map((reverse) => ({
      reverse,
      kernel: param([dim, 3 * u], rng, 0.4),
      recurrent: param([u, 3 * u], rng, 0.4),
      bias: param([2, 3 * u], rng, 0),
      out: param([u, 2], rng, 0.4),
    }));
    const outBias = param([2], rng, 0);
    const params = [table, outBias, ...dirs.flatMap((d) => [d.kernel, d.recurrent, d.bias, d.out])];
    const logits = (ids: Tensor, lengths: Int32Array): Tensor => {
      const x = embedding(ids, table);
      const parts = dirs.map((d) => dense(globalMaxPool1d(gru(x, d.kernel, d.recurrent, d.bias, { lengths, reverse: d.reverse }), lengths), d.out, null));
      return add(add(parts[0]!, parts[1]!), outBias);
    };
    const accuracy = (data: ReturnType<typeof orderTask>): number =>
      noGrad(() => {
        const z = logits(new Tensor(data.ids, [data.labels.length, STEPS]), data.lengths);
        let correct = 0;
        for (let i = 0; i < data.labels.length; i++) if ((z.data[2 * i + 1]! > z.data[2 * i]! ? 1 : 0) === data.labels[i]) correct++;
        return correct / data.labels.length;
      });
    const test = orderTask(300, createRng(99));
    expect(accuracy(test)).toBeLessThan(0.75);
    const opt = new Adam({ learningRate: 0.01 });
    const batch = 32;
    for (let step = 0; step < 250; step++) {
      const b = orderTask(batch, rng);
      const loss = softmaxCrossEntropy(logits(new Tensor(b.ids, [batch, STEPS]), b.lengths), new Tensor(b.labels, [batch]), true);
      const order = loss.backward();
      opt.step(params);
      for (const p of params) p.zeroGrad();
      releaseGraph(order);
    }
    expect(accuracy(test)).toBeGreaterThan(0.9);
  });
});
