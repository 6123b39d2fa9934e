/**
 * Character-level tokens and a vocabulary table for the TextCNN sentiment model. Chinese reviews are read
 * character by character (every Han character, punctuation mark and emoji is a token), Latin letters and digits
 * as whole runs ("iphone", "128"), so no segmenter is needed and jieba's mistakes cannot hurt; the convolution
 * learns the n-grams. Ids: 0 is padding, 1 an unknown token, 2.. the vocabulary in order of frequency.
 */
import { normalizeText } from './text-features.js';
import type { ZhTokenizer } from './tokenize-zh.js';

/** Padding id (zero embedding) and the id of tokens outside the vocabulary. */
export const PAD_ID = 0;
export const UNK_ID = 1;

/** One token per Han character / symbol / emoji (with its modifiers), one per Latin-or-digit run. */
const TOKEN_RE = /[a-z]+|[0-9]+|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*|[^\s]/gu;

/** The tokens of a text (normalised first: HTML stripped, NFKC, lower-case; whitespace dropped). */
export function charTokens(text: string): string[] {
  return normalizeText(text).match(TOKEN_RE) ?? [];
}

/** Splits a text into the tokens a vocabulary is built from and an encoder looks up ({@link charTokens} by default). */
export type TokenSplitter = (text: string) => string[];

/**
 * Word tokens for a word-level model: the normalised text segmented by jieba (words, punctuation marks, Latin
 * runs). Seen from a character model's errors, words are a different view of the same review (a second model
 * family for an ensemble), at the price of jieba's segmentation mistakes on slang and typos.
 */
export function wordTokens(zh: ZhTokenizer): TokenSplitter {
  return (text) => zh.tokenize(normalizeText(text)).filter((t) => !/\s/u.test(t));
}

/** Options of {@link buildCharVocab}. */
export interface CharVocabOptions {
  /** Tokens seen fewer times are unknown (default 2: a token seen once teaches nothing that generalises). */
  readonly minCount?: number;
  /** Largest vocabulary, padding and unknown included (default 20,000). */
  readonly maxSize?: number;
  /** Token splitter (default {@link charTokens}; a word-level model passes a segmenter). */
  readonly tokens?: TokenSplitter;
}

/** Builds the token list (index + 2 = id) from training texts, most frequent first, ties in code-point order. */
export function buildCharVocab(texts: Iterable<string>, options: CharVocabOptions = {}): string[] {
  const minCount = options.minCount ?? 2;
  const maxSize = options.maxSize ?? 20_000;
  const split = options.tokens ?? charTokens;
  const counts = new Map<string, number>();
  for (const t of texts) for (const tok of split(t)) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, maxSize - 2))
    .map(([tok]) => tok);
}

/** Encodes texts to ids with a fixed vocabulary; long texts keep their head and tail. */
export interface CharEncoder {
  readonly vocab: readonly string[];
  /** Vocabulary size including padding and unknown (the embedding table's rows). */
  readonly size: number;
  readonly maxLength: number;
  /** Ids of a text (empty when it has no tokens); `truncated` when tokens were dropped. */
  encode(text: string): { ids: Int32Array; truncated: boolean };
}

/**
 * An encoder over `vocab` (tokens split by `tokens`, which must be the splitter the vocabulary was built with). Texts longer than `maxLength` tokens keep the first 2/3 and the last 1/3 (a review's
 * verdict is often its last sentence).
 */
export function createCharEncoder(vocab: readonly string[], maxLength: number, tokens: TokenSplitter = charTokens): CharEncoder {
  const index = new Map<string, number>();
  vocab.forEach((tok, i) => index.set(tok, i + 2));
  const head = Math.ceil((2 * maxLength) / 3);
  return {
    vocab,
    size: vocab.length + 2,
    maxLength,
    encode(text) {
      let toks = tokens(text);
      const truncated = toks.length > maxLength;
      if (truncated) toks = [...toks.slice(0, head), ...toks.slice(toks.length - (maxLength - head))];
      return { ids: Int32Array.from(toks, (t) => index.get(t) ?? UNK_ID), truncated };
    },
  };
}
