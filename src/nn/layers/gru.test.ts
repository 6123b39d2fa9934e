/**
 * GRU layer: a sequential Embedding → GRU → Dense model learns an order-only task, round-trips through a model
 * folder and its Keras config, and wires Keras' weight layout; the orthogonal initialiser is orthogonal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { createRng } from '../../common/rng.js';
import { tensor1d, tensor2d } from '../creation.js';
import { fromKerasConfig, toKerasConfig } from '../io/layer-config.js';
import { deserializeModel, loadModel, saveModel, serializeModel } from '../io/model-folder.js';
import { gru } from '../ops/gru.js';
import { sequential, type Sequential } from '../model/sequential.js';
import { Tensor } from '../tensor.js';
import { GRU } from './gru.js';
import { layers } from './index.js';
import { orthogonalInit } from './orthogonal-initializer.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/**
 * Label 1 when token 1 comes before token 2. Every sequence holds each of them exactly once among filler tokens
 * 3..6, so a bag of tokens carries no information: only the order does.
 */
function orderTask(n: number, steps: number, seed: number): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: steps }, () => rng.int(3, 6));
    const a = rng.int(0, steps - 1);
    let b = rng.int(0, steps - 2);
    if (b >= a) b++;
    row[a] = 1;
    row[b] = 2;
    x.push(row);
    y.push(a < b ? 1 : 0);
  }
  return { x, y };
}

function model(seed: number, goBackwards = false): Sequential {
  return sequential({
    seed,
    layers: [
      layers.embedding({ inputDim: 8, outputDim: 8, inputLength: 8 }),
      layers.gru({ units: 8, goBackwards }),
      layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

function accuracy(m: Sequential, data: { x: number[][]; y: number[] }): number {
  const pred = m.predict(tensor2d(data.x));
  let correct = 0;
  data.y.forEach((label, i) => {
    if ((pred.data[2 * i + 1]! > 0.5 ? 1 : 0) === label) correct++;
  });
  return correct / data.y.length;
}

describe('GRU layer', () => {
  it.each([false, true])('learns "token 1 before token 2" (goBackwards %s) and round-trips through a model folder', async (goBackwards) => {
    const train = orderTask(600, 8, 1);
    const test = orderTask(300, 8, 2);
    const m = model(3, goBackwards);
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    expect(accuracy(m, test)).toBeLessThan(0.75);
    await m.fit(tensor2d(train.x), tensor1d(train.y), { epochs: 30, batchSize: 32, verbose: 0 });
    expect(accuracy(m, test)).toBeGreaterThan(0.9);

    const dir = await mkdtemp(path.join(tmpdir(), 'ns-gru-'));
    dirs.push(dir);
    await saveModel(m, dir);
    const { model: loaded } = await loadModel(dir);
    expect(loaded.layers.map((l) => l.className)).toEqual(['Embedding', 'GRU', 'Dense']);
    const xt = tensor2d(test.x);
    expect(Array.from(loaded.predict(xt).data)).toEqual(Array.from(m.predict(xt).data));
  });

  it('writes the Keras GRU config and weight names, and reads it back', () => {
    const m = sequential({ seed: 1, layers: [layers.embedding({ inputDim: 5, outputDim: 4, inputLength: 6 }), layers.gru({ units: 3, returnSequences: true, goBackwards: true })] });
    m.build([6]);
    expect(m.outputShape).toEqual([6, 3]);
    const artefacts = serializeModel(m);
    const cfg = artefacts.modelJson.modelTopology.config.layers.find((l) => l.class_name === 'GRU')!;
    expect(cfg.config).toMatchObject({ units: 3, activation: 'tanh', recurrent_activation: 'sigmoid', reset_after: true, return_sequences: true, go_backwards: true, use_bias: true });
    expect((cfg.config.recurrent_initializer as { class_name: string }).class_name).toBe('Orthogonal');
    const names = artefacts.modelJson.weightsManifest[0]!.weights.map((w) => [w.name.split('/').pop(), w.shape]);
    expect(names.slice(1)).toEqual([['kernel', [4, 9]], ['recurrent_kernel', [3, 9]], ['bias', [2, 9]]]);
    expect(m.countParams()).toBe(5 * 4 + 4 * 9 + 3 * 9 + 2 * 9);
    const back = deserializeModel(artefacts).model;
    const x = tensor2d([[1, 2, 3, 4, 0, 1]]);
    expect(Array.from(back.predict(x).data)).toEqual(Array.from(m.predict(x).data));
    const layer = fromKerasConfig(toKerasConfig(m.layers[1]!, undefined));
    expect(layer).toBeInstanceOf(GRU);
    expect(layer.getConfig()).toMatchObject({ units: 3, returnSequences: true, goBackwards: true });
    expect(() => fromKerasConfig({ class_name: 'GRU', config: { units: 3, reset_after: false } })).toThrow(NorthstarError);
    expect(() => layers.gru({ units: 3, activation: 'relu' })).toThrow(NorthstarError);
  });

  it('computes the gru op on its weights; goBackwards returns states in reading order', () => {
    const layer = layers.gru({ units: 2, returnSequences: true, goBackwards: true });
    layer.build([4, 3], createRng(5));
    const bias = layer.bias!;
    bias.data.set(Float32Array.from({ length: bias.size }, (_, i) => 0.1 * (i - 6)));
    const rng = createRng(6);
    const x = new Tensor(Float32Array.from({ length: 2 * 4 * 3 }, () => rng.next() * 2 - 1), [2, 4, 3]);
    const y = layer.call(x, { training: false, rng });
    const aligned = gru(x, layer.kernel!, layer.recurrentKernel!, bias, { reverse: true });
    for (let b = 0; b < 2; b++) {
      for (let k = 0; k < 4; k++) {
        for (let j = 0; j < 2; j++) expect(y.data[(b * 4 + k) * 2 + j]).toBe(aligned.data[(b * 4 + 3 - k) * 2 + j]);
      }
    }
  });

  it.each([[4, 12], [12, 4], [5, 5]])('orthogonal initialiser gives orthonormal rows or columns (%i × %i)', (rows, cols) => {
    const w = orthogonalInit().init(rows * cols, rows, cols, createRng(9));
    const wide = rows <= cols;
    const count = Math.min(rows, cols);
    const len = Math.max(rows, cols);
    const at = (i: number, j: number): number => (wide ? w[i * cols + j]! : w[j * cols + i]!);
    for (let a = 0; a < count; a++) {
      for (let b = 0; b < count; b++) {
        let dot = 0;
        for (let j = 0; j < len; j++) dot += at(a, j) * at(b, j);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });
});
