/** 2-D convolution layer (channels-last). */
import type { Rng } from '../../common/rng.js';
import { applyActivation, parseActivation, type ActivationName } from '../activations.js';
import { windowOutput } from '../backends/backend.js';
import { getInitializer, glorotUniform, zerosInit, type Initializer, type InitializerName } from '../initializers.js';
import { conv2d } from '../ops/conv2d.js';
import { pair, type Padding, type Size2 } from '../ops/window.js';
import { getRegularizer, type Regularizer } from '../regularizers.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** TensorFlow.js `ConvLayerArgs` (the subset Northstar implements; dataFormat is always channelsLast). */
export interface Conv2DArgs extends LayerArgs {
  filters: number;
  kernelSize: Size2;
  strides?: Size2;
  padding?: Padding;
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerName | Initializer;
  biasInitializer?: InitializerName | Initializer;
  kernelRegularizer?: 'l1' | 'l2' | 'l1l2' | Regularizer;
}

/** Conv2D: kernel [kh, kw, inChannels, filters], NHWC in and out. */
export class Conv2D extends Layer {
  readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  private readonly kernelInit: Initializer;
  private readonly biasInit: Initializer;
  private readonly kernelReg: Regularizer | undefined;
  kernel: Tensor | undefined;
  bias: Tensor | undefined;

  constructor(args: Conv2DArgs) {
    super(args, 'conv2d');
    this.filters = args.filters;
    this.kernelSize = pair(args.kernelSize);
    this.strides = pair(args.strides ?? 1);
    this.padding = args.padding ?? 'valid';
    this.activation = parseActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInit = getInitializer(args.kernelInitializer, glorotUniform);
    this.biasInit = getInitializer(args.biasInitializer, zerosInit);
    this.kernelReg = getRegularizer(args.kernelRegularizer);
  }

  protected override buildWeights(inputShape: readonly number[], rng: Rng): void {
    const channels = inputShape[2]!;
    this.kernel = this.addWeight('kernel', [...this.kernelSize, channels, this.filters], this.kernelInit, rng, { regularizer: this.kernelReg });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInit, rng);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    // Bias and element-wise activations run inside the conv node; softmax (rare here) stays separate.
    const fused = this.activation === 'softmax' ? 'linear' : this.activation;
    const y = conv2d(x, this.kernel!, { strides: this.strides, padding: this.padding, bias: this.bias ?? null, activation: fused });
    return this.activation === 'softmax' ? applyActivation(y, 'softmax') : y;
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    const h = windowOutput(inputShape[0]!, this.kernelSize[0], this.strides[0], this.padding).out;
    const w = windowOutput(inputShape[1]!, this.kernelSize[1], this.strides[1], this.padding).out;
    return [h, w, this.filters];
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
