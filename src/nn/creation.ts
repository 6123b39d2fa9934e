/**
 * Tensor factories with TensorFlow.js names (`tensor`, `tensor2d`, `zeros`, ...). Values are copied, so the
 * caller's arrays stay theirs.
 */
import { NorthstarError } from '../common/errors.js';
import type { Rng } from '../common/rng.js';
import { acquire } from './memory.js';
import { fromValues, sizeOf, Tensor } from './tensor.js';

/** Nested number arrays of any depth, as TensorFlow.js accepts them. */
export type NestedArray = number | readonly NestedArray[];

function flatten(values: NestedArray | ArrayLike<number>): { flat: number[] | ArrayLike<number>; shape: number[] } {
  if (typeof values === 'number') return { flat: [values], shape: [] };
  if (ArrayBuffer.isView(values)) return { flat: values as ArrayLike<number>, shape: [values.length] };
  const shape: number[] = [];
  let probe: unknown = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const flat: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new NorthstarError('NN_SHAPE_MISMATCH', 'ragged or non-numeric nested array');
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) throw new NorthstarError('NN_SHAPE_MISMATCH', 'ragged nested array');
    for (const item of v) walk(item, depth + 1);
  };
  walk(values, 0);
  return { flat, shape };
}

/** A tensor from nested arrays or a flat array plus `shape`. */
export function tensor(values: NestedArray | ArrayLike<number>, shape?: readonly number[]): Tensor {
  const { flat, shape: inferred } = flatten(values as NestedArray);
  const finalShape = shape ?? inferred;
  if (sizeOf(finalShape) !== flat.length) {
    throw new NorthstarError('NN_SHAPE_MISMATCH', `${flat.length} values do not fill shape [${finalShape.join(', ')}]`);
  }
  return fromValues(flat, finalShape);
}

function ranked(rank: number) {
  return (values: NestedArray | ArrayLike<number>, shape?: readonly number[]): Tensor => {
    const t = tensor(values, shape);
    if (t.rank !== rank) {
      t.dispose();
      throw new NorthstarError('NN_SHAPE_MISMATCH', `tensor${rank}d needs rank ${rank}, got shape [${t.shape.join(', ')}]`);
    }
    return t;
  };
}

/** A rank-1 tensor. */
export const tensor1d = ranked(1);
/** A rank-2 tensor from `[[...], ...]` or flat values plus `[rows, cols]`. */
export const tensor2d = ranked(2);
/** A rank-3 tensor. */
export const tensor3d = ranked(3);
/** A rank-4 tensor (NHWC images). */
export const tensor4d = ranked(4);

/** A rank-0 tensor. */
export function scalar(value: number): Tensor {
  return fromValues([value], []);
}

/** A tensor filled with `value`. */
export function fill(shape: readonly number[], value: number): Tensor {
  const data = acquire(sizeOf(shape));
  data.fill(value);
  return new Tensor(data, shape);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[]): Tensor {
  return fill(shape, 0);
}

/** A tensor of ones. */
export function ones(shape: readonly number[]): Tensor {
  return fill(shape, 1);
}

/** Normal samples from a seeded generator. */
export function randomNormal(shape: readonly number[], rng: Rng, mean = 0, std = 1): Tensor {
  const data = acquire(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(mean, std);
  return new Tensor(data, shape);
}

/** Uniform samples in [min, max) from a seeded generator. */
export function randomUniform(shape: readonly number[], rng: Rng, min = 0, max = 1): Tensor {
  const data = acquire(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = min + (max - min) * rng.next();
  return new Tensor(data, shape);
}

/** A trainable parameter holding a copy of `initial` (TensorFlow.js `variable`). */
export function variable(initial: Tensor, name?: string): Tensor {
  const data = new Float32Array(initial.data);
  return new Tensor(data, initial.shape, name === undefined ? { requiresGrad: true, variable: true } : { requiresGrad: true, variable: true, name });
}
