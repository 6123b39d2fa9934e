/** Shared arguments and shape rule of the 2-D pooling layers. */
import { windowOutput } from '../backends/backend.js';
import { pair, type Padding, type Size2 } from '../ops/window.js';
import type { LayerArgs } from './layer.js';

/** TensorFlow.js `Pooling2DLayerArgs`. */
export interface Pooling2DArgs extends LayerArgs {
  poolSize?: Size2;
  strides?: Size2;
  padding?: Padding;
}

/** Resolved pooling geometry with TensorFlow.js defaults (pool 2, strides = pool, valid). */
export function poolingGeometry(args: Pooling2DArgs): { poolSize: [number, number]; strides: [number, number]; padding: Padding } {
  const poolSize = pair(args.poolSize ?? 2);
  return { poolSize, strides: pair(args.strides ?? poolSize), padding: args.padding ?? 'valid' };
}

/** Output shape [h, w, c] of a pooling layer. */
export function poolingOutputShape(inputShape: readonly number[], g: ReturnType<typeof poolingGeometry>): number[] {
  return [
    windowOutput(inputShape[0]!, g.poolSize[0], g.strides[0], g.padding).out,
    windowOutput(inputShape[1]!, g.poolSize[1], g.strides[1], g.padding).out,
    inputShape[2]!,
  ];
}
