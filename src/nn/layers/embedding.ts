/** Embedding layer, with a bag (sum/mean) mode for text. */
import type { Rng } from '../../common/rng.js';
import { getInitializer, randomUniformInit, type Initializer, type InitializerName } from '../initializers.js';
import { embedding, type EmbeddingMode } from '../ops/embedding.js';
import type { Tensor } from '../tensor.js';
import { Layer, type CallContext, type LayerArgs } from './layer.js';

/** TensorFlow.js `EmbeddingLayerArgs` plus `mode` (a Northstar extension, like PyTorch's EmbeddingBag). */
export interface EmbeddingArgs extends LayerArgs {
  inputDim: number;
  outputDim: number;
  embeddingsInitializer?: InitializerName | Initializer;
  /** Index 0 is padding: it maps to zeros and is left out of a bag's mean. */
  maskZero?: boolean;
  /** `sequence` (default, [batch, steps, dim]) or `mean` / `sum` pooling to [batch, dim]. */
  mode?: EmbeddingMode;
  inputLength?: number;
}

/** Integer ids [batch, steps] → vectors. */
export class Embedding extends Layer {
  readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly mode: EmbeddingMode;
  private readonly init: Initializer;
  embeddings: Tensor | undefined;

  constructor(args: EmbeddingArgs) {
    super(args.inputShape === undefined && args.inputLength !== undefined ? { ...args, inputShape: [args.inputLength] } : args, 'embedding');
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.maskZero = args.maskZero ?? false;
    this.mode = args.mode ?? 'sequence';
    this.init = getInitializer(args.embeddingsInitializer, () => randomUniformInit());
  }

  protected override buildWeights(_inputShape: readonly number[], rng: Rng): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.init, rng);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return embedding(x, this.embeddings!, { mode: this.mode, maskZero: this.maskZero });
  }

  computeOutputShape(inputShape: readonly number[]): number[] {
    return this.mode === 'sequence' ? [...inputShape, this.outputDim] : [this.outputDim];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim, maskZero: this.maskZero, mode: this.mode };
  }
}
