/**
 * The one stable entry point for sentiment in Northstar: every sentiment model (the lexicon baseline, the
 * trained n-gram embedding-bag default, a user's fine-tuned model) is a {@link SentimentModel} whose `predict`
 * returns a {@link SentimentResult}. The feedback product, the API and the CLI code against this interface only,
 * so a better model can replace the default without touching them. Load models with
 * `loadDefaultSentimentModel()` / `loadSentimentModel()` in `src/core/sentiment/`.
 */
import type { TextLang } from './detect-lang.js';
import type { SentimentLabel } from './lexicon-sentiment.js';

export type { SentimentLabel } from './lexicon-sentiment.js';

/** The class names in the order every model reports them. */
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** One prediction (the lexicon baseline's shape, minus its lexicon hits). */
export interface SentimentResult {
  readonly label: SentimentLabel;
  /** Polarity in [-1, 1]: -1 very negative … 1 very positive (2·P(pos | not neutral) − 1 for trained models). */
  readonly score: number;
  /** Three-class probabilities; they sum to 1. */
  readonly probabilities: Readonly<Record<SentimentLabel, number>>;
  /** Probability of the chosen label. */
  readonly confidence: number;
  readonly lang: TextLang;
  /** True when the text was longer than the model's limit and only its start was scored. */
  readonly truncated: boolean;
}

/** What a model is, for model cards, `--json` output and the API. */
export interface SentimentModelInfo {
  /** Short name, e.g. "sentiment-default" or the folder name of a user model. */
  readonly name: string;
  /**
   * `lexicon` (hand-written baseline), `ngram-bag` (fastText-style), `mlp` (hidden layer over the bag),
   * `textcnn` (character convolutions, max over time), `by-language` (one sub-model per language, routed by
   * detected language).
   */
  readonly kind: 'lexicon' | 'ngram-bag' | 'mlp' | 'textcnn' | 'by-language';
  /** Languages the model was trained for. */
  readonly languages: readonly TextLang[];
  /** Free-form provenance (training data, date), from the model folder. */
  readonly description: string;
}

/** A sentiment model. `predict` never throws on odd text (empty, huge, HTML, emoji-only, unsupported language). */
export interface SentimentModel {
  readonly info: SentimentModelInfo;
  predict(text: string): SentimentResult;
  /** Same as mapping `predict`, possibly faster. */
  predictBatch(texts: readonly string[]): SentimentResult[];
}

/** P(positive | not neutral): the two-class reading of a result (the eval rule "positive when ≥ 0.5"). */
export function positiveShare(result: SentimentResult): number {
  const { positive, negative } = result.probabilities;
  const sum = positive + negative;
  return sum > 0 ? positive / sum : 0.5;
}

/** The "no usable signal" result: neutral with low confidence (uniform probabilities). */
export function noSignalResult(lang: TextLang, truncated = false): SentimentResult {
  const third = 1 / 3;
  return {
    label: 'neutral',
    score: 0,
    probabilities: { negative: third, neutral: third, positive: third },
    confidence: third,
    lang,
    truncated,
  };
}
