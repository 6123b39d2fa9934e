/**
 * A "no opinion" gate in front of a sentiment model. The shipped models learn polarity from reviews (binary
 * corpora): their neutral class is only a band of low confidence between the two polarities, so a support
 * question ("How do I locate my card?", "花呗怎么还款") is read as an opinion, mostly a negative one. The gate is
 * a three-class model trained on reviews (negative / positive) and on questions and requests (neutral); its
 * P(neutral) = g is read as P(no opinion), and the gated result is
 *
 *   P = g · onehot(neutral) + (1 − g) · P_sentiment
 *
 * so both polarities shrink by the same factor: P(pos) / (P(pos) + P(neg)) — {@link positiveShare}, the two-class
 * reading every accuracy figure uses — and the polarity score are exactly the sentiment model's. Only the label
 * (argmax) and the confidence move.
 */
import { resultFrom } from './ngram-sentiment.js';
import type { SentimentModel, SentimentModelInfo, SentimentResult } from './sentiment-model.js';

/** Options of {@link createGatedSentimentModel}. */
export interface GatedSentimentOptions {
  /**
   * Added to logit(g) before gating (default 0): > 0 calls more texts "no opinion", < 0 fewer. Chosen on
   * validation by the trainer when the gate's own calibration does not land where the product needs it.
   */
  readonly shift?: number;
  /**
   * When the gate may act at all (default: always). The shipped default passes "reads as a question or request
   * and the lexicon finds no opinion": trained on reviews vs support questions, the gate partly learns topic
   * (apps, banking) and would otherwise hide in-product complaints such as "The app keeps crashing".
   */
  readonly applies?: (text: string) => boolean;
}

/** Keeps logit(g) finite for a gate that is certain to float precision. */
const G_CLAMP = 1e-9;

/** P(no opinion) after the logit shift. */
export function shiftedGate(g: number, shift: number): number {
  if (shift === 0) return g;
  const p = Math.min(1 - G_CLAMP, Math.max(G_CLAMP, g));
  return 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + shift)));
}

/**
 * Mixes one sentiment result with the gate's P(no opinion) `g` (exported so a trainer can recombine cached
 * results while choosing settings, without predicting again).
 */
export function gateResult(sentiment: SentimentResult, g: number): SentimentResult {
  const keep = 1 - g;
  const p = sentiment.probabilities;
  return resultFrom({ negative: keep * p.negative, neutral: g + keep * p.neutral, positive: keep * p.positive }, sentiment.lang, sentiment.truncated);
}

/**
 * Whether the gate read anything: texts without Chinese or English features (empty, other languages, emoji only)
 * come back with language `other`, and then the gate's answer is its no-signal fallback, not evidence.
 */
export function gateHasSignal(sentiment: SentimentResult, gate: SentimentResult): boolean {
  return sentiment.lang !== 'other' && gate.lang !== 'other';
}

/**
 * Wraps `sentiment` with the gate `gate` (a model whose `probabilities.neutral` is P(no opinion)). Texts the gate
 * has no signal for keep the sentiment model's result unchanged.
 */
export function createGatedSentimentModel(sentiment: SentimentModel, gate: SentimentModel, info: SentimentModelInfo, options: GatedSentimentOptions = {}): SentimentModel {
  const shift = options.shift ?? 0;
  if (!Number.isFinite(shift)) throw new RangeError('a gate shift must be a finite number');
  const applies = options.applies;
  const predict = (text: string): SentimentResult => {
    const s = sentiment.predict(text);
    if (applies !== undefined && !applies(text)) return s;
    const g = gate.predict(text);
    return gateHasSignal(s, g) ? gateResult(s, shiftedGate(g.probabilities.neutral, shift)) : s;
  };
  return { info, predict, predictBatch: (texts) => texts.map(predict) };
}
