/** Layer factories with TensorFlow.js names (`layers.dense({ units })`, ...). */
import { ActivationLayer, type ActivationArgs } from './activation.js';
import { AveragePooling2D } from './average-pooling2d.js';
import { BatchNormalization, type BatchNormalizationArgs } from './batch-normalization.js';
import { Conv1D, type Conv1DArgs } from './conv1d.js';
import { Conv2D, type Conv2DArgs } from './conv2d.js';
import { Dense, type DenseArgs } from './dense.js';
import { Dropout, type DropoutArgs } from './dropout.js';
import { Embedding, type EmbeddingArgs } from './embedding.js';
import { Flatten } from './flatten.js';
import { GlobalAveragePooling2D } from './global-average-pooling2d.js';
import { GlobalMaxPooling1D } from './global-max-pooling1d.js';
import { GRU, type GRUArgs } from './gru.js';
import type { LayerArgs } from './layer.js';
import { MaxPooling2D } from './max-pooling2d.js';
import type { Pooling2DArgs } from './pooling2d.js';

/** `layers.*` as in TensorFlow.js. */
export const layers = {
  dense: (args: DenseArgs): Dense => new Dense(args),
  conv1d: (args: Conv1DArgs): Conv1D => new Conv1D(args),
  conv2d: (args: Conv2DArgs): Conv2D => new Conv2D(args),
  maxPooling2d: (args: Pooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args),
  averagePooling2d: (args: Pooling2DArgs = {}): AveragePooling2D => new AveragePooling2D(args),
  globalAveragePooling2d: (args: LayerArgs = {}): GlobalAveragePooling2D => new GlobalAveragePooling2D(args),
  globalMaxPooling1d: (args: LayerArgs = {}): GlobalMaxPooling1D => new GlobalMaxPooling1D(args),
  flatten: (args: LayerArgs = {}): Flatten => new Flatten(args),
  dropout: (args: DropoutArgs): Dropout => new Dropout(args),
  batchNormalization: (args: BatchNormalizationArgs = {}): BatchNormalization => new BatchNormalization(args),
  embedding: (args: EmbeddingArgs): Embedding => new Embedding(args),
  gru: (args: GRUArgs): GRU => new GRU(args),
  activation: (args: ActivationArgs): ActivationLayer => new ActivationLayer(args),
};

export { Layer, type CallContext, type LayerArgs, type LayerWeight } from './layer.js';
export { ActivationLayer, AveragePooling2D, BatchNormalization, Conv1D, Conv2D, Dense, Dropout, Embedding, Flatten, GlobalAveragePooling2D, GlobalMaxPooling1D, GRU, MaxPooling2D };
export type { ActivationArgs, BatchNormalizationArgs, Conv1DArgs, Conv2DArgs, DenseArgs, DropoutArgs, EmbeddingArgs, GRUArgs, Pooling2DArgs };
