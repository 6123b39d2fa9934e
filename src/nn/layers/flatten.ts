/** Flatten layer. */
import { reshape } from '../ops/reshape.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** [batch, ...] → [batch, product of the rest]. */
export class Flatten extends Layer {
  readonly className = 'Flatten';

  constructor(args: LayerArgs = {}) {
    super(args, 'flatten');
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return reshape(x, [x.shape[0]!, -1]);
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [inputShape.reduce((a, b) => a * b, 1)];
  }
}
