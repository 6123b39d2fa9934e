/**
 * English tokenisation for sentiment: lower-casing, contraction expansion ("can't" → "can not", PTB's split
 * "n't" → "not"), negation-scope marking (tokens after a negator get a `NEG_` prefix up to the next punctuation
 * or contrast word) and emoji / emoticons kept as tokens, because ":)" and "😡" carry much of a review's polarity.
 */

/** Options of {@link tokenizeEn}. */
export interface EnTokenizeOptions {
  /** Mark negation scope with the `NEG_` prefix (default true). */
  readonly markNegation?: boolean;
}

/** Words that open a negation scope. */
export const EN_NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot',
]);

/** Tokens that close a negation scope besides punctuation ("not cheap, but good": "good" is not negated). */
const SCOPE_BREAKERS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet']);

/** Punctuation that closes a negation scope. */
const SCOPE_PUNCT = /^[.,!?;:]+$/u;

/** The prefix marking a token inside a negation scope. */
export const NEG_PREFIX = 'NEG_';

// Emoticons first (longest first) so ":-)" is not split into ":" "-" ")".
const EMOTICON_SRC = String.raw`(?:[:;=8][-'^o]?[)(\]\[dpo/\\|*]+|[)(][-'^]?[:;=]|<\/?3+|\^_?\^|t_t|xd+)`;
const EMOJI_SRC = String.raw`(?:\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*)`;
const WORD_SRC = String.raw`(?:[\p{L}\p{N}]+(?:['’][\p{L}]+)*|n't|['’](?:s|re|ve|ll|m|d)\b)`;
const PUNCT_SRC = String.raw`(?:[.,!?;:]+)`;
const TOKEN_RE = new RegExp(`${EMOTICON_SRC}(?=\\s|$|[.,!?])|${EMOJI_SRC}|${WORD_SRC}|${PUNCT_SRC}`, 'gu');
const EMOTICON_RE = new RegExp(`^${EMOTICON_SRC}$`, 'u');
const EMOJI_RE = new RegExp(`^${EMOJI_SRC}$`, 'u');

const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  "won't": ['will', 'not'], "can't": ['can', 'not'], "shan't": ['shall', 'not'], "ain't": ['is', 'not'],
  "n't": ['not'], "it's": ['it', 'is'], "that's": ['that', 'is'], "what's": ['what', 'is'],
  "there's": ['there', 'is'], "he's": ['he', 'is'], "she's": ['she', 'is'], "let's": ['let', 'us'],
};
const SUFFIXES: readonly (readonly [string, string])[] = [
  ["n't", 'not'], ["'re", 'are'], ["'ve", 'have'], ["'ll", 'will'], ["'m", 'am'], ["'d", 'would'], ["'s", ''],
];

/** Expands one lower-cased word that may hold an apostrophe into its parts. */
function expandContraction(word: string): readonly string[] {
  const w = word.replace(/’/gu, "'");
  const irregular = IRREGULAR[w];
  if (irregular !== undefined) return irregular;
  for (const [suffix, full] of SUFFIXES) {
    // PTB-tokenised text (SST) splits "you 've" and "it 's" into separate tokens
    if (w === suffix) return full === '' ? [] : [full];
    if (w.endsWith(suffix) && w.length > suffix.length) {
      const head = w.slice(0, -suffix.length);
      // "'s" is mostly possessive: keep only the head
      return full === '' ? [head] : [head, full];
    }
  }
  return [w];
}

/** True for an emoji or emoticon token (never negation-marked, never lower-case sensitive). */
export function isEmojiToken(token: string): boolean {
  return EMOJI_RE.test(token) || EMOTICON_RE.test(token);
}

/** Tokenises English text; see the module comment for what is normalised. */
export function tokenizeEn(text: string, options: EnTokenizeOptions = {}): string[] {
  const markNegation = options.markNegation ?? true;
  const raw = text.toLowerCase().match(TOKEN_RE) ?? [];
  const tokens: string[] = [];
  for (const t of raw) {
    if (isEmojiToken(t)) tokens.push(t);
    else if (/['’]/u.test(t)) tokens.push(...expandContraction(t));
    else tokens.push(t);
  }
  if (!markNegation) return tokens;
  const out: string[] = [];
  let inScope = false;
  for (const t of tokens) {
    if (SCOPE_PUNCT.test(t) || SCOPE_BREAKERS.has(t)) {
      inScope = false;
      out.push(t);
    } else if (EN_NEGATORS.has(t)) {
      inScope = true;
      out.push(t);
    } else if (inScope && !isEmojiToken(t)) {
      out.push(NEG_PREFIX + t);
    } else {
      out.push(t);
    }
  }
  return out;
}
