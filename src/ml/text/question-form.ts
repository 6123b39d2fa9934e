/**
 * Whether a text reads as a question or a request by its form: a question mark, a Chinese question particle or
 * interrogative (吗, 呢, 怎么, 如何, 什么, 为什么, 哪, 谁, 多少, 请问...), or an English question word order
 * ("can I", "is there", "how do", "where is"). Used to guard the "no opinion" gate: a support question is the gate's
 * target, while a statement ("The app keeps crashing after the update") is feedback whose polarity must never
 * be hidden, whatever its topic. Deliberately broad; the lexicon guard removes opinionated questions ("为什么
 * 这么慢？太差了").
 */
import { createLexiconSentiment } from './lexicon-sentiment.js';
import type { ZhTokenizer } from './tokenize-zh.js';

const ZH_QUESTION = /[?？]|吗|呢|怎么|怎样|如何|什么|为什么|为啥|哪|谁|多少|几[个点时天号]|是否|能否|请问/u;
// English asks by word order: a sentence opening with an auxiliary and its subject ("can I", "is there") or with
// a wh-word and its verb ("how do", "where is"); a mere "is" or "when" inside a statement is not a question
const EN_QUESTION =
  /(?:^|[.!;]\s+)(?:(?:is|are|was|were|do|does|did|can|could|will|would|should|may|have|has)\s+(?:i|you|we|they|it|there|this|that|my|your|the|a|an|he|she)\b|(?:how|what|why|when|where|which|who)\s+(?:do|does|did|is|are|was|were|can|could|will|would|should|to|much|many|long|often)\b)/iu;

/** True when `text` has a question mark, a Chinese interrogative or particle, or English question word order. */
export function looksLikeQuestion(text: string): boolean {
  return ZH_QUESTION.test(text) || EN_QUESTION.test(text.trimStart());
}

/** Summed lexicon weights at or above this magnitude are an opinion the gate must not hide (one weak word: 0.5-0.75). */
const LEXICON_OPINION = 0.5;
/** Lexicon words that mean "can" / "convenient to" inside a question ("在哪里可以查看账单？"), not praise. */
const QUESTION_MODALS = new Set(['可以', '方便', 'can', 'could']);

/**
 * The guard of the shipped "no opinion" gates (`gated-sentiment.ts`): the text reads as a question or request by
 * its form, and the hand-written lexicon finds no opinion in it. Trained on reviews vs support questions, a gate
 * partly learns topic, so unguarded it called "The app keeps crashing after the update" and "你们的APP真好用"
 * no-opinion; guarded, statements keep their polarity and so do opinionated questions ("为什么这么慢？太差了").
 * Measured in docs/sentiment.md.
 */
export function questionWithoutOpinion(zh: ZhTokenizer): (text: string) => boolean {
  const lexicon = createLexiconSentiment({ zh });
  return (text) => {
    if (!looksLikeQuestion(text)) return false;
    const evidence = lexicon.predict(text).hits.reduce((sum, h) => (QUESTION_MODALS.has(h.token) ? sum : sum + h.weight), 0);
    return Math.abs(evidence) < LEXICON_OPINION;
  };
}
