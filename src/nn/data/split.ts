/** Train/validation/test splits by index: stratified by class, or plain shuffled for regression. */
import { NorthstarError } from '../../common/errors.js';
import { createRng } from '../../common/rng.js';
import { Tensor } from '../tensor.js';

/** Index sets of a split. */
export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

/** Split fractions and seed. */
export interface SplitOptions {
  test?: number;
  validation?: number;
  seed?: number;
}

function fractions(o: SplitOptions): { test: number; validation: number } {
  const test = o.test ?? 0.2;
  const validation = o.validation ?? 0;
  if (test < 0 || validation < 0 || test + validation >= 1) {
    throw new NorthstarError('INVALID_ARGUMENT', `test (${test}) and validation (${validation}) fractions must be ≥ 0 and sum below 1`);
  }
  return { test, validation };
}

/**
 * Splits so each class keeps its proportion in every part (per class: round(n·test) to test,
 * round(n·validation) to validation, the rest to train). A class with a single sample goes to train.
 */
export function stratifiedSplit(labels: ArrayLike<number>, options: SplitOptions = {}): SplitIndices {
  const { test, validation } = fractions(options);
  const rng = createRng(options.seed ?? 42);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]!) ?? [];
    list.push(i);
    byClass.set(labels[i]!, list);
  }
  const out: SplitIndices = { train: [], validation: [], test: [] };
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = rng.shuffle(byClass.get(c)!);
    const nTest = idx.length > 1 ? Math.round(idx.length * test) : 0;
    const nVal = idx.length > 1 ? Math.round(idx.length * validation) : 0;
    out.test.push(...idx.slice(0, nTest));
    out.validation.push(...idx.slice(nTest, nTest + nVal));
    out.train.push(...idx.slice(nTest + nVal));
  }
  for (const part of [out.train, out.validation, out.test]) rng.shuffle(part);
  return out;
}

/** A shuffled split without classes (regression). */
export function randomSplit(n: number, options: SplitOptions = {}): SplitIndices {
  const { test, validation } = fractions(options);
  const idx = createRng(options.seed ?? 42).shuffle(Array.from({ length: n }, (_, i) => i));
  const nTest = Math.round(n * test);
  const nVal = Math.round(n * validation);
  return { test: idx.slice(0, nTest), validation: idx.slice(nTest, nTest + nVal), train: idx.slice(nTest + nVal) };
}

/** The rows of `t` at `indices`, as a new tensor. */
export function takeRows(t: Tensor, indices: readonly number[]): Tensor {
  const n = t.shape[0] ?? 0;
  const w = n === 0 ? 0 : t.size / n;
  const out = new Float32Array(indices.length * w);
  indices.forEach((row, i) => {
    if (row < 0 || row >= n) throw new NorthstarError('INVALID_ARGUMENT', `row ${row} outside [0, ${n})`);
    out.set(t.data.subarray(row * w, (row + 1) * w), i * w);
  });
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
}
