/**
 * Keyword extraction for feedback in Chinese and English: content tokens (jieba or the English tokenizer, minus
 * stop-words, punctuation, numbers and emoji) and TF-IDF weights over a corpus of such token lists. Pure and
 * deterministic: ties are broken by the term itself, so the same corpus always yields the same keyword order.
 */
import { detectLang, type TextLang } from './detect-lang.js';
import { isStopToken } from './keywords-stopwords.js';
import { tokenizeEn } from './tokenize-en.js';
import type { ZhTokenizer } from './tokenize-zh.js';

/** A keyword with its weight (TF-IDF, or a count where stated). */
export interface Keyword {
  readonly term: string;
  readonly weight: number;
}

/** Longest text tokenised for keywords, in characters; longer texts contribute their start only. */
export const KEYWORD_MAX_CHARS = 5_000;
/** Most content tokens kept per text (the distinct ones, in order of first appearance). */
export const KEYWORD_MAX_TOKENS = 40;

/** Removes HTML tags and entities so markup never becomes a keyword. */
export function stripHtml(text: string): string {
  return text.replace(/<[^>]{0,200}>/gu, ' ').replace(/&(?:[a-z]{2,8}|#\d{1,6});/giu, ' ');
}

/**
 * The distinct content tokens of a text in order of first appearance (at most {@link KEYWORD_MAX_TOKENS}).
 * English words lose a plural "s" so "prices" and "price" meet; Chinese goes through jieba.
 */
export function contentTokens(text: string, zh: ZhTokenizer, lang: TextLang = detectLang(text).lang): string[] {
  const clean = stripHtml(text.length > KEYWORD_MAX_CHARS ? text.slice(0, KEYWORD_MAX_CHARS) : text);
  const raw = lang === 'zh' ? zh.tokenize(clean) : tokenizeEn(clean, { markNegation: false });
  const out: string[] = [];
  const seen = new Set<string>();
  for (const token of raw) {
    // stop-words are checked before and after singularising ("does" must not become "doe")
    if (isStopToken(token, lang)) continue;
    const t = lang === 'zh' ? token : singular(token);
    if (isStopToken(t, lang) || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
    if (out.length >= KEYWORD_MAX_TOKENS) break;
  }
  return out;
}

/** A light English singulariser: enough to merge "prices"/"price", "batteries"/"battery"; leaves "glass" alone. */
export function singular(word: string): string {
  if (!/^[a-z]{4,}$/u.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Document frequencies and inverse document frequencies of a corpus. */
export interface TfIdf {
  /** Number of documents fitted. */
  readonly documents: number;
  /** How many documents contain `term`. */
  df(term: string): number;
  /** Smoothed idf: ln((1 + N) / (1 + df)) + 1, as scikit-learn's default, so unseen terms still weigh. */
  idf(term: string): number;
  /** The top `k` terms of one document by tf × idf (ties by term). */
  keywordsOf(tokens: readonly string[], k: number): Keyword[];
  /** The top `k` terms of the whole corpus by summed tf × idf over its documents (ties by term). */
  topTerms(k: number, minDf?: number): Keyword[];
}

/** Sorts keywords by weight descending, then by term, so results never depend on insertion order. */
export function sortKeywords(list: Keyword[]): Keyword[] {
  return list.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Fits document frequencies over `corpus` (each document a token list, e.g. from {@link contentTokens}). */
export function fitTfIdf(corpus: readonly (readonly string[])[]): TfIdf {
  const dfs = new Map<string, number>();
  const totals = new Map<string, number>();
  const n = corpus.length;
  for (const doc of corpus) for (const t of new Set(doc)) dfs.set(t, (dfs.get(t) ?? 0) + 1);
  const idf = (term: string): number => Math.log((1 + n) / (1 + (dfs.get(term) ?? 0))) + 1;
  for (const doc of corpus) {
    if (doc.length === 0) continue;
    for (const [t, c] of termCounts(doc)) totals.set(t, (totals.get(t) ?? 0) + (c / doc.length) * idf(t));
  }
  return {
    documents: n,
    df: (term) => dfs.get(term) ?? 0,
    idf,
    keywordsOf(tokens, k) {
      if (tokens.length === 0) return [];
      const list = [...termCounts(tokens)].map(([term, c]) => ({ term, weight: (c / tokens.length) * idf(term) }));
      return sortKeywords(list).slice(0, Math.max(0, k));
    },
    topTerms(k, minDf = 1) {
      const list = [...totals].filter(([t]) => (dfs.get(t) ?? 0) >= minDf).map(([term, weight]) => ({ term, weight }));
      return sortKeywords(list).slice(0, Math.max(0, k));
    },
  };
}

/** Options of {@link textRank}. */
export interface TextRankOptions {
  /** Co-occurrence window in tokens (default 3: a token links to the next two). */
  readonly window?: number;
  /** PageRank damping (default 0.85). */
  readonly damping?: number;
  /** Power iterations (default 50; stops earlier when the ranks settle). */
  readonly iterations?: number;
}

/**
 * TextRank keywords of one text (Mihalcea & Tarau 2004): content tokens in text order (stop-words already removed,
 * repeats kept) form an undirected graph linking tokens within `window` of each other, and PageRank over it ranks
 * them. Useful where there is no corpus for idf (a single long review, a ticket thread). Ties by term.
 */
export function textRank(tokens: readonly string[], k: number, options: TextRankOptions = {}): Keyword[] {
  const window = Math.max(2, options.window ?? 3);
  const d = options.damping ?? 0.85;
  const terms = [...new Set(tokens)].sort();
  if (terms.length === 0) return [];
  const index = new Map(terms.map((t, i) => [t, i]));
  const edges = terms.map(() => new Map<number, number>());
  for (let i = 0; i < tokens.length; i++) {
    const a = index.get(tokens[i] ?? '') ?? -1;
    for (let j = i + 1; j < Math.min(tokens.length, i + window); j++) {
      const b = index.get(tokens[j] ?? '') ?? -1;
      if (a < 0 || b < 0 || a === b) continue;
      edges[a]?.set(b, (edges[a]?.get(b) ?? 0) + 1);
      edges[b]?.set(a, (edges[b]?.get(a) ?? 0) + 1);
    }
  }
  const out = edges.map((e) => [...e.values()].reduce((s, w) => s + w, 0));
  let rank = terms.map(() => 1 / terms.length);
  for (let it = 0; it < (options.iterations ?? 50); it++) {
    const next = terms.map((_, i) => {
      let s = 0;
      for (const [j, w] of edges[i] ?? []) s += (w / (out[j] || 1)) * (rank[j] ?? 0);
      return 1 - d + d * s;
    });
    const delta = next.reduce((m, v, i) => Math.max(m, Math.abs(v - (rank[i] ?? 0))), 0);
    rank = next;
    if (delta < 1e-9) break;
  }
  return sortKeywords(terms.map((term, i) => ({ term, weight: rank[i] ?? 0 }))).slice(0, Math.max(0, k));
}
