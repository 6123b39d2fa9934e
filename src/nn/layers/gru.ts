/** GRU layer (Keras `GRU` with `reset_after=True`, tanh candidate and sigmoid gates) on the fused gru op. */
import type { Rng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import { getInitializer, glorotUniform, zerosInit, type Initializer, type InitializerName } from '../initializers.js';
import { gru } from '../ops/gru.js';
import { getRegularizer, type Regularizer } from '../regularizers.js';
import { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';
import { orthogonalInit } from './orthogonal-initializer.js';

/** TensorFlow.js `GRULayerArgs` (the subset Northstar implements). */
export interface GRUArgs extends LayerArgs {
  units: number;
  /** Every step's state [steps, units] (true) or only the last one [units] (false, the default, as Keras). */
  returnSequences?: boolean;
  /** Read the sequence from its end; with `returnSequences` the states come in reading order, as Keras. */
  goBackwards?: boolean;
  /** Only `tanh` is implemented (Keras' default). */
  activation?: string;
  /** Only `sigmoid` is implemented (Keras 2 / TF2's default). */
  recurrentActivation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerName | Initializer;
  /** Default `orthogonal`, as Keras. */
  recurrentInitializer?: InitializerName | 'orthogonal' | Initializer;
  biasInitializer?: InitializerName | Initializer;
  kernelRegularizer?: 'l1' | 'l2' | 'l1l2' | Regularizer;
  recurrentRegularizer?: 'l1' | 'l2' | 'l1l2' | Regularizer;
}

function recurrentInit(v: GRUArgs['recurrentInitializer']): Initializer {
  if (v === undefined || (typeof v === 'string' && v.toLowerCase() === 'orthogonal')) return orthogonalInit();
  return getInitializer(v, orthogonalInit);
}

/**
 * GRU: [steps, features] → [steps, units] or [units]. Weights `kernel` [features, 3u], `recurrent_kernel`
 * [u, 3u] and `bias` [2, 3u] (input and recurrent rows), gate order z, r, h: Keras' layout, so weights load
 * across. Every row runs all steps (the sequential model has no mask yet); call the `gru` op directly with
 * `lengths` for padded batches.
 */
export class GRU extends Layer {
  readonly className = 'GRU';
  readonly units: number;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly useBias: boolean;
  private readonly kernelInit: Initializer;
  private readonly recurrentInit: Initializer;
  private readonly biasInit: Initializer;
  private readonly kernelReg: Regularizer | undefined;
  private readonly recurrentReg: Regularizer | undefined;
  kernel: Tensor | undefined;
  recurrentKernel: Tensor | undefined;
  bias: Tensor | undefined;

  constructor(args: GRUArgs) {
    super(args, 'gru');
    if (!Number.isInteger(args.units) || args.units < 1) throw new NorthstarError('INVALID_ARGUMENT', `GRU units must be a positive integer, got ${args.units}`);
    if ((args.activation ?? 'tanh') !== 'tanh') throw new NorthstarError('INVALID_ARGUMENT', `GRU supports activation "tanh" only, got "${args.activation}"`);
    const ra = args.recurrentActivation ?? 'sigmoid';
    if (ra !== 'sigmoid') throw new NorthstarError('INVALID_ARGUMENT', `GRU supports recurrentActivation "sigmoid" only, got "${ra}"`);
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.useBias = args.useBias ?? true;
    this.kernelInit = getInitializer(args.kernelInitializer, glorotUniform);
    this.recurrentInit = recurrentInit(args.recurrentInitializer);
    this.biasInit = getInitializer(args.biasInitializer, zerosInit);
    this.kernelReg = getRegularizer(args.kernelRegularizer);
    this.recurrentReg = getRegularizer(args.recurrentRegularizer);
  }

  protected override buildWeights(inputShape: readonly number[], rng: Rng): void {
    if (inputShape.length !== 2) throw new NorthstarError('NN_SHAPE_MISMATCH', `${this.name} needs [steps, features] inputs, got [${inputShape.join(', ')}]`);
    const g = 3 * this.units;
    this.kernel = this.addWeight('kernel', [inputShape[1]!, g], this.kernelInit, rng, { regularizer: this.kernelReg });
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, g], this.recurrentInit, rng, { regularizer: this.recurrentReg });
    // Without a bias the op still takes one: a constant zero tensor that is not a weight.
    this.bias = this.useBias ? this.addWeight('bias', [2, g], this.biasInit, rng) : new Tensor(new Float32Array(2 * g), [2, g]);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return gru(x, this.kernel!, this.recurrentKernel!, this.bias!, {
      reverse: this.goBackwards,
      returnSequences: this.returnSequences,
      outputOrder: 'processing',
    });
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return this.returnSequences ? [inputShape[0]!, this.units] : [this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      useBias: this.useBias,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      kernelInitializer: this.kernelInit.className,
      recurrentInitializer: this.recurrentInit.className,
    };
  }
}
