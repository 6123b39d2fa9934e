/**
 * Inference for the TextCNN sentiment model (Kim 2014): character embeddings → parallel 1-D convolutions of
 * widths k (ReLU, 'same' padding) → max over time per filter → one linear layer to class logits.
 *
 * Fast without tensors: a convolution over looked-up embeddings is linear in each token's row, so the product of
 * a vocabulary row with every kernel tap, P[v][j] = E[v]·K[j] ([filters]), is computed once, the first time the
 * token is read. A text
 * then costs Σ_branches k·filters additions per token (a few hundred) instead of k·dim·filters multiply-adds,
 * ~50× less: tens of microseconds per review on one core.
 */
import { detectLang } from './detect-lang.js';
import type { CharEncoder } from './char-vocab.js';
import { emojiResult, logitsToProbabilities, resultFrom } from './ngram-sentiment.js';
import type { SentimentLabel, SentimentModel, SentimentModelInfo, SentimentResult } from './sentiment-model.js';
import { normalizeText } from './text-features.js';

/** One convolution branch: kernel [kernelSize, dim, filters] (TF.js Conv1D layout), bias [filters]. */
export interface TextCnnBranch {
  readonly kernelSize: number;
  readonly filters: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** The weights and calibration of a trained TextCNN (what the model folder stores, besides the vocabulary). */
export interface TextCnnWeights {
  /** Rows of the embedding table (vocabulary + padding + unknown). */
  readonly vocabSize: number;
  readonly dim: number;
  readonly classes: readonly SentimentLabel[];
  /** [vocabSize, dim]; row 0 (padding) is zero. */
  readonly embeddings: Float32Array;
  readonly branches: readonly TextCnnBranch[];
  /** [Σ filters, classes] (branch after branch), bias [classes]. */
  readonly output: { readonly kernel: Float32Array; readonly bias: Float32Array };
  readonly temperature: number;
  readonly neutralEdge: number;
}

/**
 * Per-token tap products of every branch: tables[b][(v·k + j)·filters + o], filled row by row the first time a
 * token is read (`ready[v]`). Lazy because most of a 20,000-word vocabulary is rare: the tables are allocated
 * zeroed (the OS maps those pages only when written), so load time and resident memory follow the tokens
 * actually seen instead of vocabulary × Σk × filters floats up front (46 MB for a word model).
 */
export interface TextCnnTables {
  readonly tables: readonly Float32Array[];
  readonly ready: Uint8Array;
}

/** Allocates the (lazily filled) tap tables of a model. */
export function textCnnTables(w: TextCnnWeights): TextCnnTables {
  return { tables: w.branches.map(({ kernelSize: k, filters: f }) => new Float32Array(w.vocabSize * k * f)), ready: new Uint8Array(w.vocabSize) };
}

/** Fills token v's rows in every branch's table (E[v] times each kernel tap). */
function fillRow(w: TextCnnWeights, t: TextCnnTables, v: number): void {
  const { dim, embeddings } = w;
  for (let b = 0; b < w.branches.length; b++) {
    const { kernelSize: k, filters: f, kernel } = w.branches[b]!;
    const table = t.tables[b]!;
    for (let j = 0; j < k; j++) {
      const dst = (v * k + j) * f;
      for (let d = 0; d < dim; d++) {
        const e = embeddings[v * dim + d]!;
        if (e === 0) continue;
        const src = (j * dim + d) * f;
        for (let o = 0; o < f; o++) table[dst + o]! += e * kernel[src + o]!;
      }
    }
  }
  t.ready[v] = 1;
}

/** Class logits of a token-id sequence (empty → undefined); matches the training graph exactly. */
export function textCnnLogits(w: TextCnnWeights, t: TextCnnTables, ids: Int32Array): Float32Array | undefined {
  const len = ids.length;
  if (len === 0) return undefined;
  for (let s = 0; s < len; s++) {
    const v = ids[s]!;
    if (v !== 0 && t.ready[v] === 0) fillRow(w, t, v);
  }
  const c = w.classes.length;
  const logits = Float32Array.from(w.output.bias);
  const outKernel = w.output.kernel;
  let row = 0;
  // plain indexed loops over locals (no closures): this is the hot path of every prediction. A tap outside the
  // text reads row 0 (padding), which is never filled and stays zero, so the inner loops have no edge cases; the
  // common widths 2-4 get their own loop (one sum per filter, no accumulator array).
  const off = new Int32Array(8);
  for (let b = 0; b < w.branches.length; b++) {
    const { kernelSize: k, filters: f, bias } = w.branches[b]!;
    const table = t.tables[b]!;
    const before = (k - 1) >> 1; // TensorFlow 'same': the odd pad goes after
    const pooled = new Float32Array(f); // ReLU outputs are ≥ 0, so 0 is the identity of their max
    const taps = k > off.length ? new Int32Array(k) : off;
    for (let s = 0; s < len; s++) {
      for (let j = 0; j < k; j++) {
        const p = s + j - before;
        taps[j] = ((p >= 0 && p < len ? ids[p]! : 0) * k + j) * f;
      }
      if (k === 2) {
        const a0 = taps[0]!;
        const a1 = taps[1]!;
        for (let o = 0; o < f; o++) {
          const x = bias[o]! + table[a0 + o]! + table[a1 + o]!;
          if (x > pooled[o]!) pooled[o] = x;
        }
      } else if (k === 3) {
        const a0 = taps[0]!;
        const a1 = taps[1]!;
        const a2 = taps[2]!;
        for (let o = 0; o < f; o++) {
          const x = bias[o]! + table[a0 + o]! + table[a1 + o]! + table[a2 + o]!;
          if (x > pooled[o]!) pooled[o] = x;
        }
      } else if (k === 4) {
        const a0 = taps[0]!;
        const a1 = taps[1]!;
        const a2 = taps[2]!;
        const a3 = taps[3]!;
        for (let o = 0; o < f; o++) {
          const x = bias[o]! + table[a0 + o]! + table[a1 + o]! + table[a2 + o]! + table[a3 + o]!;
          if (x > pooled[o]!) pooled[o] = x;
        }
      } else {
        for (let o = 0; o < f; o++) {
          let x = bias[o]!;
          for (let j = 0; j < k; j++) x += table[taps[j]! + o]!;
          if (x > pooled[o]!) pooled[o] = x;
        }
      }
    }
    for (let o = 0; o < f; o++, row++) {
      const p = pooled[o]!;
      if (p === 0) continue;
      for (let q = 0; q < c; q++) logits[q]! += p * outKernel[row * c + q]!;
    }
  }
  return logits;
}

/** Longest text read, in characters (as the n-gram models). */
const MAX_CHARS = 2000;

/** Wraps trained weights and their encoder as a {@link SentimentModel} (texts in other languages: no signal). */
export function createTextCnnSentimentModel(w: TextCnnWeights, encoder: CharEncoder, info: SentimentModelInfo): SentimentModel {
  const tables = textCnnTables(w);
  const predict = (text: string): SentimentResult => {
    const input = typeof text === 'string' ? text : '';
    const cut = input.length > MAX_CHARS;
    const clipped = cut ? input.slice(0, MAX_CHARS) : input;
    const { lang } = detectLang(normalizeText(clipped));
    const { ids, truncated } = encoder.encode(clipped);
    const logits = lang === 'other' ? undefined : textCnnLogits(w, tables, ids);
    if (logits === undefined) return emojiResult([...normalizeText(clipped).matchAll(EMOJI_RE)].map((m) => m[0]), lang, cut || truncated);
    return resultFrom(logitsToProbabilities({ classes: w.classes, temperature: w.temperature, neutralEdge: w.neutralEdge }, logits), lang, cut || truncated);
  };
  return { info, predict, predictBatch: (texts) => texts.map(predict) };
}

const EMOJI_RE = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*/gu;
