/** Window geometry for conv and pooling ops from TensorFlow.js-style arguments. */
import { windowOutput, type WindowGeometry } from '../backends/backend.js';
import type { Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** `'valid'` (no padding) or `'same'` (output size ceil(input / stride)). */
export type Padding = 'valid' | 'same';

/** A single size or a [height, width] pair. */
export type Size2 = number | readonly [number, number];

/** Expands a {@link Size2}. */
export function pair(v: Size2): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** Geometry of a window op over NHWC `x` with channel count `c` (the input's for conv and pooling). */
export function geometryFor(op: string, x: Tensor, kernel: Size2, strides: Size2, padding: Padding): WindowGeometry {
  if (x.rank !== 4) throw shapeError(op, 'needs an NHWC rank-4 input', x);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const [kh, kw] = pair(kernel);
  const [sh, sw] = pair(strides);
  const y = windowOutput(h, kh, sh, padding);
  const xw = windowOutput(w, kw, sw, padding);
  if (y.out <= 0 || xw.out <= 0) throw shapeError(op, `window ${kh}x${kw} does not fit a ${h}x${w} input`, x);
  return { n, h, w, c, kh, kw, sh, sw, pt: y.padBefore, pl: xw.padBefore, oh: y.out, ow: xw.out };
}
