/** Dropout layer (active only while training). */
import { dropout } from '../ops/dropout.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** TensorFlow.js `DropoutLayerArgs`. */
export interface DropoutArgs extends LayerArgs {
  rate: number;
}

/** Inverted dropout: identity at inference. */
export class Dropout extends Layer {
  readonly className = 'Dropout';
  readonly rate: number;

  constructor(args: DropoutArgs) {
    super(args, 'dropout');
    this.rate = args.rate;
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    return ctx.training && this.rate > 0 ? dropout(x, this.rate, ctx.rng) : x;
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate };
  }
}
