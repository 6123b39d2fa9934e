/**
 * The fast lexicon sentiment baseline for Chinese and English: tokens are looked up in the hand-written
 * lexicon of `sentiment-lexicon.ts`; intensifiers scale the next polarity word, negators flip it (weakened:
 * "not good" is milder than "bad"), contrast words ("but", "但是") down-weight the clause before them, and emoji
 * count in every language. The sum maps to a score in [-1, 1] and to three calibrated-ish class probabilities:
 * the neutral mass shrinks as net evidence grows, so a text without any lexicon hit is neutral with certainty
 * about "no signal" rather than a coin flip.
 */
import { detectLang, type TextLang } from './detect-lang.js';
import { EMOJI_POLARITY, EN_LEXICON, ZH_LEXICON, type LanguageLexicon } from './sentiment-lexicon.js';
import { NEG_PREFIX, tokenizeEn } from './tokenize-en.js';
import type { ZhTokenizer } from './tokenize-zh.js';

/** The three sentiment classes. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** One lexicon hit, for explaining a prediction. */
export interface LexiconHit {
  readonly token: string;
  readonly weight: number;
}

/** A prediction of {@link LexiconSentiment.predict}. */
export interface SentimentPrediction {
  readonly label: SentimentLabel;
  /** tanh of the summed evidence: -1 very negative … 1 very positive. */
  readonly score: number;
  readonly probabilities: Readonly<Record<SentimentLabel, number>>;
  /** Probability of the chosen label. */
  readonly confidence: number;
  readonly lang: TextLang;
  readonly hits: readonly LexiconHit[];
  /** True when the text was longer than the limit and only its start was scored. */
  readonly truncated: boolean;
}

/** Options of {@link createLexiconSentiment}. */
export interface LexiconSentimentOptions {
  /** Chinese tokenizer (jieba); Chinese texts need it. */
  readonly zh: ZhTokenizer;
  /** Longest text scored, in characters (default 10,000); longer ones are cut, never rejected. */
  readonly maxChars?: number;
}

/** The lexicon baseline model. */
export interface LexiconSentiment {
  predict(text: string): SentimentPrediction;
}

const NEGATION_FACTOR = -0.6;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;
const NEGATION_WINDOW = 3;
const BREAK = /^[\p{P}\p{S}]+$/u;

/** Polarity of a token: emoji first (language-independent), then the language's words. */
function polarityOf(token: string, lex: LanguageLexicon): number | undefined {
  return EMOJI_POLARITY[token] ?? lex.polarity[token];
}

/** True when a polarity word follows within `window` tokens, before any punctuation. */
function polarityAhead(tokens: readonly string[], i: number, window: number, lex: LanguageLexicon): boolean {
  for (let j = i + 1; j < tokens.length && j <= i + window; j++) {
    const t = tokens[j] ?? '';
    const bare = t.startsWith(NEG_PREFIX) ? t.slice(NEG_PREFIX.length) : t;
    if (polarityOf(bare, lex) !== undefined) return true;
    if (BREAK.test(t) && EMOJI_POLARITY[t] === undefined) return false;
  }
  return false;
}

/** Sums lexicon evidence over tokens; returns the net sum and the hits. */
export function scoreTokens(tokens: readonly string[], lex: LanguageLexicon): { sum: number; hits: LexiconHit[] } {
  let sum = 0;
  let intensity = 1;
  let negated = false;
  let clauseWeight = 1;
  const hits: LexiconHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i] ?? '';
    // English negation arrives as a NEG_ prefix from the tokenizer; Chinese negation is found by window below
    const markedNeg = raw.startsWith(NEG_PREFIX);
    const t = markedNeg ? raw.slice(NEG_PREFIX.length) : raw;
    if (lex.contrast.has(t)) {
      sum *= CONTRAST_BEFORE;
      for (let h = 0; h < hits.length; h++) {
        const hit = hits[h];
        if (hit !== undefined) hits[h] = { token: hit.token, weight: hit.weight * CONTRAST_BEFORE };
      }
      clauseWeight = CONTRAST_AFTER;
      intensity = 1;
      negated = false;
      continue;
    }
    // a word that is both a negator/intensifier and a polarity word ("不够", "好") acts as the former only
    // when a polarity word follows
    if (lex.negators.has(t) && !markedNeg && polarityAhead(tokens, i, NEGATION_WINDOW, lex)) {
      negated = true;
      continue;
    }
    const boost = lex.intensifiers[t];
    if (boost !== undefined && polarityAhead(tokens, i, 1, lex)) {
      intensity *= boost;
      continue;
    }
    const p = polarityOf(t, lex);
    if (p !== undefined) {
      const isEmoji = EMOJI_POLARITY[t] !== undefined;
      const neg = !isEmoji && (negated || markedNeg);
      // negation ignores intensity: "not very good" is mildly negative, not strongly
      const w = (neg ? p * NEGATION_FACTOR : p * intensity) * clauseWeight;
      sum += w;
      hits.push({ token: raw, weight: w });
      intensity = 1;
      negated = false;
    } else if (BREAK.test(t)) {
      intensity = 1;
      negated = false;
    }
  }
  return { sum, hits };
}

/** Maps net evidence to a score and class probabilities (neutral mass decays with |evidence|). */
export function evidenceToPrediction(sum: number): { score: number; probabilities: Record<SentimentLabel, number> } {
  const neutral = Math.exp(-2 * Math.abs(sum));
  const pos = 1 / (1 + Math.exp(-2 * sum));
  return {
    score: Math.tanh(sum / 2),
    probabilities: { negative: (1 - neutral) * (1 - pos), neutral, positive: (1 - neutral) * pos },
  };
}

/** Creates the lexicon baseline; `predict` never throws on odd input (empty, HTML, emoji-only, huge). */
export function createLexiconSentiment(options: LexiconSentimentOptions): LexiconSentiment {
  const maxChars = options.maxChars ?? 10_000;
  return {
    predict(input: string): SentimentPrediction {
      const truncated = input.length > maxChars;
      const text = (truncated ? input.slice(0, maxChars) : input).replace(/<[^>]{0,200}>/gu, ' ');
      const { lang } = detectLang(text);
      const { sum, hits } =
        lang === 'zh'
          ? scoreTokens(options.zh.tokenize(text), ZH_LEXICON)
          : scoreTokens(tokenizeEn(text), EN_LEXICON);
      const { score, probabilities } = evidenceToPrediction(sum);
      let label: SentimentLabel = 'neutral';
      if (probabilities.positive > probabilities[label]) label = 'positive';
      if (probabilities.negative > probabilities[label]) label = 'negative';
      return { label, score, probabilities, confidence: probabilities[label], lang, hits, truncated };
    },
  };
}
