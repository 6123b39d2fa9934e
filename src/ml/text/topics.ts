/**
 * Groups short texts (complaints, reviews) into topics by keyword co-occurrence communities: the frequent
 * content terms become nodes, two terms are linked by how often they appear in the same text (Ochiai
 * coefficient cooc / √(df·df)), and a deterministic label propagation finds the communities. Each text then
 * joins the community whose terms it carries most (weighted by idf), and each topic keeps a few representative
 * quotes. No randomness: node order is by document frequency, then term, so equal input gives equal topics.
 */
import { fitTfIdf, type Keyword } from './keywords.js';

/** A text to group: its id, content tokens (e.g. `contentTokens`), the text for quotes, and its sentiment. */
export interface TopicDocument {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly text: string;
  /** Sentiment score in [-1, 1]; quotes prefer the most negative texts when `preferNegative`. */
  readonly score?: number;
}

/** One topic. */
export interface Topic {
  /** Stable id: `t:` + the topic's most frequent term. */
  readonly id: string;
  /** The topic's terms by document frequency among its texts (at most 8). */
  readonly keywords: readonly Keyword[];
  /** The top three terms joined by " / ", for display. */
  readonly label: string;
  readonly size: number;
  readonly documentIds: readonly string[];
  /** Up to `quotes` representative texts (distinct). */
  readonly quotes: readonly { readonly id: string; readonly text: string }[];
  /** Mean sentiment score of its texts that have one (null when none). */
  readonly meanScore: number | null;
}

/** Options of {@link groupTopics}. */
export interface TopicOptions {
  /** Most topics returned (default 10). */
  readonly maxTopics?: number;
  /** Terms considered (most frequent first; default 80). */
  readonly maxTerms?: number;
  /** A term needs at least this many texts (default max(2, 1 % of texts)). */
  readonly minDf?: number;
  /** Smallest Ochiai link kept (default 0.3). */
  readonly minLink?: number;
  /** Fewest linked terms a community needs to become a topic (default 2: one word alone is rarely a theme). */
  readonly minTerms?: number;
  /** Representative quotes per topic (default 3). */
  readonly quotes?: number;
  /** Quotes prefer the most negative texts (complaint topics; default true). */
  readonly preferNegative?: boolean;
}

/** Result of {@link groupTopics}. */
export interface TopicGrouping {
  readonly topics: readonly Topic[];
  /** Texts that joined no returned topic. */
  readonly unassigned: number;
}

function byTerm(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic label propagation over a weighted graph; returns a community label per node. */
export function labelPropagation(weights: readonly (readonly number[])[], maxRounds = 30): number[] {
  const n = weights.length;
  const labels = Array.from({ length: n }, (_, i) => i);
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const score = new Map<number, number>();
      const row = weights[i] ?? [];
      for (let j = 0; j < n; j++) {
        const w = row[j] ?? 0;
        if (j === i || w <= 0) continue;
        const label = labels[j] ?? j;
        score.set(label, (score.get(label) ?? 0) + w);
      }
      if (score.size === 0) continue;
      const current = labels[i] ?? i;
      let best = current;
      let bestScore = score.get(current) ?? -1;
      for (const [label, s] of score) {
        // ties go to the smaller label (the more frequent term), so the result never depends on Map order
        if (s > bestScore + 1e-12 || (Math.abs(s - bestScore) <= 1e-12 && label < best)) {
          best = label;
          bestScore = s;
        }
      }
      if (best !== current) {
        labels[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return labels;
}

/** Groups texts into topics (see the module comment). Empty input gives no topics. */
export function groupTopics(docs: readonly TopicDocument[], options: TopicOptions = {}): TopicGrouping {
  const maxTopics = options.maxTopics ?? 10;
  const maxTerms = options.maxTerms ?? 80;
  const minDf = options.minDf ?? Math.max(2, Math.ceil(docs.length * 0.01));
  const minLink = options.minLink ?? 0.3;
  const minTerms = options.minTerms ?? 2;
  const quoteCount = options.quotes ?? 3;
  const preferNegative = options.preferNegative ?? true;
  const tfidf = fitTfIdf(docs.map((d) => d.tokens));

  const dfs = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tokens)) dfs.set(t, (dfs.get(t) ?? 0) + 1);
  const terms = [...dfs]
    .filter(([, df]) => df >= minDf)
    .sort((a, b) => b[1] - a[1] || byTerm(a[0], b[0]))
    .slice(0, maxTerms)
    .map(([t]) => t);
  const index = new Map(terms.map((t, i) => [t, i]));

  const cooc = terms.map(() => new Array<number>(terms.length).fill(0));
  for (const d of docs) {
    const present = [...new Set(d.tokens)].map((t) => index.get(t)).filter((i): i is number => i !== undefined);
    for (const a of present) for (const b of present) if (a !== b) (cooc[a] as number[])[b] = ((cooc[a] as number[])[b] ?? 0) + 1;
  }
  const weights = cooc.map((row, a) =>
    row.map((c, b) => {
      const link = c / Math.sqrt((dfs.get(terms[a] ?? '') ?? 1) * (dfs.get(terms[b] ?? '') ?? 1));
      return c >= 2 && link >= minLink ? link : 0;
    }),
  );
  const labels = labelPropagation(weights);
  const sizes = new Map<number, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const communityOf = new Map<string, number>();
  terms.forEach((t, i) => {
    const label = labels[i] ?? i;
    if ((sizes.get(label) ?? 0) >= minTerms) communityOf.set(t, label);
  });
  // how firmly a term sits in its community (sum of its links inside it): a noise word that joined through one
  // weak link must not outvote the community's core terms when a text is assigned
  const strength = new Map<string, number>();
  terms.forEach((t, i) => {
    const label = communityOf.get(t);
    if (label === undefined) return;
    let sum = 0;
    terms.forEach((u, j) => {
      if (j !== i && communityOf.get(u) === label) sum += weights[i]?.[j] ?? 0;
    });
    strength.set(t, sum);
  });

  // each text joins the community whose terms it carries most (idf × strength); ties go to the smaller label
  const members = new Map<number, TopicDocument[]>();
  let unassigned = 0;
  for (const d of docs) {
    const score = new Map<number, number>();
    for (const t of new Set(d.tokens)) {
      const c = communityOf.get(t);
      if (c !== undefined) score.set(c, (score.get(c) ?? 0) + tfidf.idf(t) * (strength.get(t) ?? 0));
    }
    let best: number | undefined;
    let bestScore = 0;
    for (const [c, s] of score) if (s > bestScore + 1e-12 || (Math.abs(s - bestScore) <= 1e-12 && best !== undefined && c < best)) [best, bestScore] = [c, s];
    if (best === undefined) unassigned++;
    else members.set(best, [...(members.get(best) ?? []), d]);
  }

  const topics = [...members].map(([community, list]) => buildTopic(community, list, communityOf, quoteCount, preferNegative));
  topics.sort((a, b) => b.size - a.size || byTerm(a.id, b.id));
  const kept = topics.slice(0, maxTopics);
  for (const dropped of topics.slice(maxTopics)) unassigned += dropped.size;
  return { topics: kept, unassigned };
}

function buildTopic(community: number, list: readonly TopicDocument[], communityOf: ReadonlyMap<string, number>, quoteCount: number, preferNegative: boolean): Topic {
  const own = new Map<string, number>();
  for (const d of list) for (const t of new Set(d.tokens)) if (communityOf.get(t) === community) own.set(t, (own.get(t) ?? 0) + 1);
  const keywords = [...own].sort((a, b) => b[1] - a[1] || byTerm(a[0], b[0])).slice(0, 8).map(([term, df]) => ({ term, weight: df }));
  const coverage = (d: TopicDocument): number => d.tokens.filter((t) => own.has(t)).length;
  const ranked = [...list].sort(
    (a, b) =>
      coverage(b) - coverage(a) ||
      (preferNegative ? (a.score ?? 0) - (b.score ?? 0) : 0) ||
      a.text.length - b.text.length ||
      byTerm(a.id, b.id),
  );
  const quotes: { id: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const d of ranked) {
    if (quotes.length >= quoteCount) break;
    if (seen.has(d.text)) continue;
    seen.add(d.text);
    quotes.push({ id: d.id, text: d.text });
  }
  const scored = list.filter((d) => d.score !== undefined);
  return {
    id: `t:${keywords[0]?.term ?? String(community)}`,
    keywords,
    label: keywords.slice(0, 3).map((k) => k.term).join(' / '),
    size: list.length,
    documentIds: list.map((d) => d.id),
    quotes,
    meanScore: scored.length === 0 ? null : scored.reduce((s, d) => s + (d.score ?? 0), 0) / scored.length,
  };
}
