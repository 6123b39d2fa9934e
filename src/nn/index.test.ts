/**
 * The public `nn` API used the way a TensorFlow.js script uses `tf`: a small CNN, a text model with a bag
 * embedding, and the metrics/data helpers end to end on synthetic data (seeded; no files needed).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../common/rng.js';
import { nn as tf } from './index.js';

/** 8×8 single-channel images: class 0 has a horizontal bar, class 1 a vertical bar, plus noise. */
function bars(n: number, seed: number): { x: InstanceType<typeof tf.Tensor>; labels: number[] } {
  const rng = createRng(seed);
  const data = new Float32Array(n * 64);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    labels.push(c);
    const pos = rng.int(1, 6);
    for (let p = 0; p < 64; p++) data[i * 64 + p] = rng.normal(0, 0.3);
    for (let k = 0; k < 8; k++) {
      const p = i * 64 + (c === 0 ? pos * 8 + k : k * 8 + pos);
      data[p] = data[p]! + 1.5;
    }
  }
  return { x: tf.tensor4d(data, [n, 8, 8, 1]), labels };
}

describe('nn (TensorFlow.js-shaped API)', () => {
  it('trains a small CNN (conv2d, pooling, batch norm, dropout) to separate bar orientations', async () => {
    const { x, labels } = bars(128, 1);
    const y = tf.oneHot(labels, 2);
    const model = tf.sequential({ seed: 5 });
    model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', padding: 'same', inputShape: [8, 8, 1], kernelInitializer: 'heNormal' }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }));
    model.add(tf.layers.averagePooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dropout({ rate: 0.1 }));
    model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 8, batchSize: 16, verbose: 0 });
    expect(h.history.accuracy![7]!).toBeGreaterThan(0.95);
    const test = bars(64, 2);
    const pred = tf.metrics.argmaxRows(model.predict(test.x).dataSync(), 2);
    const report = tf.metrics.classificationReport(test.labels, pred, ['horizontal', 'vertical']);
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(report.confusionMatrix.flat().reduce((a, b) => a + b)).toBe(64);
  });

  it('global average pooling head', async () => {
    const { x, labels } = bars(64, 3);
    const model = tf.sequential({
      seed: 2,
      layers: [
        tf.layers.conv2d({ filters: 6, kernelSize: [1, 8], activation: 'relu', inputShape: [8, 8, 1] }),
        tf.layers.globalAveragePooling2d(),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    model.compile({ optimizer: tf.optimizers.adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, tf.tensor2d(labels, [64, 1]), { epochs: 15, batchSize: 16, verbose: 0 });
    expect(h.history.accuracy![14]!).toBeGreaterThan(0.9);
  });

  it('text classification with a mean-bag embedding', async () => {
    // Token 1-4 mean "positive", 5-8 "negative", 9 is neutral filler, 0 is padding.
    const rng = createRng(9);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 120; i++) {
      const pos = i % 2 === 0;
      const len = rng.int(2, 6);
      const row = Array.from({ length: 6 }, (_, t) => (t >= len ? 0 : rng.chance(0.3) ? 9 : pos ? rng.int(1, 4) : rng.int(5, 8)));
      rows.push(row);
      labels.push(pos ? 1 : 0);
    }
    const model = tf.sequential({
      seed: 1,
      layers: [tf.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 6, mode: 'mean', maskZero: true }), tf.layers.dense({ units: 2, activation: 'softmax' })],
    });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(tf.tensor2d(rows), tf.tensor1d(labels), { epochs: 20, batchSize: 20, verbose: 0 });
    expect(h.history.accuracy![19]!).toBeGreaterThan(0.95);
  });

  it('learning-rate schedules drive the optimiser', () => {
    const schedule = tf.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    const opt = tf.optimizers.sgd({ learningRate: schedule });
    expect(opt.currentLearningRate()).toBeCloseTo(0.1);
    const w = tf.variable(tf.tensor1d([1]));
    for (let i = 0; i < 10; i++) {
      w.ensureGrad()[0] = 1;
      opt.step([w]);
    }
    expect(opt.currentLearningRate()).toBeCloseTo(0.05);
    expect(w.data[0]).toBeCloseTo(0, 5);
    expect(tf.cosineDecay({ initialLearningRate: 1, decaySteps: 10 })(10)).toBeCloseTo(0);
    expect(tf.piecewiseConstantDecay({ boundaries: [5], values: [1, 0.1] })(6)).toBe(0.1);
  });

  it('reports the active backend and why native is or is not used', () => {
    const status = tf.backendStatus();
    expect(tf.availableBackends()).toContain(status.active);
    if (!status.native.available) expect(status.native.reason).toMatch(/native/);
    expect(() => tf.setBackend('cuda')).toThrow(/Unknown nn backend/);
  });
});
