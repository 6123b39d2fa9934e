import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import { tensor2d } from '../creation.js';
import { layers } from '../layers/index.js';
import { losses } from '../losses.js';
import { optimizers } from '../optimizers/index.js';
import { EarlyStopping } from '../callbacks/early-stopping.js';
import { Tensor } from '../tensor.js';
import { sequential } from './sequential.js';

/** Three Gaussian blobs in 2-D: a problem a small MLP must solve almost perfectly. */
function blobs(n: number, seed: number): { x: Tensor; y: Tensor; labels: number[] } {
  const rng = createRng(seed);
  const centers = [[-2, 0], [2, 0], [0, 2.5]] as const;
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n * 3);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels.push(c);
    x[i * 2] = centers[c]![0] + rng.normal(0, 0.6);
    x[i * 2 + 1] = centers[c]![1] + rng.normal(0, 0.6);
    y[i * 3 + c] = 1;
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n, 3]), labels };
}

function mlp(seed = 1) {
  return sequential({
    seed,
    layers: [layers.dense({ units: 16, activation: 'relu', inputShape: [2] }), layers.dense({ units: 3, activation: 'softmax' })],
  });
}

describe('Sequential', () => {
  it('learns separable blobs with Adam and reports Keras-style epoch lines', async () => {
    const { x, y } = blobs(300, 3);
    const model = mlp();
    model.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const lines: string[] = [];
    const h = await model.fit(x, y, { epochs: 15, batchSize: 32, validationSplit: 0.2, log: (l) => lines.push(l) });
    expect(lines[0]).toBe('Epoch 1/15');
    expect(lines[1]).toMatch(/^8\/8 - \d+s - \d+(ms|us)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
    const acc = h.history.accuracy!;
    expect(h.history.loss![14]!).toBeLessThan(h.history.loss![0]!);
    expect(acc[acc.length - 1]!).toBeGreaterThan(0.93);
    expect(h.history.val_accuracy![14]!).toBeGreaterThan(0.9);
    const [loss, accuracy] = model.evaluate(x, y) as Tensor[];
    expect(loss!.data[0]!).toBeLessThan(0.3);
    expect(accuracy!.data[0]!).toBeGreaterThan(0.93);
    const p = model.predict(x);
    expect(p.shape).toEqual([300, 3]);
    for (let r = 0; r < 300; r++) expect(p.data[r * 3]! + p.data[r * 3 + 1]! + p.data[r * 3 + 2]!).toBeCloseTo(1, 5);
  });

  it('is deterministic under a seed and differs across seeds', async () => {
    const { x, y } = blobs(90, 4);
    const run = async (seed: number): Promise<number[]> => {
      const m = sequential({ seed, layers: [layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), layers.dropout({ rate: 0.2 }), layers.dense({ units: 3, activation: 'softmax' })] });
      m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
      const h = await m.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 });
      return h.history.loss!;
    };
    expect(await run(7)).toEqual(await run(7));
    expect(await run(7)).not.toEqual(await run(8));
  });

  it.each([
    ['sgd + momentum + nesterov', optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
    ['rmsprop', optimizers.rmsprop({ learningRate: 0.01 })],
    ['adamw', optimizers.adamw({ learningRate: 0.02 })],
  ])('trains with %s and sparse labels', async (_name, optimizer) => {
    const { x, labels } = blobs(150, 5);
    const y = new Tensor(Float32Array.from(labels), [150]);
    const m = mlp(2);
    m.compile({ optimizer, loss: losses.sparseCategoricalCrossentropy(), metrics: ['acc'] });
    const h = await m.fit(x, y, { epochs: 20, batchSize: 25, verbose: 0 });
    expect(h.history.acc![19]!).toBeGreaterThan(0.9);
  });

  it('binary classification with a sigmoid output trains on logits (stable) and regularisers add to the loss', async () => {
    const { x, labels } = blobs(120, 6);
    const y = new Tensor(Float32Array.from(labels.map((l) => (l === 0 ? 1 : 0))), [120, 1]);
    const build = (reg: boolean) => {
      const m = sequential({ seed: 3, layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [2], ...(reg ? { kernelRegularizer: 'l2' as const } : {}) }), layers.dense({ units: 1, activation: 'sigmoid' })] });
      m.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
      return m;
    };
    const plain = await build(false).fit(x, y, { epochs: 10, batchSize: 20, verbose: 0 });
    const regularised = await build(true).fit(x, y, { epochs: 1, batchSize: 20, verbose: 0 });
    expect(plain.history.accuracy![9]!).toBeGreaterThan(0.95);
    // Same seed, same first batches: the first-epoch loss differs only by the L2 penalty (> 0).
    expect(regularised.history.loss![0]!).toBeGreaterThan(plain.history.loss![0]!);
  });

  it('EarlyStopping stops when val_loss stalls and restores the best weights', async () => {
    const { x, y } = blobs(60, 7);
    const m = mlp(4);
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'categoricalCrossentropy' });
    const es = new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const h = await m.fit(x, y, { epochs: 20, validationData: [x, y], callbacks: [es], verbose: 0 });
    // lr 0: val_loss never improves after epoch 0, so training stops after 1 + patience epochs.
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(es.stoppedEpoch).toBe(2);
  });

  it('calls custom callbacks in order', async () => {
    const { x, y } = blobs(30, 8);
    const m = mlp();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const events: string[] = [];
    await m.fit(x, y, {
      epochs: 2,
      batchSize: 15,
      verbose: 0,
      callbacks: [{ onTrainBegin: () => void events.push('train'), onEpochEnd: async (e, logs) => void events.push(`epoch${e}:${logs?.loss !== undefined}`), onBatchEnd: (b) => void events.push(`b${b}`) }],
    });
    expect(events).toEqual(['train', 'b0', 'b1', 'epoch0:true', 'b0', 'b1', 'epoch1:true']);
  });

  it('stops with NN_NON_FINITE_LOSS naming the epoch and batch when the loss diverges', async () => {
    const x = tensor2d([[1e30], [2e30], [3e30], [4e30]]);
    const y = tensor2d([[1], [2], [3], [4]]);
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const err = await m.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, shuffle: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NorthstarError);
    expect((err as NorthstarError).code).toBe('NN_NON_FINITE_LOSS');
    expect((err as NorthstarError).message).toMatch(/epoch 1, batch 1 of 2/);
  });

  it('rejects NaN inputs, mismatched counts and uncompiled models with coded errors', async () => {
    const m = mlp();
    const x = tensor2d([[0, Number.NaN]]);
    const y = tensor2d([[1, 0, 0]]);
    await expect(m.fit(x, y)).rejects.toMatchObject({ code: 'NN_NOT_COMPILED' });
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    await expect(m.fit(x, y)).rejects.toMatchObject({ code: 'NN_INVALID_DATA' });
    await expect(m.fit(tensor2d([[0, 1], [1, 0]]), y)).rejects.toMatchObject({ code: 'NN_INVALID_DATA' });
  });

  it('summary lists layers, output shapes and parameter counts', () => {
    const m = sequential({
      layers: [
        layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.batchNormalization(),
        layers.flatten(),
        layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const lines: string[] = [];
    m.summary(undefined, undefined, (l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/\(Conv2D\)\s+\[null,6,6,4\]\s+40/);
    expect(text).toMatch(/\(MaxPooling2D\)\s+\[null,3,3,4\]\s+0/);
    expect(text).toMatch(/\(BatchNormalization\)\s+\[null,3,3,4\]\s+16/);
    expect(text).toMatch(/\(Dense\)\s+\[null,10\]\s+370/);
    expect(text).toContain('Total params: 426');
    expect(text).toContain('Non-trainable params: 8');
  });
});
