/** Activation layer. */
import { applyActivation, parseActivation, type ActivationName } from '../activations.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** TensorFlow.js `ActivationLayerArgs`; `alpha` is the leaky-ReLU slope. */
export interface ActivationArgs extends LayerArgs {
  activation: string;
  alpha?: number;
}

/** Applies an activation as a separate layer. */
export class ActivationLayer extends Layer {
  readonly className = 'Activation';
  readonly activation: ActivationName;
  readonly alpha: number;

  constructor(args: ActivationArgs) {
    super(args, 'activation');
    this.activation = parseActivation(args.activation);
    this.alpha = args.alpha ?? 0.2;
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return applyActivation(x, this.activation, this.alpha);
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: this.activation, alpha: this.alpha };
  }
}
