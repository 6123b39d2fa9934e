/**
 * Hashed n-gram features for the trained sentiment models (the hashing trick: every feature string is hashed
 * into a fixed number of buckets, so the model's size does not grow with the vocabulary and unseen words still
 * map somewhere). Chinese text gives jieba words, word bigrams and Han character uni/bi-grams (characters cover
 * jieba's segmentation mistakes and new slang); English text gives negation-marked words and word bigrams;
 * emoji are features in every language. Pure: the caller passes the jieba tokenizer.
 */
import { detectLang, type TextLang } from './detect-lang.js';
import { isEmojiToken, tokenizeEn } from './tokenize-en.js';
import type { ZhTokenizer } from './tokenize-zh.js';

/** Options of {@link createTextFeaturizer}. */
export interface TextFeaturizerOptions {
  readonly zh: ZhTokenizer;
  /** Hash buckets including the padding id 0 (ids are 1..buckets-1). */
  readonly buckets: number;
  /** Longest text featurised, in characters (default 2,000); longer texts are cut and flagged. */
  readonly maxChars?: number;
  /** Most distinct features kept per text, in order of appearance (default 512). */
  readonly maxFeatures?: number;
  /** Also Han character trigrams (default false; older model folders were trained without them). */
  readonly charTrigrams?: boolean;
}

/** Features of one text. */
export interface TextFeatures {
  /** Distinct bucket ids in 1..buckets-1, in order of first appearance. */
  readonly ids: Int32Array;
  readonly lang: TextLang;
  readonly truncated: boolean;
  /** Emoji and emoticons found (for the emoji-only fallback). */
  readonly emoji: readonly string[];
}

/** Turns a text into hashed feature ids. */
export interface TextFeaturizer {
  readonly buckets: number;
  featurize(text: string): TextFeatures;
}

const EMOJI_RE = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*/gu;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
const HAN = /\p{Script=Han}/u;
const PUNCT_ONLY = /^[\p{P}\p{S}\s]+$/u;

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across platforms and versions (the model depends on it). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Strips HTML tags and common entities, applies NFKC (full-width → half-width) and lower-cases. */
export function normalizeText(text: string): string {
  return text
    .replace(/<[^>]{0,200}>/gu, ' ')
    .replace(/&(#39|[a-z]{2,4});/gu, (m, name: string) => ENTITIES[name] ?? m)
    .normalize('NFKC')
    .toLowerCase();
}

/** The feature strings of a text (before hashing); exported for tests and for explaining predictions. */
export function featureStrings(text: string, lang: TextLang, zh: ZhTokenizer, charTrigrams = false): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(EMOJI_RE)) out.push(`e|${m[0]}`);
  if (lang === 'zh') {
    const words = zh.tokenize(text).filter((t) => !/^\s+$/u.test(t));
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      out.push(`w|${w}`);
      const next = words[i + 1];
      if (next !== undefined && !(PUNCT_ONLY.test(w) && PUNCT_ONLY.test(next))) out.push(`W|${w} ${next}`);
    }
    // Han characters and adjacent pairs: robust to segmentation errors ("不好吃" → 不好, 好吃)
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!HAN.test(c)) continue;
      out.push(`c|${c}`);
      const n = chars[i + 1];
      if (n === undefined || !HAN.test(n)) continue;
      out.push(`C|${c}${n}`);
      const n2 = chars[i + 2];
      if (charTrigrams && n2 !== undefined && HAN.test(n2)) out.push(`T|${c}${n}${n2}`);
    }
  } else if (lang === 'en') {
    const words = tokenizeEn(text);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!isEmojiToken(w)) out.push(`w|${w}`);
      const next = words[i + 1];
      if (next !== undefined) out.push(`W|${w} ${next}`);
    }
  }
  return out;
}

/** Creates a featurizer; `featurize` never throws (empty or odd text gives no ids). */
export function createTextFeaturizer(options: TextFeaturizerOptions): TextFeaturizer {
  const { buckets, zh } = options;
  const maxChars = options.maxChars ?? 2000;
  const maxFeatures = options.maxFeatures ?? 512;
  return {
    buckets,
    featurize(input: string): TextFeatures {
      const truncated = input.length > maxChars;
      const text = normalizeText(truncated ? input.slice(0, maxChars) : input);
      const { lang } = detectLang(text);
      const strings = featureStrings(text, lang, zh, options.charTrigrams === true);
      const seen = new Set<number>();
      const ids: number[] = [];
      for (const s of strings) {
        const id = 1 + (fnv1a(s) % (buckets - 1));
        if (seen.has(id)) continue;
        seen.add(id);
        ids.push(id);
        if (ids.length >= maxFeatures) break;
      }
      const emoji = strings.filter((s) => s.startsWith('e|')).map((s) => s.slice(2));
      return { ids: Int32Array.from(ids), lang, truncated, emoji };
    },
  };
}

/**
 * A featurizer that remembers its last text: the members of an ensemble share one featurizer and featurise the
 * same text in turn, so jieba runs once per prediction instead of once per member. The cached ids are read-only
 * to every model (they only index embedding rows).
 */
export function rememberLastText(featurizer: TextFeaturizer): TextFeaturizer {
  let lastText: string | undefined;
  let last: TextFeatures | undefined;
  return {
    buckets: featurizer.buckets,
    featurize(text: string): TextFeatures {
      if (last !== undefined && text === lastText) return last;
      last = featurizer.featurize(text);
      lastText = text;
      return last;
    },
  };
}
