/**
 * The public surface of the engine, mirroring TensorFlow.js names: `nn.tensor2d`, `nn.sequential`,
 * `nn.layers.dense`, `nn.train.adam`, `nn.losses`, `nn.callbacks`, ... plus Northstar's metrics, data
 * helpers and backend controls. `src/nn/index.ts` exports it as the `nn` namespace.
 */
export { tensor, tensor1d, tensor2d, tensor3d, tensor4d, scalar, zeros, ones, fill, randomNormal, randomUniform, variable, type NestedArray } from './creation.js';
export { Tensor, tidy, noGrad, type TensorOptions } from './tensor.js';
export { clearPool, pooledMemory } from './memory.js';
export * as ops from './ops/index.js';
export { add, sub, mul, div, matmul as matMul, relu, leakyRelu, sigmoid, tanh, gelu, softmax, logSoftmax, sum, mean, reshape, conv2d, maxPool2d as maxPool, avgPool2d as avgPool, dropout } from './ops/index.js';
export { layers, Layer, type LayerArgs, type CallContext } from './layers/index.js';
export { Sequential, sequential, type SequentialArgs, type CompileArgs } from './model/sequential.js';
export type { FitArgs, History } from './model/fit.js';
export { losses, getLoss, type Loss, type LossName } from './losses.js';
export { optimizers, train, Optimizer, SGD, Adam, AdamW, RMSprop, exponentialDecay, piecewiseConstantDecay, cosineDecay, inverseTimeDecay, type LearningRateSchedule } from './optimizers/index.js';
export { l1, l2, l1l2, type Regularizer } from './regularizers.js';
export { glorotUniform, glorotNormal, heNormal, heUniform, type Initializer } from './initializers.js';
export { Callback, type CallbackHooks, type Logs } from './callbacks/callback.js';
export { EarlyStopping, earlyStopping, type EarlyStoppingArgs } from './callbacks/early-stopping.js';
export { ModelCheckpoint, type ModelCheckpointArgs } from './callbacks/model-checkpoint.js';
export { callbacks, regularizers, initializers } from './namespaces.js';
export * as metrics from './metrics/index.js';
export * as data from './data/index.js';
export { oneHot } from './data/one-hot.js';
export { saveModel, loadModel, loadLayersModel, serializeModel, deserializeModel, MODEL_FORMAT_VERSION, type ModelArtifacts, type ModelJson } from './io/model-folder.js';
export { getBackend, setBackend, availableBackends, backendStatus } from './backends/registry.js';
export { nativeSpdInverse64, type NativeSpdResult } from './backends/native-lapack.js';
export { nativeCsrGramApply, type CsrArrays } from './backends/native-sparse.js';
export type { Backend, Activation } from './backends/backend.js';
