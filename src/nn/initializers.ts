/** Weight initialisers (Keras names and defaults), drawing from a seeded generator. */
import { NorthstarError } from '../common/errors.js';
import type { Rng } from '../common/rng.js';

/** Fills a buffer for a weight of the given fans. */
export interface Initializer {
  readonly className: string;
  init(size: number, fanIn: number, fanOut: number, rng: Rng): Float32Array;
  getConfig(): Record<string, unknown>;
}

/** Initialiser names accepted wherever an initialiser is (camelCase as TensorFlow.js, snake_case as Keras). */
export type InitializerName = 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'zeros' | 'ones' | 'randomUniform' | 'randomNormal';

function fromFn(className: string, fn: (size: number, fanIn: number, fanOut: number, rng: Rng) => Float32Array, config: Record<string, unknown> = {}): Initializer {
  return { className, init: fn, getConfig: () => ({ ...config }) };
}

const uniform = (limit: number) => (size: number, rng: Rng): Float32Array => {
  const a = new Float32Array(size);
  for (let i = 0; i < size; i++) a[i] = (rng.next() * 2 - 1) * limit;
  return a;
};

/** Normal samples redrawn beyond two standard deviations (Keras' truncated normal). */
const truncatedNormal = (std: number) => (size: number, rng: Rng): Float32Array => {
  const a = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let v: number;
    do v = rng.normal(0, 1);
    while (Math.abs(v) > 2);
    a[i] = v * std;
  }
  return a;
};

/** U(±√(6 / (fanIn + fanOut))): Keras' default for Dense and Conv2D kernels. */
export const glorotUniform = (): Initializer =>
  fromFn('GlorotUniform', (size, fanIn, fanOut, rng) => uniform(Math.sqrt(6 / (fanIn + fanOut)))(size, rng));
/** Truncated N(0, √(2 / (fanIn + fanOut)) / 0.8796). */
export const glorotNormal = (): Initializer =>
  fromFn('GlorotNormal', (size, fanIn, fanOut, rng) => truncatedNormal(Math.sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978)(size, rng));
/** Truncated N(0, √(2 / fanIn) / 0.8796): for ReLU layers. */
export const heNormal = (): Initializer =>
  fromFn('HeNormal', (size, fanIn, _o, rng) => truncatedNormal(Math.sqrt(2 / fanIn) / 0.87962566103423978)(size, rng));
/** U(±√(6 / fanIn)). */
export const heUniform = (): Initializer => fromFn('HeUniform', (size, fanIn, _o, rng) => uniform(Math.sqrt(6 / fanIn))(size, rng));
/** All zeros (Keras' default for biases). */
export const zerosInit = (): Initializer => fromFn('Zeros', (size) => new Float32Array(size));
/** All ones (batch-norm gamma). */
export const onesInit = (): Initializer => fromFn('Ones', (size) => new Float32Array(size).fill(1));
/** U(minval, maxval); Keras' embedding default is ±0.05. */
export const randomUniformInit = (minval = -0.05, maxval = 0.05): Initializer =>
  fromFn('RandomUniform', (size, _i, _o, rng) => Float32Array.from({ length: size }, () => minval + (maxval - minval) * rng.next()), { minval, maxval });
/** N(mean, stddev). */
export const randomNormalInit = (mean = 0, stddev = 0.05): Initializer =>
  fromFn('RandomNormal', (size, _i, _o, rng) => Float32Array.from({ length: size }, () => rng.normal(mean, stddev)), { mean, stddev });

const BY_NAME: Record<string, () => Initializer> = {
  glorotuniform: glorotUniform,
  glorotnormal: glorotNormal,
  henormal: heNormal,
  heuniform: heUniform,
  zeros: zerosInit,
  ones: onesInit,
  randomuniform: () => randomUniformInit(),
  randomnormal: () => randomNormalInit(),
};

/** Resolves a name (either spelling) or passes an initialiser through. */
export function getInitializer(v: InitializerName | string | Initializer | undefined, fallback: () => Initializer): Initializer {
  if (v === undefined) return fallback();
  if (typeof v !== 'string') return v;
  const make = BY_NAME[v.replaceAll('_', '').toLowerCase()];
  if (make === undefined) throw new NorthstarError('INVALID_ARGUMENT', `Unknown initializer "${v}"; use one of ${Object.keys(BY_NAME).join(', ')}`);
  return make();
}

/** Keras' fan computation: dense [in, out]; conv [kh, kw, in, out] multiplies by the receptive field. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) return { fanIn: shape[0] ?? 1, fanOut: shape[0] ?? 1 };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2]! * receptive, fanOut: shape[shape.length - 1]! * receptive };
}
