/** GlobalAveragePooling2D layer. */
import { globalAvgPool } from '../ops/global-avg-pool.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** Mean over the spatial axes: [h, w, c] → [c]. */
export class GlobalAveragePooling2D extends Layer {
  readonly className = 'GlobalAveragePooling2D';

  constructor(args: LayerArgs = {}) {
    super(args, 'global_average_pooling2d');
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return globalAvgPool(x);
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [inputShape[2]!];
  }
}
