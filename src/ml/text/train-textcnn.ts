/**
 * Trains the TextCNN sentiment model on the project's NN engine, composing ops directly (the engine's
 * `sequential` has no branches): ids → `embedding` (padding id 0 masked) → per kernel width a `conv1d`
 * ('same', fused bias + ReLU) → `globalMaxPool1d` over each text's own length → dropout → one linear output
 * (the branches' partial logits are summed, which is a dense layer over their concatenation). Adam, sparse
 * softmax cross-entropy, early stopping on validation loss with the best weights restored, then the same
 * calibration as the n-gram bags. Deterministic for a seed on one backend.
 *
 * Batches are made of texts of similar length (a seeded shuffle, then sorted within pools of 50 batches) and
 * padded to their longest member only: reviews range from 5 to 250+ characters, and padding every batch to
 * the maximum would more than double the convolution work. Pooling ignores the padding, so training sees
 * exactly what single-text inference computes.
 */
import { performance } from 'node:perf_hooks';
import { NorthstarError } from '../../common/errors.js';
import { createRng, type Rng } from '../../common/rng.js';
import { nn } from '../../nn/index.js';
import { buildCharVocab, createCharEncoder, type CharEncoder, type TokenSplitter } from './char-vocab.js';
import type { SentimentLabel } from './sentiment-model.js';
import { textCnnLogits, textCnnTables, type TextCnnWeights } from './textcnn-sentiment.js';
import { calibrateLogits, type SentimentSample, type SentimentValidation } from './train-sentiment.js';

/** Options of {@link trainTextCnn} (defaults chosen on ChnSentiCorp dev; see docs/sentiment.md). */
export interface TextCnnTrainOptions {
  readonly classes: readonly SentimentLabel[];
  readonly validation: readonly SentimentSample[];
  /** Vocabulary from the training texts (default: built from them, min count 2). */
  readonly vocab?: readonly string[];
  /** Token splitter of the vocabulary and the encoder (default characters; `wordTokens` for words). */
  readonly tokens?: TokenSplitter;
  /**
   * Starting embeddings [vocab size, dim] (e.g. `pretrainCharEmbeddings` over unlabelled train texts); all-zero
   * rows (tokens the pretraining never saw) keep their random start.
   */
  readonly pretrained?: Float32Array;
  /**
   * Fine-tuning: start from these trained weights instead of a random start (their vocabulary must be `vocab`,
   * their shape `dim`/`kernelSizes`/`filters`; `pretrained` is then ignored). Like the n-gram bag's fine-tune: a
   * model trained on all corpora, adapted to one domain, keeps what the others taught it.
   */
  readonly from?: TextCnnWeights;
  readonly maxLength?: number;
  readonly dim?: number;
  readonly kernelSizes?: readonly number[];
  readonly filters?: number;
  readonly dropout?: number;
  readonly epochs?: number;
  readonly patience?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  /** Epoch lines. */
  readonly log?: (line: string) => void;
}

/** What {@link trainTextCnn} returns. */
export interface TrainedTextCnn {
  readonly weights: TextCnnWeights;
  readonly encoder: CharEncoder;
  readonly validation: SentimentValidation;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly history: { loss: number[]; valLoss: number[]; valAccuracy: number[] };
  readonly trainSeconds: number;
}

interface Params {
  embeddings: nn.Tensor;
  branches: { k: number; kernel: nn.Tensor; bias: nn.Tensor; out: nn.Tensor }[];
  outBias: nn.Tensor;
}

function uniform(shape: number[], limit: number, rng: Rng): nn.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return nn.variable(nn.tensor(Float32Array.from({ length: size }, () => (2 * rng.next() - 1) * limit), shape));
}

function initParams(vocabSize: number, dim: number, kernelSizes: readonly number[], filters: number, classes: number, rng: Rng): Params {
  const embeddings = uniform([vocabSize, dim], 0.05, rng); // Keras' Embedding default
  embeddings.data.fill(0, 0, dim); // padding row
  const glorot = (fanIn: number, fanOut: number): number => Math.sqrt(6 / (fanIn + fanOut));
  const branches = kernelSizes.map((k) => ({
    k,
    kernel: uniform([k, dim, filters], glorot(k * dim, k * filters), rng),
    bias: nn.variable(nn.zeros([filters])),
    out: uniform([filters, classes], glorot(filters * kernelSizes.length, classes), rng),
  }));
  return { embeddings, branches, outBias: nn.variable(nn.zeros([classes])) };
}

const allParams = (p: Params): nn.Tensor[] => [p.embeddings, ...p.branches.flatMap((b) => [b.kernel, b.bias, b.out]), p.outBias];

/** Logits [batch, classes] for padded ids [batch, steps] with per-row lengths. */
function forward(p: Params, x: nn.Tensor, lengths: Int32Array, dropout: number, rng: Rng | null): nn.Tensor {
  const e = nn.ops.embedding(x, p.embeddings, { maskZero: true });
  let logits: nn.Tensor | null = null;
  for (const b of p.branches) {
    const h = nn.ops.conv1d(e, b.kernel, { padding: 'same', bias: b.bias, activation: 'relu' });
    let pooled = nn.ops.globalMaxPool1d(h, lengths);
    if (rng !== null && dropout > 0) pooled = nn.ops.dropout(pooled, dropout, rng);
    const z = nn.ops.dense(pooled, b.out, logits === null ? p.outBias : null);
    logits = logits === null ? z : nn.ops.add(logits, z);
  }
  return logits!;
}

/**
 * Seeded length-bucketed batches of sample indices: shuffled, sorted by length within pools of 50 batches, then the
 * batches shuffled (texts of similar length share a batch, so little padding; any sequence model can use it).
 */
export function makeBatches(lengths: readonly number[], batchSize: number, rng: Rng): number[][] {
  const order = rng.shuffle(Array.from(lengths, (_, i) => i));
  const pool = batchSize * 50;
  const batches: number[][] = [];
  for (let s = 0; s < order.length; s += pool) {
    const chunk = order.slice(s, s + pool).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
    for (let i = 0; i < chunk.length; i += batchSize) batches.push(chunk.slice(i, i + batchSize));
  }
  return rng.shuffle(batches);
}

/** The rows' ids as one [rows, longest] tensor, zero-padded, with each row's own length. */
export function padBatch(ids: readonly Int32Array[], rows: readonly number[]): { x: nn.Tensor; lengths: Int32Array } {
  const steps = Math.max(...rows.map((r) => ids[r]!.length));
  const x = new Float32Array(rows.length * steps);
  rows.forEach((r, i) => x.set(ids[r]!, i * steps));
  return { x: nn.tensor2d(x, [rows.length, steps]), lengths: Int32Array.from(rows, (r) => ids[r]!.length) };
}

function exportWeights(p: Params, dim: number, classes: readonly SentimentLabel[]): TextCnnWeights {
  const filters = p.branches[0]!.bias.size;
  const c = classes.length;
  const kernel = new Float32Array(p.branches.length * filters * c);
  p.branches.forEach((b, i) => kernel.set(b.out.data, i * filters * c));
  return {
    vocabSize: p.embeddings.shape[0]!,
    dim,
    classes,
    embeddings: Float32Array.from(p.embeddings.data),
    branches: p.branches.map((b) => ({ kernelSize: b.k, filters, kernel: Float32Array.from(b.kernel.data), bias: Float32Array.from(b.bias.data) })),
    output: { kernel, bias: Float32Array.from(p.outBias.data) },
    temperature: 1,
    neutralEdge: 0,
  };
}

/** Copies trained weights into freshly initialised parameters (the inverse of {@link exportWeights}). */
function loadWeights(p: Params, w: TextCnnWeights, vocabSize: number, dim: number, classes: number): void {
  const same =
    w.vocabSize === vocabSize &&
    w.dim === dim &&
    w.classes.length === classes &&
    w.branches.length === p.branches.length &&
    w.branches.every((b, i) => b.kernelSize === p.branches[i]!.k && b.filters === p.branches[i]!.bias.size);
  if (!same) {
    throw new NorthstarError('INVALID_ARGUMENT', 'the TextCNN to fine-tune has another shape or vocabulary than the one being trained', {
      hint: 'Fine-tune with the model folder\'s own vocabulary and settings (dim, kernel sizes, filters, classes).',
    });
  }
  p.embeddings.data.set(w.embeddings);
  const filters = p.branches[0]!.bias.size;
  p.branches.forEach((b, i) => {
    b.kernel.data.set(w.branches[i]!.kernel);
    b.bias.data.set(w.branches[i]!.bias);
    b.out.data.set(w.output.kernel.subarray(i * filters * classes, (i + 1) * filters * classes));
  });
  p.outBias.data.set(w.output.bias);
}

/** Mean cross-entropy and accuracy of exported weights on encoded samples (the inference path). */
function evaluate(w: TextCnnWeights, ids: readonly Int32Array[], labels: readonly number[]): { loss: number; accuracy: number; logits: Float32Array[] } {
  const tables = textCnnTables(w);
  const c = w.classes.length;
  let loss = 0;
  let correct = 0;
  const logits = ids.map((a, i) => {
    const l = textCnnLogits(w, tables, a) ?? Float32Array.from(w.output.bias);
    const max = Math.max(...l);
    const lse = max + Math.log(l.reduce((s, v) => s + Math.exp(v - max), 0));
    loss += lse - l[labels[i]!]!;
    let arg = 0;
    for (let q = 1; q < c; q++) if (l[q]! > l[arg]!) arg = q;
    if (arg === labels[i]) correct++;
    return l;
  });
  return { loss: loss / Math.max(1, ids.length), accuracy: correct / Math.max(1, ids.length), logits };
}

/** Trains and calibrates a TextCNN; see the module comment. */
export async function trainTextCnn(train: readonly SentimentSample[], options: TextCnnTrainOptions): Promise<TrainedTextCnn> {
  const c = options.classes.length;
  for (const s of [...train, ...options.validation]) {
    if (!Number.isInteger(s.label) || s.label < 0 || s.label >= c) throw new NorthstarError('INVALID_ARGUMENT', `label ${s.label} is not a class index in 0..${c - 1}`);
  }
  if (train.length === 0 || options.validation.length === 0) throw new NorthstarError('INVALID_ARGUMENT', 'training needs at least one training and one validation text');
  const dim = options.dim ?? 64;
  const kernelSizes = options.kernelSizes ?? [2, 3, 4];
  const filters = options.filters ?? 64;
  const rate = options.dropout ?? 0.5;
  const batchSize = options.batchSize ?? 32;
  const patience = options.patience ?? 2;
  const seed = options.seed ?? 42;
  const rng = createRng(seed);
  const t0 = performance.now();
  const tokens = options.tokens;
  const vocab = options.vocab ?? buildCharVocab(train.map((s) => s.text), tokens === undefined ? {} : { tokens });
  const encoder = createCharEncoder(vocab, options.maxLength ?? 256, tokens);
  const kept = train.map((s) => ({ ids: encoder.encode(s.text).ids, label: s.label })).filter((s) => s.ids.length > 0);
  const ids = kept.map((s) => s.ids);
  const y = kept.map((s) => s.label);
  const valIds = options.validation.map((s) => encoder.encode(s.text).ids);
  const valY = options.validation.map((s) => s.label);
  const p = initParams(encoder.size, dim, kernelSizes, filters, c, rng);
  if (options.pretrained !== undefined) {
    if (options.pretrained.length !== encoder.size * dim) throw new NorthstarError('INVALID_ARGUMENT', `pretrained embeddings need ${encoder.size} × ${dim} values, got ${options.pretrained.length}`);
    for (let r = 2; r < encoder.size; r++) {
      const row = options.pretrained.subarray(r * dim, (r + 1) * dim);
      if (row.some((v) => v !== 0)) p.embeddings.data.set(row, r * dim);
    }
  }
  if (options.from !== undefined) loadWeights(p, options.from, encoder.size, dim, c);
  const params = allParams(p);
  const optimizer = nn.train.adam(options.learningRate ?? 0.001);
  const history = { loss: [] as number[], valLoss: [] as number[], valAccuracy: [] as number[] };
  let best: { loss: number; epoch: number; values: Float32Array[] } | undefined;
  const maxEpochs = options.epochs ?? 10;
  let epoch = 0;
  for (; epoch < maxEpochs; epoch++) {
    const started = performance.now();
    let total = 0;
    for (const rows of makeBatches(ids.map((a) => a.length), batchSize, rng)) {
      total += nn.tidy(() => {
        const { x, lengths } = padBatch(ids, rows);
        const logits = forward(p, x, lengths, rate, rng);
        const loss = nn.ops.softmaxCrossEntropy(logits, nn.tensor1d(Float32Array.from(rows, (r) => y[r]!)), true);
        const value = loss.data[0]!;
        if (!Number.isFinite(value)) throw new NorthstarError('NN_NON_FINITE_LOSS', `TextCNN training stopped: the loss became ${value} at epoch ${epoch + 1}`);
        loss.backward();
        optimizer.step(params);
        for (const t of params) t.zeroGrad();
        p.embeddings.data.fill(0, 0, dim); // the padding row stays zero (inference skips it)
        return value * rows.length;
      });
    }
    const v = evaluate(exportWeights(p, dim, options.classes), valIds, valY);
    history.loss.push(total / ids.length);
    history.valLoss.push(v.loss);
    history.valAccuracy.push(v.accuracy);
    options.log?.(`epoch ${epoch + 1}/${maxEpochs}: loss ${(total / ids.length).toFixed(4)} val_loss ${v.loss.toFixed(4)} val_acc ${(100 * v.accuracy).toFixed(2)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    if (best === undefined || v.loss < best.loss) best = { loss: v.loss, epoch, values: params.map((t) => Float32Array.from(t.data)) };
    else if (epoch - best.epoch >= patience) {
      epoch++;
      break;
    }
  }
  best!.values.forEach((v, i) => params[i]!.data.set(v));
  const raw = exportWeights(p, dim, options.classes);
  const validation = calibrateLogits(evaluate(raw, valIds, valY).logits, valY);
  return {
    weights: { ...raw, temperature: validation.temperature, neutralEdge: validation.neutralEdge },
    encoder,
    validation,
    epochs: epoch,
    bestEpoch: best!.epoch + 1,
    history,
    trainSeconds: (performance.now() - t0) / 1000,
  };
}
