/**
 * Chinese word segmentation with jieba (`@node-rs/jieba`, native Rust port), plus a user dictionary so product
 * names and domain terms ("续航能力", "拍照效果") stay one token. Pure: the caller passes the dictionary bytes
 * (e.g. `dict` from `@node-rs/jieba/dict.js`), so this module performs no file I/O itself.
 */
import { Jieba } from '@node-rs/jieba';
import { NorthstarError } from '../../common/errors.js';

/** One user-dictionary entry; a bare string means the word with a high default frequency. */
export interface UserWord {
  readonly word: string;
  /** jieba frequency; higher wins over the built-in segmentation (default 100000). */
  readonly freq?: number;
  /** Optional part-of-speech tag such as "n". */
  readonly tag?: string;
}

/** Options of {@link createZhTokenizer}. */
export interface ZhTokenizerOptions {
  /** The jieba main dictionary, e.g. `dict` from `@node-rs/jieba/dict.js`. */
  readonly dict: Uint8Array;
  /** Extra words that must stay whole. */
  readonly userWords?: readonly (string | UserWord)[];
  /** Use jieba's HMM for unknown words (default true: helps with new product slang). */
  readonly hmm?: boolean;
}

/** A reusable Chinese tokenizer. */
export interface ZhTokenizer {
  /** Segments text; whitespace is dropped, punctuation kept as tokens, Latin runs lower-cased. */
  tokenize(text: string): string[];
  /** Adds user-dictionary words after creation. */
  addWords(words: readonly (string | UserWord)[]): void;
}

const DEFAULT_USER_FREQ = 100_000;

/** Renders user words as jieba dictionary lines ("word freq [tag]"), rejecting words jieba cannot hold. */
export function userDictLines(words: readonly (string | UserWord)[]): string {
  const lines: string[] = [];
  for (const w of words) {
    const entry: UserWord = typeof w === 'string' ? { word: w } : w;
    const word = entry.word.trim();
    // jieba's dictionary format is whitespace separated, so a word with a space would corrupt the line
    if (word.length === 0 || /\s/u.test(word)) {
      throw new NorthstarError('INVALID_ARGUMENT', `user dictionary word "${entry.word}" is empty or contains whitespace`);
    }
    const freq = entry.freq ?? DEFAULT_USER_FREQ;
    if (!Number.isInteger(freq) || freq <= 0) {
      throw new NorthstarError('INVALID_ARGUMENT', `user dictionary word "${word}" needs a positive integer freq`);
    }
    if (entry.tag !== undefined && !/^[a-z]{1,8}$/iu.test(entry.tag)) {
      throw new NorthstarError('INVALID_ARGUMENT', `user dictionary tag "${entry.tag}" must be 1-8 letters`);
    }
    lines.push(entry.tag === undefined ? `${word} ${freq}` : `${word} ${freq} ${entry.tag}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Creates a Chinese tokenizer over the given jieba dictionary and optional user words. */
export function createZhTokenizer(options: ZhTokenizerOptions): ZhTokenizer {
  const jieba = Jieba.withDict(options.dict);
  const hmm = options.hmm ?? true;
  const addWords = (words: readonly (string | UserWord)[]): void => {
    const text = userDictLines(words);
    if (text.length > 0) jieba.loadDict(new TextEncoder().encode(text));
  };
  if (options.userWords !== undefined) addWords(options.userWords);
  return {
    tokenize(text: string): string[] {
      if (text.length === 0) return [];
      const out: string[] = [];
      for (const tok of jieba.cut(text, hmm)) {
        const t = tok.trim();
        if (t.length > 0) out.push(t.toLowerCase());
      }
      return out;
    },
    addWords,
  };
}
