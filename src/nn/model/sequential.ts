/**
 * The Sequential model (TensorFlow.js `tf.sequential`): a stack of layers with `compile`, `fit`,
 * `evaluate`, `predict` and `summary`. Deterministic under `seed`: weight initialisation, shuffling and
 * dropout all draw from generators derived from it.
 */
import { NorthstarError } from '../../common/errors.js';
import { createRng, type Rng } from '../../common/rng.js';
import { Dense } from '../layers/dense.js';
import { ActivationLayer } from '../layers/activation.js';
import type { CallContext, Layer } from '../layers/layer.js';
import { getLoss, type Loss } from '../losses.js';
import { getOptimizer, type Optimizer } from '../optimizers/index.js';
import { noGrad, tidy, Tensor } from '../tensor.js';
import type { TrainingModel } from '../callbacks/callback.js';
import { accuracyKind, MetricAccumulator, parseMetrics } from './metric-accumulator.js';
import { assertSameCount, BatchBuffers, gatherRows, rowSize } from './batches.js';
import type { Compiled } from './compiled.js';
import { fitModel, type FitArgs, type History } from './fit.js';
import { formatSummary, summaryRows } from './summary.js';

/** `tf.sequential` arguments, plus the seed Northstar adds. */
export interface SequentialArgs {
  layers?: Layer[];
  name?: string;
  /** Seeds initialisation, shuffling and dropout (default 42). */
  seed?: number;
}

/** `model.compile` arguments. */
export interface CompileArgs {
  optimizer: string | Optimizer;
  loss: string | Loss;
  metrics?: string[];
}

/** A linear stack of layers. */
export class Sequential implements TrainingModel {
  readonly name: string;
  readonly layers: Layer[] = [];
  stopTraining = false;
  private readonly rng: Rng;
  private compiled: Compiled | undefined;
  private shapes: number[][] = [];
  private builtInput: number[] | undefined;

  constructor(args: SequentialArgs = {}) {
    this.name = args.name ?? 'sequential';
    this.rng = createRng(args.seed ?? 42);
    for (const l of args.layers ?? []) this.add(l);
  }

  /** Appends a layer; builds it at once when the input shape is known. */
  add(layer: Layer): void {
    const first = this.layers.length === 0;
    this.layers.push(layer);
    if (first && layer.inputShape !== undefined) this.build(layer.inputShape);
    else if (this.shapes.length > 0) this.buildFrom(this.layers.length - 1, this.shapes[this.shapes.length - 1]!);
  }

  /** Builds every layer for an input shape without the batch axis. */
  build(inputShape: readonly number[]): void {
    this.builtInput = [...inputShape];
    this.shapes = [];
    this.buildFrom(0, inputShape);
  }

  private buildFrom(start: number, inputShape: readonly number[]): void {
    let shape = [...inputShape];
    for (let i = start; i < this.layers.length; i++) {
      const layer = this.layers[i]!;
      if (!layer.built) layer.build(shape, this.rng);
      shape = layer.computeOutputShape(shape);
      this.shapes[i] = shape;
    }
  }

  /** The input shape the model was built for (no batch axis). */
  get inputShape(): readonly number[] | undefined {
    return this.builtInput ?? this.layers[0]?.inputShape;
  }

  /** The output shape (no batch axis). */
  get outputShape(): readonly number[] {
    return this.shapes[this.shapes.length - 1] ?? [];
  }

  /** Sets optimiser, loss and metrics; fuses a softmax/sigmoid output into a cross-entropy loss. */
  compile(args: CompileArgs): void {
    const loss = getLoss(args.loss);
    const last = this.layers[this.layers.length - 1];
    const lastAct = last instanceof Dense || last instanceof ActivationLayer ? last.activation : undefined;
    const fused = !loss.fromLogits && loss.fusesActivation !== null && lastAct === loss.fusesActivation;
    this.compiled = {
      optimizer: getOptimizer(args.optimizer),
      loss,
      trainLoss: fused ? loss.withLogits() : loss,
      fused,
      metrics: parseMetrics(args.metrics),
    };
  }

  /** The compiled configuration, or NN_NOT_COMPILED. */
  requireCompiled(): Compiled {
    if (this.compiled === undefined) throw new NorthstarError('NN_NOT_COMPILED', `model "${this.name}" is not compiled`);
    return this.compiled;
  }

  /** Builds lazily from data when no layer declared an input shape. */
  ensureBuilt(x: Tensor): void {
    if (this.shapes.length === this.layers.length && this.layers.every((l) => l.built)) return;
    this.build(x.shape.slice(1));
  }

  /**
   * The forward pass. With `logits`, a fused output activation is skipped so a from-logits loss can read
   * the pre-activation values. Intermediate results of inference are disposed as soon as they are used.
   */
  forward(x: Tensor, ctx: CallContext, logits = false): Tensor {
    let h = x;
    this.layers.forEach((layer, i) => {
      const isLast = i === this.layers.length - 1;
      let next: Tensor;
      if (isLast && logits && layer instanceof Dense) next = layer.callLogits(h);
      else if (isLast && logits && layer instanceof ActivationLayer) next = h;
      else next = layer.call(h, ctx);
      if (!ctx.training && h !== x && next !== h) h.dispose();
      h = next;
    });
    return h;
  }

  /** Trains the model (see {@link FitArgs}); resolves to the per-epoch history. */
  fit(x: Tensor, y: Tensor, args: FitArgs = {}): Promise<History> {
    return fitModel(this, x, y, args);
  }

  /** Loss and metrics over (x, y) by batches: TensorFlow.js returns scalars; so does this. */
  evaluate(x: Tensor, y: Tensor, args: { batchSize?: number } = {}): Tensor | Tensor[] {
    const values = this.evaluateValues(x, y, args.batchSize ?? 32);
    const scalars = Object.values(values).map((v) => new Tensor(new Float32Array([v]), []));
    return scalars.length === 1 ? scalars[0]! : scalars;
  }

  /** Loss and metrics over (x, y) as plain numbers keyed by Keras name (`loss`, `accuracy`, ...). */
  evaluateValues(x: Tensor, y: Tensor, batchSize = 32, prefix = ''): Record<string, number> {
    const c = this.requireCompiled();
    assertSameCount(x, y);
    this.ensureBuilt(x);
    const n = x.shape[0]!;
    const acc = new MetricAccumulator(c.metrics, accuracyKind(c.loss.name, rowSize(y) || 1));
    const ctx: CallContext = { training: false, rng: this.rng };
    const xbs = new BatchBuffers(x);
    const ybs = new BatchBuffers(y);
    noGrad(() => {
      for (let start = 0; start < n; start += batchSize) {
        const rows = Math.min(batchSize, n - start);
        const xb = xbs.get(rows);
        const yb = ybs.get(rows);
        gatherRows(x, null, start, rows, xb);
        gatherRows(y, null, start, rows, yb);
        tidy(() => {
          const out = this.forward(xb, ctx, c.fused);
          const loss = c.trainLoss.compute(out, yb);
          acc.add(loss.data[0]!, out.data, yb.data, rows, c.fused);
        });
      }
    });
    return acc.result(prefix);
  }

  /** Outputs for x (with the output activation applied), computed in batches without a graph. */
  predict(x: Tensor, args: { batchSize?: number } = {}): Tensor {
    this.ensureBuilt(x);
    const batchSize = args.batchSize ?? 32;
    const n = x.shape[0]!;
    const width = this.outputShape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n * width);
    const ctx: CallContext = { training: false, rng: this.rng };
    const xbs = new BatchBuffers(x);
    noGrad(() => {
      for (let start = 0; start < n; start += batchSize) {
        const rows = Math.min(batchSize, n - start);
        const xb = xbs.get(rows);
        gatherRows(x, null, start, rows, xb);
        tidy(() => {
          const y = this.forward(xb, ctx);
          out.set(y.data, start * width);
        });
      }
    });
    return new Tensor(out, [n, ...this.outputShape]);
  }

  /** Prints (or returns, with `print`) the layer table. */
  summary(lineLength?: number, _positions?: number[], print: (line: string) => void = console.log): void {
    for (const line of formatSummary(this.name, summaryRows(this.layers, this.shapes), lineLength)) print(line);
  }

  /** Number of weight values in all layers. */
  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  /** The parameters the optimiser updates. */
  trainableWeights(): Tensor[] {
    return this.layers.flatMap((l) => l.trainableWeights());
  }

  /** The weight tensors of every layer (TensorFlow.js `getWeights`; these are the live variables). */
  getWeights(): Tensor[] {
    return this.layers.flatMap((l) => l.weights.map((w) => w.tensor));
  }

  /** Overwrites all weights from tensors in {@link getWeights} order. */
  setWeights(weights: readonly Tensor[]): void {
    this.setWeightValues(weights.map((w) => w.data));
  }

  /** Copies of every weight's values. */
  getWeightValues(): Float32Array[] {
    return this.layers.flatMap((l) => l.getWeights());
  }

  /** Overwrites every weight's values. */
  setWeightValues(values: readonly Float32Array[]): void {
    let i = 0;
    for (const l of this.layers) {
      const n = l.weights.length;
      l.setWeights(values.slice(i, i + n));
      i += n;
    }
  }

  /** A generator forked from the model's (one per fit call, so runs are reproducible). */
  forkRng(): Rng {
    return this.rng.fork();
  }

  /** Releases nothing (weights are ordinary arrays); kept for TensorFlow.js compatibility. */
  dispose(): void {}
}

/** `tf.sequential({ layers })`. */
export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}
