/** 1-D convolution layer (channels-last), for text and sequences. */
import type { Rng } from '../../common/rng.js';
import { applyActivation, parseActivation, type ActivationName } from '../activations.js';
import { windowOutput } from '../backends/backend.js';
import { getInitializer, glorotUniform, zerosInit, type Initializer, type InitializerName } from '../initializers.js';
import { conv1d } from '../ops/conv1d.js';
import type { Padding } from '../ops/window.js';
import { getRegularizer, type Regularizer } from '../regularizers.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** TensorFlow.js `ConvLayerArgs` for `tf.layers.conv1d` (the subset Northstar implements; channels-last). */
export interface Conv1DArgs extends LayerArgs {
  filters: number;
  kernelSize: number;
  strides?: number;
  padding?: Padding;
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerName | Initializer;
  biasInitializer?: InitializerName | Initializer;
  kernelRegularizer?: 'l1' | 'l2' | 'l1l2' | Regularizer;
}

/** Conv1D: kernel [kernelSize, inChannels, filters]; [steps, channels] in, [outSteps, filters] out. */
export class Conv1D extends Layer {
  readonly className = 'Conv1D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: Padding;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  private readonly kernelInit: Initializer;
  private readonly biasInit: Initializer;
  private readonly kernelReg: Regularizer | undefined;
  kernel: Tensor | undefined;
  bias: Tensor | undefined;

  constructor(args: Conv1DArgs) {
    super(args, 'conv1d');
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? 'valid';
    this.activation = parseActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInit = getInitializer(args.kernelInitializer, glorotUniform);
    this.biasInit = getInitializer(args.biasInitializer, zerosInit);
    this.kernelReg = getRegularizer(args.kernelRegularizer);
  }

  protected override buildWeights(inputShape: readonly number[], rng: Rng): void {
    const channels = inputShape[1]!;
    this.kernel = this.addWeight('kernel', [this.kernelSize, channels, this.filters], this.kernelInit, rng, { regularizer: this.kernelReg });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInit, rng);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    // Bias and element-wise activations run inside the conv node, as in Conv2D; softmax stays separate.
    const fused = this.activation === 'softmax' ? 'linear' : this.activation;
    const y = conv1d(x, this.kernel!, { stride: this.strides, padding: this.padding, bias: this.bias ?? null, activation: fused });
    return this.activation === 'softmax' ? applyActivation(y, 'softmax') : y;
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [windowOutput(inputShape[0]!, this.kernelSize, this.strides, this.padding).out, this.filters];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInit.className,
    };
  }
}
