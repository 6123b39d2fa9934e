/**
 * The CNN architectures `northstar train image --arch` offers. `seed` is the reference network;
 * the others trade speed for accuracy. Every one ends in a softmax over the classes.
 */
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import type { Layer, Sequential } from '../../nn/index.js';
import type { AugmentOptions } from '../../nn/data/augment.js';

/** Architecture names accepted by `--arch`, with a one-line description for help and docs. */
export const IMAGE_ARCHITECTURES = {
  seed: 'conv32-pool-conv64-pool-conv128-pool-dense512-dropout0.5-softmax (3×3 same convs, ReLU)',
  'seed-bn': "the seed's convs with batch norm (conv-BN-ReLU-pool at 32, 64, 128), dense512, dropout0.5, softmax; Adam's learning rate decays to 0 over the run (cosine); needs --augment and ~30 epochs to beat seed",
  small: 'conv16-pool-conv32-pool-dense64-softmax: fast, for small images or quick checks',
  'vgg-bn': 'two 3×3 convs with batch norm per stage (32, 64, 128), pool, global average pool, dense256, dropout0.3, softmax',
} as const;

/**
 * The augmentation `northstar train image --augment` applies (Keras' preprocessing ranges): random left-right
 * flips, ±10° rotations, ±10 % shifts and ±10 % zooms. Shared with bench/nn/cifar10.ts so the bench measures
 * exactly what the CLI trains.
 */
export const IMAGE_AUGMENTATION: Readonly<AugmentOptions> = { flip: true, rotation: 10, shift: 0.1, zoom: 0.1 };

/** One of {@link IMAGE_ARCHITECTURES}. */
export type ImageArchitecture = keyof typeof IMAGE_ARCHITECTURES;

/** True when `name` is an architecture `--arch` accepts. */
export function isImageArchitecture(name: string): name is ImageArchitecture {
  return Object.hasOwn(IMAGE_ARCHITECTURES, name);
}

function conv(filters: number, inputShape?: number[]): Layer {
  return nn.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', ...(inputShape ? { inputShape } : {}) });
}

function convBn(filters: number, inputShape?: number[]): Layer[] {
  return [
    nn.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, ...(inputShape ? { inputShape } : {}) }),
    nn.layers.batchNormalization(),
    nn.layers.activation({ activation: 'relu' }),
  ];
}

/** Architectures whose recipe decays Adam's learning rate from 1e-3 to 0 along a cosine over the whole run. */
export const IMAGE_COSINE_SCHEDULE: ReadonlySet<string> = new Set<ImageArchitecture>(['seed-bn']);

/** Training-run facts an architecture's recipe may need. */
export interface ImageModelOptions {
  /** Optimiser steps of the whole run (epochs × batches per epoch): the length of a cosine schedule. */
  totalSteps?: number;
}

/**
 * Builds and compiles (Adam 1e-3, sparse categorical cross-entropy, accuracy) the named architecture. For
 * `seed-bn`, with `totalSteps`, the learning rate follows cosineDecay(1e-3 → 0 over totalSteps): batch-norm
 * networks evaluated on moving statistics swing several points from epoch to epoch at a constant 1e-3, and the
 * decay lets the last epochs settle.
 */
export function buildImageModel(arch: string, inputShape: [number, number, number], classes: number, seed: number, options: ImageModelOptions = {}): Sequential {
  if (!isImageArchitecture(arch)) {
    throw new NorthstarError('INVALID_ARGUMENT', `--arch must be one of ${Object.keys(IMAGE_ARCHITECTURES).join(', ')}, got "${arch}"`);
  }
  const pool = (): Layer => nn.layers.maxPooling2d({ poolSize: 2 });
  const shape = [...inputShape];
  let layers: Layer[];
  if (arch === 'seed') {
    layers = [conv(32, shape), pool(), conv(64), pool(), conv(128), pool(), nn.layers.flatten(), nn.layers.dense({ units: 512, activation: 'relu' }), nn.layers.dropout({ rate: 0.5 })];
  } else if (arch === 'seed-bn') {
    // Batch norm after every conv lets Adam 1e-3 train the seed's network faster and regularises it a little.
    layers = [...convBn(32, shape), pool(), ...convBn(64), pool(), ...convBn(128), pool(), nn.layers.flatten(), nn.layers.dense({ units: 512, activation: 'relu' }), nn.layers.dropout({ rate: 0.5 })];
  } else if (arch === 'small') {
    layers = [conv(16, shape), pool(), conv(32), pool(), nn.layers.flatten(), nn.layers.dense({ units: 64, activation: 'relu' })];
  } else {
    layers = [
      ...convBn(32, shape), ...convBn(32), pool(),
      ...convBn(64), ...convBn(64), pool(),
      ...convBn(128), ...convBn(128), pool(),
      nn.layers.globalAveragePooling2d(),
      nn.layers.dense({ units: 256, activation: 'relu' }),
      nn.layers.dropout({ rate: 0.3 }),
    ];
  }
  const model = nn.sequential({ seed, layers: [...layers, nn.layers.dense({ units: classes, activation: 'softmax' })] });
  const steps = options.totalSteps;
  const learningRate = IMAGE_COSINE_SCHEDULE.has(arch) && steps !== undefined && steps > 0 ? nn.cosineDecay({ initialLearningRate: 1e-3, decaySteps: steps }) : 1e-3;
  model.compile({ optimizer: nn.train.adam(learningRate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
