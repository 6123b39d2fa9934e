/**
 * The layer contract, after TensorFlow.js' `Layer`: an Args interface with defaults, `build` (creates the
 * weights once the input shape is known), `call` (the forward pass on tensors with autograd) and
 * `getConfig`. Shapes exclude the batch axis.
 */
import type { Rng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import type { Regularizer } from '../regularizers.js';
import { Tensor } from '../tensor.js';
import type { Initializer } from '../initializers.js';
import { fans } from '../initializers.js';

/** Arguments every layer accepts. */
export interface LayerArgs {
  name?: string;
  /** Input shape without the batch axis; needed on the first layer of a model. */
  inputShape?: readonly number[];
  /** Input shape with a leading batch size (TensorFlow.js); the batch size is ignored. */
  batchInputShape?: readonly (number | null)[];
  trainable?: boolean;
}

/** Per-call state: training mode (dropout, batch statistics) and the run's generator. */
export interface CallContext {
  training: boolean;
  rng: Rng;
}

const counters = new Map<string, number>();

/** Keras-style unique names: dense, dense_1, dense_2, ... per process. */
function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** A weight with its optional regulariser. */
export interface LayerWeight {
  tensor: Tensor;
  trainable: boolean;
  regularizer: Regularizer | undefined;
}

/** Base class of every layer. */
export abstract class Layer {
  abstract readonly className: string;
  readonly name: string;
  readonly inputShape: readonly number[] | undefined;
  trainable: boolean;
  built = false;
  protected readonly weightList: LayerWeight[] = [];

  constructor(args: LayerArgs, snakeName: string) {
    this.name = args.name ?? uniqueName(snakeName);
    this.inputShape = args.inputShape ?? (args.batchInputShape ? (args.batchInputShape.slice(1) as number[]) : undefined);
    this.trainable = args.trainable ?? true;
  }

  /** Creates the weights for `inputShape` (no batch axis). Called once, by the model. */
  build(inputShape: readonly number[], rng: Rng): void {
    this.buildWeights(inputShape, rng);
    this.built = true;
  }

  /** Subclasses create their weights here; the default has none. */
  protected buildWeights(_inputShape: readonly number[], _rng: Rng): void {}

  /** Adds a weight filled by `init`. */
  protected addWeight(name: string, shape: readonly number[], init: Initializer, rng: Rng, options: { trainable?: boolean; regularizer?: Regularizer | undefined } = {}): Tensor {
    const { fanIn, fanOut } = fans(shape);
    const size = shape.reduce((a, b) => a * b, 1);
    const trainable = options.trainable ?? true;
    const t = new Tensor(init.init(size, fanIn, fanOut, rng), shape, { requiresGrad: trainable, variable: true, name: `${this.name}/${name}` });
    this.weightList.push({ tensor: t, trainable, regularizer: options.regularizer });
    return t;
  }

  /** The forward pass; `x` has a leading batch axis. */
  abstract call(x: Tensor, ctx: CallContext): Tensor;

  /** Output shape (no batch axis) for an input shape. */
  abstract computeOutputShape(inputShape: readonly number[]): number[];

  /** Layer hyper-parameters as JSON (save format, summary). */
  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: this.trainable, ...(this.inputShape ? { inputShape: [...this.inputShape] } : {}) };
  }

  /** All weights, trainable first, in creation order. */
  get weights(): readonly LayerWeight[] {
    return this.weightList;
  }

  /** The tensors the optimiser updates. */
  trainableWeights(): Tensor[] {
    return this.trainable ? this.weightList.filter((w) => w.trainable).map((w) => w.tensor) : [];
  }

  /** Total number of weight values. */
  countParams(): number {
    return this.weightList.reduce((n, w) => n + w.tensor.size, 0);
  }

  /** Copies of the weight values, in {@link weights} order. */
  getWeights(): Float32Array[] {
    return this.weightList.map((w) => w.tensor.data.slice());
  }

  /** Overwrites the weight values (same order and sizes as {@link getWeights}). */
  setWeights(values: readonly Float32Array[]): void {
    if (values.length !== this.weightList.length) {
      throw new NorthstarError('NN_SHAPE_MISMATCH', `${this.name} has ${this.weightList.length} weights, got ${values.length}`);
    }
    values.forEach((v, i) => {
      const t = this.weightList[i]!.tensor;
      if (v.length !== t.size) throw new NorthstarError('NN_SHAPE_MISMATCH', `${t.name} needs ${t.size} values, got ${v.length}`);
      t.data.set(v);
    });
  }
}
