/**
 * Aspect-level sentiment in Chinese and English: a text is cut into clauses (sentence punctuation, commas, and
 * contrast words such as "但是" / "but", which is where opinions turn), each clause is scored by a sentence
 * sentiment model, and every aspect the clause names (see `aspects-lexicon.ts`) takes that clause's score,
 * nudged by the aspect's own opinion cues ("等了一个星期" → delivery negative). Pure and deterministic.
 */
import { ASPECT_LEXICON, type AspectEntry } from './aspects-lexicon.js';
import { stripHtml } from './keywords.js';

/** Scores one clause in [-1, 1] (e.g. `text => lexicon.predict(text).score`). */
export type ClauseScorer = (clause: string) => number;

/** One aspect named in one clause. */
export interface AspectMention {
  readonly aspect: string;
  /** The term or cue that named it. */
  readonly term: string;
  readonly clause: string;
  /** Clause sentiment adjusted by the aspect's cues, in [-1, 1]. */
  readonly score: number;
}

/** The sentiment of one aspect over a whole text (mean of its mentions). */
export interface AspectSentiment {
  readonly aspect: string;
  readonly score: number;
  readonly label: 'negative' | 'neutral' | 'positive';
  readonly mentions: number;
}

/** Options of {@link extractAspects}. */
export interface AspectOptions {
  readonly scorer: ClauseScorer;
  /** Aspect table (default {@link ASPECT_LEXICON}). */
  readonly lexicon?: Readonly<Record<string, AspectEntry>>;
  /** Longest text analysed, in characters (default 5,000); the rest is ignored. */
  readonly maxChars?: number;
}

/** Scores at or beyond ±this are negative / positive; in between neutral. */
export const ASPECT_LABEL_THRESHOLD = 0.15;
const CUE_WEIGHT = 0.5;
const HAN = /\p{Script=Han}/u;
// Where an opinion turns or a new one starts; contrast words stay at the head of the clause that follows.
const CLAUSE_BREAK = /[。！？!?；;，,、\n\r]+|\.(?=\s|$)|(?=但是|不过|可是|然而)|(?=\b(?:but|however|although|though)\b)/iu;
const ZH_NEGATORS = ['没有', '不', '没', '无', '未'];
const EN_NEGATORS = new Set(['not', 'no', 'never', "wasn't", "isn't", "didn't", 'without']);

/** Splits a text into trimmed, non-empty clauses. */
export function splitClauses(text: string): string[] {
  return text
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter((c) => /[\p{L}\p{N}]/u.test(c));
}

interface CompiledAspect {
  readonly key: string;
  readonly terms: readonly Matcher[];
  readonly cues: readonly (Matcher & { polarity: number })[];
}

interface Matcher {
  readonly term: string;
  /** Position of the term in the lower-cased clause, or -1. */
  find(lower: string): number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function matcher(term: string): Matcher {
  const lower = term.toLowerCase();
  if (HAN.test(lower)) return { term, find: (s) => s.indexOf(lower) };
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(lower)}(?![\\p{L}\\p{N}])`, 'u');
  return { term, find: (s) => re.exec(s)?.index ?? -1 };
}

const compiledCache = new WeakMap<object, CompiledAspect[]>();

function compile(lexicon: Readonly<Record<string, AspectEntry>>): CompiledAspect[] {
  const cached = compiledCache.get(lexicon);
  if (cached !== undefined) return cached;
  const out = Object.entries(lexicon).map(([key, entry]) => ({
    key,
    terms: [...entry.zh, ...entry.en].map(matcher),
    cues: Object.entries(entry.cues ?? {}).map(([cue, polarity]) => ({ ...matcher(cue), polarity })),
  }));
  compiledCache.set(lexicon, out);
  return out;
}

/** True when a negator sits right before position `at` ("没有破损", "not damaged"). */
function negatedAt(lower: string, at: number): boolean {
  const before = lower.slice(Math.max(0, at - 3), at);
  if (ZH_NEGATORS.some((n) => before.endsWith(n))) return true;
  const words = lower.slice(0, at).trim().split(/\s+/u);
  return EN_NEGATORS.has(words.at(-1) ?? '');
}

/** The aspect mentions of one text, clause by clause, in text order. */
export function aspectMentions(text: string, options: AspectOptions): AspectMention[] {
  const maxChars = options.maxChars ?? 5_000;
  const aspects = compile(options.lexicon ?? ASPECT_LEXICON);
  const mentions: AspectMention[] = [];
  for (const clause of splitClauses(stripHtml(text.slice(0, maxChars)))) {
    const lower = clause.toLowerCase();
    let base: number | undefined;
    for (const aspect of aspects) {
      let term: string | undefined;
      let cueSum = 0;
      for (const cue of aspect.cues) {
        const at = cue.find(lower);
        if (at < 0) continue;
        cueSum += negatedAt(lower, at) ? -cue.polarity : cue.polarity;
        term ??= cue.term;
      }
      for (const m of aspect.terms) {
        if (m.find(lower) >= 0) {
          term = m.term;
          break;
        }
      }
      if (term === undefined) continue;
      // the clause is scored once, lazily: most clauses name no aspect
      base ??= options.scorer(clause);
      const cue = Math.max(-2, Math.min(2, cueSum)) * CUE_WEIGHT;
      mentions.push({ aspect: aspect.key, term, clause, score: Math.max(-1, Math.min(1, base + cue)) });
    }
  }
  return mentions;
}

/** Label of an aspect score. */
export function aspectLabel(score: number): AspectSentiment['label'] {
  return score <= -ASPECT_LABEL_THRESHOLD ? 'negative' : score >= ASPECT_LABEL_THRESHOLD ? 'positive' : 'neutral';
}

/** Aspect-level sentiment of a text: one entry per aspect named, in order of first mention. */
export function extractAspects(text: string, options: AspectOptions): AspectSentiment[] {
  const byAspect = new Map<string, { sum: number; n: number }>();
  for (const m of aspectMentions(text, options)) {
    const acc = byAspect.get(m.aspect) ?? { sum: 0, n: 0 };
    acc.sum += m.score;
    acc.n += 1;
    byAspect.set(m.aspect, acc);
  }
  return [...byAspect].map(([aspect, { sum, n }]) => {
    const score = sum / n;
    return { aspect, score, label: aspectLabel(score), mentions: n };
  });
}
