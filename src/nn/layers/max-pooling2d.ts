/** MaxPooling2D layer. */
import { maxPool2d } from '../ops/max-pool2d.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext } from './layer.js';
import { poolingGeometry, poolingOutputShape, type Pooling2DArgs } from './pooling2d.js';

/** Max over windows of an NHWC input. */
export class MaxPooling2D extends Layer {
  readonly className = 'MaxPooling2D';
  private readonly geom: ReturnType<typeof poolingGeometry>;

  constructor(args: Pooling2DArgs = {}) {
    super(args, 'max_pooling2d');
    this.geom = poolingGeometry(args);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return maxPool2d(x, this.geom);
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return poolingOutputShape(inputShape, this.geom);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...this.geom };
  }
}
