import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { tensor2d, tensor4d } from '../creation.js';
import { layers } from '../layers/index.js';
import { sequential } from '../model/sequential.js';
import { ModelCheckpoint } from '../callbacks/model-checkpoint.js';
import { loadModel, saveModel } from './model-folder.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'ns-nn-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function randomImages(n: number): ReturnType<typeof tensor4d> {
  const rng = createRng(1);
  return tensor4d(Float32Array.from({ length: n * 6 * 6 * 2 }, () => rng.normal()), [n, 6, 6, 2]);
}

describe('model folder', () => {
  it('round-trips a trained CNN: same predictions, metadata kept', async () => {
    const model = sequential({
      seed: 3,
      layers: [
        layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
        layers.batchNormalization(),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.averagePooling2d({ poolSize: 3, strides: 1 }),
        layers.flatten(),
        layers.dropout({ rate: 0.3 }),
        layers.dense({ units: 4, activation: 'gelu' }),
        layers.activation({ activation: 'leakyRelu', alpha: 0.1 }),
        layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const x = randomImages(8);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, tensor2d([0, 1, 0, 1, 1, 0, 1, 0], [8, 1]), { epochs: 2, batchSize: 4, verbose: 0 });
    const dir = await tempDir();
    await saveModel(model, dir, { classes: ['cat', 'dog'] });
    const loaded = await loadModel(dir);
    expect(loaded.metadata).toEqual({ classes: ['cat', 'dog'] });
    expect(loaded.model.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
    expect(Array.from(loaded.model.predict(x).data)).toEqual(Array.from(model.predict(x).data));
  });

  it('round-trips an embedding bag model', async () => {
    const model = sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 3, inputLength: 4, mode: 'mean', maskZero: true }), layers.dense({ units: 1, activation: 'sigmoid' })] });
    const dir = await tempDir();
    await saveModel(model, dir);
    const { model: loaded } = await loadModel(dir);
    const x = tensor2d([[1, 2, 0, 0], [4, 4, 3, 1]]);
    expect(Array.from(loaded.predict(x).data)).toEqual(Array.from(model.predict(x).data));
  });

  it('rejects another format version, truncated weights and missing files with NN_MODEL_FORMAT', async () => {
    const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    const dir = await tempDir();
    await saveModel(model, dir);
    const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as { northstar: { formatVersion: number } };
    json.northstar.formatVersion = 99;
    await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadModel(dir)).rejects.toMatchObject({ code: 'NN_MODEL_FORMAT', message: /version 99/ });
    json.northstar.formatVersion = 1;
    await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
    await writeFile(path.join(dir, 'weights.bin'), new Uint8Array(8));
    await expect(loadModel(dir)).rejects.toMatchObject({ code: 'NN_MODEL_FORMAT', message: /bytes/ });
    await expect(loadModel(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'NN_MODEL_FORMAT' });
    await writeFile(path.join(dir, 'model.json'), '{not json');
    await expect(loadModel(dir)).rejects.toMatchObject({ code: 'NN_MODEL_FORMAT', message: /JSON/ });
  });

  it('ModelCheckpoint saves only improving epochs with saveBestOnly', async () => {
    const model = sequential({ seed: 1, layers: [layers.dense({ units: 2, activation: 'softmax', inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const dir = await tempDir();
    const x = tensor2d([[1, 0], [0, 1], [1, 1], [0, 0]]);
    const y = tensor2d([0, 1, 0, 1], [4, 1]);
    const every = new ModelCheckpoint({ filepath: path.join(dir, 'e{epoch}') , monitor: 'loss' });
    const best = new ModelCheckpoint({ filepath: path.join(dir, 'best'), monitor: 'loss', saveBestOnly: true });
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, callbacks: [every, best] });
    expect(every.saved.map((d) => path.basename(d))).toEqual(['e1', 'e2', 'e3']);
    // Full-batch SGD on a convex problem: the loss falls every epoch, so each epoch is a new best.
    expect(best.saved).toHaveLength(3);
    const { metadata } = await loadModel(path.join(dir, 'best'));
    expect(metadata.epoch).toBe(3);
  });
});
