/**
 * Inference for the trained sentiment models: a fastText-style bag of hashed n-gram embeddings (mean) → an
 * optional ReLU hidden layer (the "MLP" variant) → class logits. Plain loops over Float32Arrays: a prediction
 * touches only the rows of its features, so one review costs a few microseconds and needs no tensors.
 *
 * Three classes from binary corpora: a binary model's calibrated positive probability is
 * p = σ((logit_pos − logit_neg) / T), with T fitted on a validation split; "neutral" is the band |z| < z* where
 * the model is close to guessing (z* is fitted on validation too, see `calibrate-sentiment.ts`). The neutral
 * mass n(z) = 0.98·exp(−(z/β)²) is chosen so that neutral is the most probable class exactly inside the band, and
 * P(pos) = p·(1 − n), P(neg) = (1 − p)·(1 − n): P(pos | not neutral) stays p.
 */
import type { TextLang } from './detect-lang.js';
import { EMOJI_POLARITY } from './sentiment-lexicon.js';
import { noSignalResult, type SentimentLabel, type SentimentModel, type SentimentModelInfo, type SentimentResult } from './sentiment-model.js';
import type { TextFeaturizer } from './text-features.js';

/** The weights and calibration of a trained model (what the model folder stores). */
export interface NgramSentimentWeights {
  readonly buckets: number;
  readonly dim: number;
  /** `['negative', 'positive']` (binary corpora) or all three. */
  readonly classes: readonly SentimentLabel[];
  /** [buckets, dim], row 0 is padding. */
  readonly embeddings: Float32Array;
  /** Optional hidden layer (ReLU): kernel [dim, units], bias [units]. */
  readonly hidden?: { readonly units: number; readonly kernel: Float32Array; readonly bias: Float32Array };
  /** Output layer: kernel [in, classes], bias [classes]. */
  readonly output: { readonly kernel: Float32Array; readonly bias: Float32Array };
  /** Logit temperature (fitted on validation; 1 = uncalibrated). */
  readonly temperature: number;
  /** Binary models: |z| below this is neutral (0 = never neutral). */
  readonly neutralEdge: number;
}

/** Class logits of a bag of feature ids (empty bag → undefined). */
export function ngramLogits(w: NgramSentimentWeights, ids: Int32Array): Float32Array | undefined {
  if (ids.length === 0) return undefined;
  const { dim } = w;
  const bag = new Float32Array(dim);
  for (let k = 0; k < ids.length; k++) {
    const row = ids[k]! * dim;
    for (let j = 0; j < dim; j++) bag[j]! += w.embeddings[row + j]!;
  }
  for (let j = 0; j < dim; j++) bag[j]! /= ids.length;
  let x = bag;
  if (w.hidden !== undefined) {
    const { units, kernel, bias } = w.hidden;
    const h = new Float32Array(units);
    for (let u = 0; u < units; u++) {
      let s = bias[u]!;
      for (let j = 0; j < dim; j++) s += x[j]! * kernel[j * units + u]!;
      h[u] = s > 0 ? s : 0;
    }
    x = h;
  }
  const c = w.classes.length;
  const out = new Float32Array(c);
  for (let k = 0; k < c; k++) {
    let s = w.output.bias[k]!;
    for (let j = 0; j < x.length; j++) s += x[j]! * w.output.kernel[j * c + k]!;
    out[k] = s;
  }
  return out;
}

/** Largest neutral mass (at z = 0): below 1 so P(pos | not neutral) stays defined everywhere. */
const NEUTRAL_PEAK = 0.98;

/** β of the neutral mass so that neutral and the winning polar class tie exactly at |z| = edge. */
export function neutralWidth(edge: number): number {
  if (edge <= 0) return 0;
  const p = 1 / (1 + Math.exp(-edge));
  const nStar = p / (1 + p);
  return edge / Math.sqrt(-Math.log(nStar / NEUTRAL_PEAK));
}

/** Three-class probabilities of a binary model's calibrated logit z (see the module comment). */
export function binaryToThreeClass(z: number, edge: number): Record<SentimentLabel, number> {
  const p = 1 / (1 + Math.exp(-z));
  const beta = neutralWidth(edge);
  const n = beta > 0 ? NEUTRAL_PEAK * Math.exp(-((z / beta) ** 2)) : 0;
  return { negative: (1 - p) * (1 - n), neutral: n, positive: p * (1 - n) };
}

/** Probabilities from logits with the model's temperature and classes. */
export function logitsToProbabilities(w: Pick<NgramSentimentWeights, 'classes' | 'temperature' | 'neutralEdge'>, logits: Float32Array): Record<SentimentLabel, number> {
  if (w.classes.length === 2) return binaryToThreeClass((logits[1]! - logits[0]!) / w.temperature, w.neutralEdge);
  const max = Math.max(...logits);
  const e = Array.from(logits, (l) => Math.exp((l - max) / w.temperature));
  const total = e.reduce((a, b) => a + b, 0);
  const probs: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  w.classes.forEach((c, i) => (probs[c] = e[i]! / total));
  return probs;
}

/** Builds a result from probabilities: the label is the most probable class (neutral wins ties). */
export function resultFrom(probabilities: Record<SentimentLabel, number>, lang: TextLang, truncated: boolean): SentimentResult {
  let label: SentimentLabel = 'neutral';
  if (probabilities.positive > probabilities[label]) label = 'positive';
  if (probabilities.negative > probabilities[label]) label = 'negative';
  const { positive, negative } = probabilities;
  const score = positive + negative > 0 ? (positive - negative) / (positive + negative) : 0;
  return { label, score, probabilities, confidence: probabilities[label], lang, truncated };
}

/** Emoji-only fallback: the lexicon's emoji polarities, same evidence → probability map as the baseline. */
export function emojiResult(emoji: readonly string[], lang: TextLang, truncated: boolean): SentimentResult {
  let sum = 0;
  for (const e of emoji) sum += EMOJI_POLARITY[e] ?? 0;
  if (sum === 0) return noSignalResult(lang, truncated);
  const neutral = Math.exp(-2 * Math.abs(sum));
  const pos = 1 / (1 + Math.exp(-2 * sum));
  return resultFrom({ negative: (1 - neutral) * (1 - pos), neutral, positive: (1 - neutral) * pos }, lang, truncated);
}

/** Wraps trained weights and a featurizer (with the same bucket count) as a {@link SentimentModel}. */
export function createNgramSentimentModel(w: NgramSentimentWeights, featurizer: TextFeaturizer, info: SentimentModelInfo): SentimentModel {
  const predict = (text: string): SentimentResult => {
    const f = featurizer.featurize(typeof text === 'string' ? text : '');
    // no Chinese/English features (empty, unsupported language, emoji-only): the model has nothing to read
    const logits = f.lang === 'other' ? undefined : ngramLogits(w, f.ids);
    if (logits === undefined) return emojiResult(f.emoji, f.lang, f.truncated);
    return resultFrom(logitsToProbabilities(w, logits), f.lang, f.truncated);
  };
  return { info, predict, predictBatch: (texts) => texts.map(predict) };
}
