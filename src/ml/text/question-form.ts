/**
 * Whether a text reads as a question or a request by its form: a question mark, a Chinese question particle or
 * interrogative (吗, 呢, 怎么, 如何, 什么, 为什么, 哪, 谁, 多少, 请问...), or an English question word order
 * ("can I", "is there", "how do", "where is"). Used to guard the "no opinion" gate: a support question is the gate's
 * target, while a statement ("The app keeps crashing after the update") is feedback whose polarity must never
 * be hidden, whatever its topic. Deliberately broad; the lexicon guard removes opinionated questions ("为什么
 * 这么慢？太差了").
 */
const ZH_QUESTION = /[?？]|吗|呢|怎么|怎样|如何|什么|为什么|为啥|哪|谁|多少|几[个点时天号]|是否|能否|请问/u;
// English asks by word order: a sentence opening with an auxiliary and its subject ("can I", "is there") or with
// a wh-word and its verb ("how do", "where is"); a mere "is" or "when" inside a statement is not a question
const EN_QUESTION =
  /(?:^|[.!;]\s+)(?:(?:is|are|was|were|do|does|did|can|could|will|would|should|may|have|has)\s+(?:i|you|we|they|it|there|this|that|my|your|the|a|an|he|she)\b|(?:how|what|why|when|where|which|who)\s+(?:do|does|did|is|are|was|were|can|could|will|would|should|to|much|many|long|often)\b)/iu;

/** True when `text` has a question mark, a Chinese interrogative or particle, or English question word order. */
export function looksLikeQuestion(text: string): boolean {
  return ZH_QUESTION.test(text) || EN_QUESTION.test(text.trimStart());
}
