/** GlobalMaxPooling1D layer. */
import { globalMaxPool1d } from '../ops/global-max-pool1d.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** Max over the steps: [steps, channels] → [channels] (the pooling of a TextCNN). */
export class GlobalMaxPooling1D extends Layer {
  readonly className = 'GlobalMaxPooling1D';

  constructor(args: LayerArgs = {}) {
    super(args, 'global_max_pooling1d');
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return globalMaxPool1d(x);
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return [inputShape[1]!];
  }
}
