/** Conv1D + GlobalMaxPooling1D layers: a sequential TextCNN learns an order-dependent task, saves, loads, summarises. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { tensor1d, tensor2d } from '../creation.js';
import { deserializeModel, loadModel, saveModel, serializeModel } from '../io/model-folder.js';
import { sequential, type Sequential } from '../model/sequential.js';
import { layers } from './index.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/**
 * Label 1 when token 2 directly follows token 1 anywhere. Every text contains both tokens, so a bag of
 * tokens cannot tell the classes apart: only the order (a width-2 n-gram detector) can.
 */
function bigramTask(n: number, steps: number, seed: number): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: steps }, () => rng.int(3, 7));
    const label = i % 2;
    const at = rng.int(0, steps - 2);
    if (label === 1) {
      row[at] = 1;
      row[at + 1] = 2;
    } else {
      row[at] = 2;
      row[(at + rng.int(2, steps - 1)) % steps] = 1;
      for (let t = 0; t + 1 < steps; t++) if (row[t] === 1 && row[t + 1] === 2) row[t + 1] = 3;
      if (!row.includes(2)) row[at] = 2;
    }
    x.push(row);
    y.push(label);
  }
  return { x, y };
}

function textCnn(seed: number): Sequential {
  return sequential({
    seed,
    layers: [
      layers.embedding({ inputDim: 8, outputDim: 8, inputLength: 10 }),
      layers.conv1d({ filters: 8, kernelSize: 2, activation: 'relu' }),
      layers.globalMaxPooling1d(),
      layers.dropout({ rate: 0.1 }),
      layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

describe('Conv1D / GlobalMaxPooling1D', () => {
  it('learns an order-dependent task that a bag cannot, and round-trips through a model folder', async () => {
    const train = bigramTask(400, 10, 1);
    const test = bigramTask(200, 10, 2);
    const model = textCnn(5);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(tensor2d(train.x), tensor1d(train.y), { epochs: 25, batchSize: 32, verbose: 0 });
    const xt = tensor2d(test.x);
    const pred = model.predict(xt);
    let correct = 0;
    test.y.forEach((label, i) => {
      if ((pred.data[2 * i + 1]! > 0.5 ? 1 : 0) === label) correct++;
    });
    expect(correct / test.y.length).toBeGreaterThan(0.9);

    const dir = await mkdtemp(path.join(tmpdir(), 'ns-conv1d-'));
    dirs.push(dir);
    await saveModel(model, dir);
    const { model: loaded } = await loadModel(dir);
    expect(loaded.layers.map((l) => l.className)).toEqual(['Embedding', 'Conv1D', 'GlobalMaxPooling1D', 'Dropout', 'Dense']);
    expect(Array.from(loaded.predict(xt).data)).toEqual(Array.from(pred.data));
  });

  it('writes Keras configs (kernel_size as a list) and summarises shapes and parameters', () => {
    const model = textCnn(1);
    model.build([10]);
    const artefacts = serializeModel(model);
    const cfg = artefacts.modelJson.modelTopology.config.layers;
    const conv = cfg.find((l) => l.class_name === 'Conv1D')!;
    expect(conv.config).toMatchObject({ filters: 8, kernel_size: [2], strides: [1], padding: 'valid', activation: 'relu' });
    expect(cfg.some((l) => l.class_name === 'GlobalMaxPooling1D')).toBe(true);
    const lines: string[] = [];
    model.summary(90, undefined, (l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/Conv1D\)\s+\[null,9,8\]\s+136/); // 2·8·8 + 8
    expect(text).toMatch(/GlobalMaxPooling1D\)\s+\[null,8\]\s+0/);
    expect(model.countParams()).toBe(8 * 8 + 136 + 8 * 2 + 2);
    const back = deserializeModel(artefacts).model;
    expect(back.countParams()).toBe(model.countParams());
  });

  it('same padding keeps the steps; conv1d works on any sequence length after build', () => {
    const model = sequential({ seed: 2, layers: [layers.embedding({ inputDim: 5, outputDim: 4, inputLength: 6 }), layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same' })] });
    model.build([6]);
    expect(model.outputShape).toEqual([6, 3]);
    expect(model.forward(tensor2d([[1, 2, 3, 4]]), { training: false, rng: createRng(1) }).shape).toEqual([1, 4, 3]);
  });
});
