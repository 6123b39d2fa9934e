/**
 * A sentiment model made of one sub-model per language, routed by {@link detectLang}. A bilingual bag trained on
 * Chinese and English together shares one output layer, one learning-rate schedule and one early-stopping point
 * between corpora of very different sizes (SST-2's 67k phrases dominate), which measurably cost the Chinese
 * side ~2 points; separate sub-models behind the same {@link SentimentModel} interface avoid that while the
 * product still sees one model.
 */
import { detectLang, type TextLang } from './detect-lang.js';
import type { SentimentModel, SentimentModelInfo, SentimentResult } from './sentiment-model.js';
import { resultFrom } from './ngram-sentiment.js';
import { normalizeText } from './text-features.js';

/** Sub-models by language; `fallback` reads texts whose language has no route (and `other`). */
export interface SentimentRoutes {
  readonly routes: Partial<Readonly<Record<TextLang, SentimentModel>>>;
  readonly fallback: SentimentModel;
}

/** Longest prefix looked at to pick the route (detection needs far less than the models read). */
const DETECT_CHARS = 2000;

/** The sub-model that reads `text` (exported for tests and for explaining a prediction). */
export function routeFor(r: SentimentRoutes, text: string): SentimentModel {
  const { lang } = detectLang(normalizeText(text.length > DETECT_CHARS ? text.slice(0, DETECT_CHARS) : text));
  return r.routes[lang] ?? r.fallback;
}

/** Wraps per-language sub-models as one {@link SentimentModel}; `predict` never throws (the sub-models do not). */
export function createRoutedSentimentModel(r: SentimentRoutes, info: SentimentModelInfo): SentimentModel {
  const predict = (text: string): SentimentResult => {
    const t = typeof text === 'string' ? text : '';
    return routeFor(r, t).predict(t);
  };
  return { info, predict, predictBatch: (texts) => texts.map(predict) };
}

/**
 * Averages the three-class probabilities of several models trained on the same data with different seeds or
 * features (a probability-averaging ensemble: bag models overfit in different directions, so their average is
 * steadier than any one). `weights` (one per member, normalised here; default equal) let a different model
 * family join with the share chosen on validation. Language and truncation come from the first member.
 */
export function createEnsembleSentimentModel(members: readonly SentimentModel[], info: SentimentModelInfo, weights?: readonly number[]): SentimentModel {
  const first = members[0];
  if (first === undefined) throw new RangeError('an ensemble needs at least one member');
  if (weights !== undefined && (weights.length !== members.length || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0))) {
    throw new RangeError(`an ensemble of ${members.length} needs as many non-negative weights, not all zero`);
  }
  if (members.length === 1) return first;
  const total = weights === undefined ? members.length : weights.reduce((a, b) => a + b, 0);
  const share = members.map((_, i) => (weights === undefined ? 1 : weights[i]!) / total);
  const predict = (text: string): SentimentResult => {
    const results = members.map((m) => m.predict(text));
    const head = results[0]!;
    const probs = { negative: 0, neutral: 0, positive: 0 };
    results.forEach((r, i) => {
      const w = share[i]!;
      probs.negative += w * r.probabilities.negative;
      probs.neutral += w * r.probabilities.neutral;
      probs.positive += w * r.probabilities.positive;
    });
    return resultFrom(probs, head.lang, head.truncated);
  };
  return { info, predict, predictBatch: (texts) => texts.map(predict) };
}
