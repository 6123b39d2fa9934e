/**
 * The training loop behind `model.fit`: shuffled mini-batches copied into reused buffers, forward pass
 * (on logits when the output activation is fused into the loss), backward, regularisers, optimiser step,
 * then the whole step graph is released back to the buffer pool. Keras-style per-epoch lines; NaN/Inf in
 * the loss stops training with NN_NON_FINITE_LOSS naming the epoch and batch.
 */
import { NorthstarError } from '../../common/errors.js';
import type { Progress } from '../../common/progress.js';
import { CallbackList, type CallbackHooks, type Logs } from '../callbacks/callback.js';
import type { Callback } from '../callbacks/callback.js';
import { tidy, type Tensor } from '../tensor.js';
import { assertFinite, assertSameCount, BatchBuffers, gatherRows, rowSize, sliceRows } from './batches.js';
import { formatEpochLine, formatProgressBar } from './fit-format.js';
import { accuracyKind, MetricAccumulator } from './metric-accumulator.js';
import type { CallContext, Layer } from '../layers/layer.js';
import type { Rng } from '../../common/rng.js';
import type { TrainingModel } from '../callbacks/callback.js';
import type { Compiled } from './compiled.js';

/** What the fit loop needs from a model (Sequential implements it; kept as an interface to avoid a cycle). */
export interface FitTarget extends TrainingModel {
  readonly layers: readonly Layer[];
  requireCompiled(): Compiled;
  ensureBuilt(x: Tensor): void;
  forward(x: Tensor, ctx: CallContext, logits?: boolean): Tensor;
  forkRng(): Rng;
  trainableWeights(): Tensor[];
  evaluateValues(x: Tensor, y: Tensor, batchSize?: number, prefix?: string): Record<string, number>;
}

/** `model.fit` arguments (TensorFlow.js names). */
export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  /** Fraction of the samples, taken from the end before shuffling (as Keras), held out for validation. */
  validationSplit?: number;
  validationData?: readonly [Tensor, Tensor];
  shuffle?: boolean;
  callbacks?: ReadonlyArray<CallbackHooks | Callback>;
  /** 0 silent, 1 epoch lines plus a progress bar on a TTY, 2 epoch lines only. */
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  /** Where epoch lines go (default console.log). */
  log?: (line: string) => void;
  /** Progress reporting for jobs and the CLI (one tick per batch). */
  progress?: Progress;
  /** Transforms each training batch in place before the forward pass (see `data.createAugmenter`). */
  augment?: (batch: Tensor, rng: Rng) => void;
}

/** What fit resolves to (TensorFlow.js `History`). */
export interface History {
  epoch: number[];
  history: Record<string, number[]>;
  params: { epochs: number; samples: number; steps: number; batchSize: number };
}

/** Runs `fit`; see {@link FitArgs}. */
export async function fitModel(model: FitTarget, xAll: Tensor, yAll: Tensor, args: FitArgs): Promise<History> {
  const c = model.requireCompiled();
  assertSameCount(xAll, yAll);
  assertFinite(xAll, 'x');
  assertFinite(yAll, 'y');
  model.ensureBuilt(xAll);
  const epochs = args.epochs ?? 1;
  const batchSize = Math.max(1, args.batchSize ?? 32);
  const verbose = args.verbose ?? 1;
  const log = args.log ?? ((line: string) => console.log(line));

  let x = xAll;
  let y = yAll;
  let validation = args.validationData;
  const split = args.validationSplit ?? 0;
  if (validation === undefined && split > 0) {
    if (!(split < 1)) throw new NorthstarError('INVALID_ARGUMENT', `validationSplit must be in (0, 1), got ${split}`);
    const total = xAll.shape[0]!;
    const trainCount = Math.floor(total * (1 - split));
    if (trainCount <= 0 || trainCount >= total) throw new NorthstarError('NN_INVALID_DATA', `validationSplit ${split} of ${total} samples leaves an empty set`);
    x = sliceRows(xAll, 0, trainCount);
    y = sliceRows(yAll, 0, trainCount);
    validation = [sliceRows(xAll, trainCount, total - trainCount), sliceRows(yAll, trainCount, total - trainCount)];
  }
  if (validation) assertSameCount(validation[0], validation[1]);

  const n = x.shape[0]!;
  if (n === 0) throw new NorthstarError('NN_INVALID_DATA', 'fit() needs at least one training sample');
  const steps = Math.ceil(n / batchSize);
  const rng = model.forkRng();
  const order = new Int32Array(n).map((_, i) => i);
  const xbs = new BatchBuffers(x);
  const ybs = new BatchBuffers(y);
  const params = model.trainableWeights();
  const regularized = model.layers.flatMap((l) => l.weights.filter((w) => w.regularizer !== undefined && w.trainable && l.trainable));
  const kind = accuracyKind(c.loss.name, rowSize(y) || 1);
  const callbacks = new CallbackList(args.callbacks ?? [], model);
  const history: History = { epoch: [], history: {}, params: { epochs, samples: n, steps, batchSize } };
  const bar = verbose === 1 && args.log === undefined && process.stdout.isTTY === true;

  model.stopTraining = false;
  args.progress?.start(epochs * steps, 'train');
  await callbacks.call('onTrainBegin', {});
  for (let epoch = args.initialEpoch ?? 0; epoch < epochs && !model.stopTraining; epoch++) {
    await callbacks.call('onEpochBegin', epoch, {});
    if (verbose > 0) log(`Epoch ${epoch + 1}/${epochs}`);
    if (args.shuffle ?? true) shuffleInPlace(order, rng);
    const acc = new MetricAccumulator(c.metrics, kind);
    const started = performance.now();
    for (let step = 0; step < steps; step++) {
      await callbacks.call('onBatchBegin', step, {});
      const start = step * batchSize;
      const rows = Math.min(batchSize, n - start);
      const xb = xbs.get(rows);
      const yb = ybs.get(rows);
      gatherRows(x, order, start, rows, xb);
      gatherRows(y, order, start, rows, yb);
      args.augment?.(xb, rng);
      const loss = tidy(() => {
        const out = model.forward(xb, { training: true, rng }, c.fused);
        const lossT = c.trainLoss.compute(out, yb);
        let value = lossT.data[0]!;
        for (const w of regularized) value += w.regularizer!.penalty(w.tensor.data);
        if (!Number.isFinite(value)) {
          throw new NorthstarError('NN_NON_FINITE_LOSS', `Training stopped: the loss became ${value} at epoch ${epoch + 1}, batch ${step + 1} of ${steps}`, {
            details: { epoch: epoch + 1, batch: step + 1, loss: String(value) },
          });
        }
        lossT.backward();
        for (const w of regularized) w.regularizer!.addGradient(w.tensor.data, w.tensor.ensureGrad());
        c.optimizer.step(params);
        for (const p of params) p.zeroGrad();
        acc.add(value, out.data, yb.data, rows, c.fused);
        return value;
      });
      const batchLogs: Logs = { batch: step, size: rows, loss };
      await callbacks.call('onBatchEnd', step, batchLogs);
      args.progress?.tick(1, { epoch: epoch + 1, loss });
      if (bar) process.stdout.write(`\r${formatProgressBar(step + 1, steps, performance.now() - started, acc.result())}`);
      if (model.stopTraining) break;
    }
    const logs: Logs = acc.result();
    if (validation) Object.assign(logs, model.evaluateValues(validation[0], validation[1], batchSize, 'val_'));
    if (bar) process.stdout.write('\n');
    if (verbose > 0) log(formatEpochLine(steps, performance.now() - started, logs));
    history.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (history.history[k] ??= []).push(v);
    await callbacks.call('onEpochEnd', epoch, logs);
  }
  await callbacks.call('onTrainEnd', {});
  args.progress?.finish({ epochs: history.epoch.length });
  return history;
}

function shuffleInPlace(a: Int32Array, rng: { next(): number }): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
