/** Sum over all elements or one axis. */
import { acquire } from '../memory.js';
import { opResult, type Tensor } from '../tensor.js';
import { shapeError } from './util.js';

/** Splits a shape around `axis` into outer × axis × inner extents. */
export function axisExtents(shape: readonly number[], axis: number): { outer: number; n: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, n: shape[axis]!, inner };
}

/** Σ x over every element (→ scalar) or over `axis` (negative counts from the end). */
export function sum(x: Tensor, axis?: number, keepDims = false): Tensor {
  return reduce(x, axis, keepDims, false);
}

/** Shared by {@link sum} and mean: `scale` divides by the reduced count. */
export function reduce(x: Tensor, axisIn: number | undefined, keepDims: boolean, average: boolean): Tensor {
  if (axisIn === undefined) {
    let s = 0;
    const d = x.data;
    for (let i = 0; i < d.length; i++) s += d[i]!;
    const scale = average ? 1 / Math.max(1, x.size) : 1;
    const out = acquire(1);
    out[0] = s * scale;
    const shape = keepDims ? x.shape.map(() => 1) : [];
    return opResult(out, shape, [x], (y) => {
      if (!x.requiresGrad) return;
      const g = x.ensureGrad();
      const gy = y.grad![0]! * scale;
      for (let i = 0; i < g.length; i++) g[i] = g[i]! + gy;
    });
  }
  const axis = axisIn < 0 ? x.rank + axisIn : axisIn;
  if (axis < 0 || axis >= x.rank) throw shapeError('sum', `axis ${axisIn} out of range`, x);
  const { outer, n, inner } = axisExtents(x.shape, axis);
  const scale = average ? 1 / Math.max(1, n) : 1;
  const out = acquire(outer * inner);
  out.fill(0);
  const d = x.data;
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < n; k++) {
      const base = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] = out[o * inner + i]! + d[base + i]!;
    }
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] = out[i]! * scale;
  const shape = keepDims ? x.shape.map((v, i) => (i === axis ? 1 : v)) : x.shape.filter((_, i) => i !== axis);
  return opResult(out, shape, [x], (y) => {
    if (!x.requiresGrad) return;
    const g = x.ensureGrad();
    const gy = y.grad!;
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < n; k++) {
        const base = (o * n + k) * inner;
        for (let i = 0; i < inner; i++) g[base + i] = g[base + i]! + gy[o * inner + i]! * scale;
      }
  });
}
