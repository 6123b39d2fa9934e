/**
 * A saved model folder is a TensorFlow.js layers model: load it with @tensorflow/tfjs (cpu backend) and
 * compare predictions with Northstar's on the same inputs. Tolerance 1e-4 absolute (float32 kernels that
 * sum in different orders).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { tensor2d, tensor4d } from '../creation.js';
import { layers } from '../layers/index.js';
import type { Sequential } from '../model/sequential.js';
import { sequential } from '../model/sequential.js';
import type { Tensor } from '../tensor.js';
import { serializeModel } from './model-folder.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function viaTfjs(model: Sequential, x: Tensor): Promise<Float32Array> {
  const { modelJson, weights } = serializeModel(model);
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: modelJson.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: modelJson.weightsManifest[0]!.weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
    }),
  };
  const loaded = await tf.loadLayersModel(handler);
  const out = loaded.predict(tf.tensor(Array.from(x.data), [...x.shape])) as tf.Tensor;
  return Float32Array.from(await out.data());
}

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-4);
}

describe('TensorFlow.js export', () => {
  it('a CNN with batch norm, both poolings, dropout and leaky ReLU predicts the same in TensorFlow.js', async () => {
    const model = sequential({
      seed: 4,
      layers: [
        layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [7, 7, 2] }),
        layers.batchNormalization(),
        layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }),
        layers.conv2d({ filters: 3, kernelSize: [2, 3], strides: [1, 1] }),
        layers.averagePooling2d({ poolSize: 2, strides: 1 }),
        layers.flatten(),
        layers.dropout({ rate: 0.25 }),
        layers.dense({ units: 5, activation: 'tanh' }),
        layers.activation({ activation: 'leakyRelu', alpha: 0.1 }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    // Train a little so batch-norm moving statistics and weights are not at their initial values.
    const rng = createRng(2);
    const x = tensor4d(Float32Array.from({ length: 6 * 7 * 7 * 2 }, () => rng.normal()), [6, 7, 7, 2]);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, tensor2d([0, 1, 2, 0, 1, 2], [6, 1]), { epochs: 3, batchSize: 3, verbose: 0 });
    expectClose(await viaTfjs(model, x), model.predict(x).data);
  });

  it('a dense model with sigmoid output and a global-average-pooling model match too', async () => {
    const rng = createRng(3);
    const dense = sequential({ layers: [layers.dense({ units: 6, activation: 'relu', inputShape: [4] }), layers.dense({ units: 1, activation: 'sigmoid' })] });
    const x = tensor2d(Float32Array.from({ length: 20 }, () => rng.normal()), [5, 4]);
    expectClose(await viaTfjs(dense, x), dense.predict(x).data);
    const gap = sequential({ layers: [layers.conv2d({ filters: 2, kernelSize: 2, inputShape: [4, 4, 1] }), layers.globalAveragePooling2d(), layers.dense({ units: 2, activation: 'linear' })] });
    const xi = tensor4d(Float32Array.from({ length: 32 }, () => rng.normal()), [2, 4, 4, 1]);
    expectClose(await viaTfjs(gap, xi), gap.predict(xi).data);
  });
});
