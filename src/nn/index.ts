/**
 * Northstar's neural-network engine. Import it as `nn` (a TensorFlow.js script ports by replacing
 * `import * as tf from '@tensorflow/tfjs'` with `import { nn as tf } from '…/nn/index.js'`; see docs/nn.md).
 */
import * as nn from './api.js';

export { nn };
export type { Tensor, Sequential, FitArgs, History, Backend, Loss, Optimizer, Layer } from './api.js';
