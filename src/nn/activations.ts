/** Activation names for layers, mapped to ops. */
import { NorthstarError } from '../common/errors.js';
import type { Activation } from './backends/backend.js';
import { activate } from './ops/activation.js';
import { softmax } from './ops/softmax.js';
import type { Tensor } from './tensor.js';

/** Names accepted by `activation:` (TensorFlow.js spelling; Keras' `leaky_relu` also works). */
export type ActivationName = Activation | 'softmax';

/** Normalises a user-supplied activation name. */
export function parseActivation(name: string | undefined): ActivationName {
  if (name === undefined || name === null) return 'linear';
  const key = name.replaceAll('_', '').toLowerCase();
  const table: Record<string, ActivationName> = {
    relu: 'relu',
    leakyrelu: 'leakyRelu',
    sigmoid: 'sigmoid',
    tanh: 'tanh',
    gelu: 'gelu',
    linear: 'linear',
    softmax: 'softmax',
  };
  const act = table[key];
  if (act === undefined) throw new NorthstarError('INVALID_ARGUMENT', `Unknown activation "${name}"; use one of ${Object.values(table).join(', ')}`);
  return act;
}

/** Applies an activation as its own graph node (Dense fuses the element-wise ones instead). */
export function applyActivation(x: Tensor, act: ActivationName, alpha = 0.2): Tensor {
  if (act === 'linear') return x;
  if (act === 'softmax') return softmax(x);
  return activate(x, act, alpha);
}
