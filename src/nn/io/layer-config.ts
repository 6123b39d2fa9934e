/**
 * Layer ⇄ Keras/TensorFlow.js layer config (`{ class_name, config }` with snake_case keys), so a saved
 * model folder is also a TensorFlow.js layers model that `tf.loadLayersModel` can read.
 */
import { NorthstarError } from '../../common/errors.js';
import { ActivationLayer } from '../layers/activation.js';
import { AveragePooling2D } from '../layers/average-pooling2d.js';
import { BatchNormalization } from '../layers/batch-normalization.js';
import { Conv1D } from '../layers/conv1d.js';
import { Conv2D } from '../layers/conv2d.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Embedding } from '../layers/embedding.js';
import { Flatten } from '../layers/flatten.js';
import { GlobalAveragePooling2D } from '../layers/global-average-pooling2d.js';
import { GlobalMaxPooling1D } from '../layers/global-max-pooling1d.js';
import { GRU } from '../layers/gru.js';
import type { Layer } from '../layers/layer.js';
import { MaxPooling2D } from '../layers/max-pooling2d.js';

/** One entry of `modelTopology.config.layers`. */
export interface KerasLayerConfig {
  class_name: string;
  config: Record<string, unknown>;
}

/** Keras activation names (leaky ReLU has none in TensorFlow.js; it is kept as Northstar's name). */
function kerasActivation(a: unknown): string {
  return a === 'leakyRelu' ? 'leaky_relu' : String(a);
}

function initializer(className: unknown): Record<string, unknown> {
  return { class_name: String(className ?? 'GlorotUniform'), config: { seed: null } };
}

/** The Keras config of a layer; `inputShape` is written on the first layer as `batch_input_shape`. */
export function toKerasConfig(layer: Layer, inputShape: readonly number[] | undefined): KerasLayerConfig {
  const c = layer.getConfig();
  const base: Record<string, unknown> = { name: layer.name, trainable: layer.trainable, dtype: 'float32' };
  if (inputShape) base.batch_input_shape = [null, ...inputShape];
  if (layer instanceof Dense) {
    return {
      class_name: 'Dense',
      config: { ...base, units: c.units, activation: kerasActivation(c.activation), use_bias: c.useBias, kernel_initializer: initializer(c.kernelInitializer), bias_initializer: { class_name: 'Zeros', config: {} } },
    };
  }
  if (layer instanceof Conv2D) {
    return {
      class_name: 'Conv2D',
      config: { ...base, filters: c.filters, kernel_size: c.kernelSize, strides: c.strides, padding: c.padding, data_format: 'channels_last', dilation_rate: [1, 1], activation: kerasActivation(c.activation), use_bias: c.useBias, kernel_initializer: initializer(c.kernelInitializer), bias_initializer: { class_name: 'Zeros', config: {} } },
    };
  }
  if (layer instanceof Conv1D) {
    return {
      class_name: 'Conv1D',
      config: { ...base, filters: c.filters, kernel_size: [c.kernelSize], strides: [c.strides], padding: c.padding, data_format: 'channels_last', dilation_rate: [1], activation: kerasActivation(c.activation), use_bias: c.useBias, kernel_initializer: initializer(c.kernelInitializer), bias_initializer: { class_name: 'Zeros', config: {} } },
    };
  }
  if (layer instanceof MaxPooling2D || layer instanceof AveragePooling2D) {
    return { class_name: layer.className, config: { ...base, pool_size: c.poolSize, strides: c.strides, padding: c.padding, data_format: 'channels_last' } };
  }
  if (layer instanceof GlobalMaxPooling1D) return { class_name: 'GlobalMaxPooling1D', config: { ...base, data_format: 'channels_last' } };
  if (layer instanceof GlobalAveragePooling2D) return { class_name: 'GlobalAveragePooling2D', config: { ...base, data_format: 'channels_last' } };
  if (layer instanceof Flatten) return { class_name: 'Flatten', config: base };
  if (layer instanceof Dropout) return { class_name: 'Dropout', config: { ...base, rate: c.rate } };
  if (layer instanceof BatchNormalization) {
    return { class_name: 'BatchNormalization', config: { ...base, axis: -1, momentum: c.momentum, epsilon: c.epsilon, center: true, scale: true } };
  }
  if (layer instanceof Embedding) {
    // `mode` is a Northstar extension; TensorFlow.js ignores the key (and would not pool the bag).
    return { class_name: 'Embedding', config: { ...base, input_dim: c.inputDim, output_dim: c.outputDim, mask_zero: c.maskZero, mode: c.mode, ...(inputShape ? { input_length: inputShape[0] } : {}) } };
  }
  if (layer instanceof GRU) {
    return {
      class_name: 'GRU',
      config: {
        ...base, units: c.units, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: c.useBias, return_sequences: c.returnSequences, return_state: false,
        go_backwards: c.goBackwards, stateful: false, unroll: false, reset_after: true, dropout: 0, recurrent_dropout: 0, implementation: 2,
        kernel_initializer: initializer(c.kernelInitializer), recurrent_initializer: initializer(c.recurrentInitializer), bias_initializer: { class_name: 'Zeros', config: {} },
      },
    };
  }
  if (layer instanceof ActivationLayer) {
    if (c.activation === 'leakyRelu') return { class_name: 'LeakyReLU', config: { ...base, alpha: c.alpha } };
    return { class_name: 'Activation', config: { ...base, activation: c.activation } };
  }
  throw new NorthstarError('NN_MODEL_FORMAT', `layer ${layer.name} (${layer.className}) cannot be saved`);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const pair = (v: unknown): [number, number] | undefined => (Array.isArray(v) && v.length === 2 ? [Number(v[0]), Number(v[1])] : typeof v === 'number' ? [v, v] : undefined);
/** Keras writes 1-D sizes as one-element lists (`kernel_size: [3]`); plain numbers are accepted too. */
const single = (v: unknown): number | undefined => (Array.isArray(v) && v.length === 1 ? Number(v[0]) : typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const pad = (v: unknown): 'valid' | 'same' => (v === 'same' ? 'same' : 'valid');

/** Rebuilds a layer from its Keras config (snake_case, as Northstar and TensorFlow.js write it). */
export function fromKerasConfig(entry: KerasLayerConfig): Layer {
  const c = entry.config;
  const common = {
    ...(str(c.name) ? { name: str(c.name)! } : {}),
    ...(Array.isArray(c.batch_input_shape) ? { inputShape: (c.batch_input_shape as unknown[]).slice(1).map(Number) } : {}),
  };
  const act = (v: unknown): string => (v === 'leaky_relu' ? 'leakyRelu' : String(v ?? 'linear'));
  switch (entry.class_name) {
    case 'Dense':
      return new Dense({ ...common, units: Number(c.units), activation: act(c.activation), useBias: c.use_bias !== false });
    case 'Conv2D':
      if (c.data_format === 'channels_first') throw new NorthstarError('NN_MODEL_FORMAT', 'channels_first convolutions are not supported');
      return new Conv2D({ ...common, filters: Number(c.filters), kernelSize: pair(c.kernel_size) ?? 3, strides: pair(c.strides) ?? 1, padding: pad(c.padding), activation: act(c.activation), useBias: c.use_bias !== false });
    case 'Conv1D':
      if (c.data_format === 'channels_first') throw new NorthstarError('NN_MODEL_FORMAT', 'channels_first convolutions are not supported');
      return new Conv1D({ ...common, filters: Number(c.filters), kernelSize: single(c.kernel_size) ?? 3, strides: single(c.strides) ?? 1, padding: pad(c.padding), activation: act(c.activation), useBias: c.use_bias !== false });
    case 'GlobalMaxPooling1D':
      return new GlobalMaxPooling1D(common);
    case 'MaxPooling2D':
      return new MaxPooling2D({ ...common, poolSize: pair(c.pool_size) ?? 2, ...(pair(c.strides) ? { strides: pair(c.strides)! } : {}), padding: pad(c.padding) });
    case 'AveragePooling2D':
      return new AveragePooling2D({ ...common, poolSize: pair(c.pool_size) ?? 2, ...(pair(c.strides) ? { strides: pair(c.strides)! } : {}), padding: pad(c.padding) });
    case 'GlobalAveragePooling2D':
      return new GlobalAveragePooling2D(common);
    case 'Flatten':
      return new Flatten(common);
    case 'Dropout':
      return new Dropout({ ...common, rate: num(c.rate) ?? 0 });
    case 'BatchNormalization':
      return new BatchNormalization({ ...common, momentum: num(c.momentum) ?? 0.99, epsilon: num(c.epsilon) ?? 1e-3 });
    case 'Embedding': {
      const mode = c.mode === 'mean' || c.mode === 'sum' ? c.mode : 'sequence';
      const inputLength = num(c.input_length);
      return new Embedding({ ...common, inputDim: Number(c.input_dim), outputDim: Number(c.output_dim), maskZero: c.mask_zero === true, mode, ...(inputLength !== undefined && !common.inputShape ? { inputLength } : {}) });
    }
    case 'GRU':
      // Only what the fused op computes loads; anything else would silently predict differently.
      if (c.reset_after === false || c.return_state === true || c.stateful === true || (c.recurrent_activation !== undefined && c.recurrent_activation !== 'sigmoid')) {
        throw new NorthstarError('NN_MODEL_FORMAT', 'GRU layers load only with reset_after=true, recurrent_activation "sigmoid", no return_state and not stateful');
      }
      return new GRU({ ...common, units: Number(c.units), activation: String(c.activation ?? 'tanh'), returnSequences: c.return_sequences === true, goBackwards: c.go_backwards === true, useBias: c.use_bias !== false });
    case 'Activation':
      return new ActivationLayer({ ...common, activation: act(c.activation) });
    case 'LeakyReLU':
      return new ActivationLayer({ ...common, activation: 'leakyRelu', alpha: num(c.alpha) ?? 0.3 });
    default:
      throw new NorthstarError('NN_MODEL_FORMAT', `unknown layer class "${entry.class_name}"`);
  }
}
