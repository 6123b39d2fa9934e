/** Dense (fully connected) layer: act(x·W + b). */
import type { Rng } from '../../common/rng.js';
import { parseActivation, type ActivationName } from '../activations.js';
import { getInitializer, zerosInit, glorotUniform, type Initializer, type InitializerName } from '../initializers.js';
import { dense as denseOp } from '../ops/dense.js';
import { softmax } from '../ops/softmax.js';
import { reshape } from '../ops/reshape.js';
import { getRegularizer, type Regularizer } from '../regularizers.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';
import { shapeError } from '../ops/util.js';

/** TensorFlow.js `DenseLayerArgs` (the subset Northstar implements). */
export interface DenseArgs extends LayerArgs {
  units: number;
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerName | Initializer;
  biasInitializer?: InitializerName | Initializer;
  kernelRegularizer?: 'l1' | 'l2' | 'l1l2' | Regularizer;
  biasRegularizer?: 'l1' | 'l2' | 'l1l2' | Regularizer;
}

/** Dense layer; inputs of rank > 2 are applied along the last axis. */
export class Dense extends Layer {
  readonly className = 'Dense';
  readonly units: number;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  private readonly kernelInit: Initializer;
  private readonly biasInit: Initializer;
  private readonly kernelReg: Regularizer | undefined;
  private readonly biasReg: Regularizer | undefined;
  kernel: Tensor | undefined;
  bias: Tensor | null = null;

  constructor(args: DenseArgs) {
    super(args, 'dense');
    this.units = args.units;
    this.activation = parseActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInit = getInitializer(args.kernelInitializer, glorotUniform);
    this.biasInit = getInitializer(args.biasInitializer, zerosInit);
    this.kernelReg = getRegularizer(args.kernelRegularizer);
    this.biasReg = getRegularizer(args.biasRegularizer);
  }

  protected override buildWeights(inputShape: readonly number[], rng: Rng): void {
    const inDim = inputShape[inputShape.length - 1]!;
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInit, rng, { regularizer: this.kernelReg });
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInit, rng, { regularizer: this.biasReg });
  }

  /** The output before a softmax/sigmoid activation: the model feeds it to a from-logits loss. */
  callLogits(x: Tensor): Tensor {
    return this.forward(x, true);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.forward(x, false);
  }

  private forward(x: Tensor, logits: boolean): Tensor {
    const kernel = this.kernel!;
    const inDim = kernel.shape[0]!;
    if (x.shape[x.rank - 1] !== inDim) throw shapeError(this.name, `expects last axis ${inDim}`, x);
    const flat = x.rank === 2 ? x : reshape(x, [-1, inDim]);
    const act = this.activation;
    // In logits mode (the model pairs a softmax/sigmoid output with a from-logits loss) the activation is skipped.
    const fusedAct = logits || act === 'softmax' ? 'linear' : act;
    let y = denseOp(flat, kernel, this.bias, fusedAct);
    if (act === 'softmax' && !logits) y = softmax(y);
    return x.rank === 2 ? y : reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInit.className,
      ...(this.kernelReg ? { kernelRegularizer: { className: this.kernelReg.className, config: this.kernelReg.getConfig() } } : {}),
    };
  }
}
