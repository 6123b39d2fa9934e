import { topK } from '../../ml/recommend/top-k.js';
import type { ServingScorer } from './item-scorer.js';
import type { ModelVersion } from './serving-registry.js';
import type { UserRow } from './user-row.js';

/** Why an item is in a list, in both languages the product speaks. */
export type Explanation =
  | { kind: 'seen_item'; itemId: string; event: string; en: string; zh: string }
  | { kind: 'history'; en: string; zh: string }
  | { kind: 'trending'; en: string; zh: string };

/** One recommended item. */
export interface RecommendedItem {
  itemId: string;
  score: number;
  category: string | null;
  explanation: Explanation;
}

/** Filters and re-ranking of one request. */
export interface RankOptions {
  k: number;
  excludePurchased: boolean;
  category?: string | undefined;
  /** MMR trade-off in [0, 1]: 0 = by score only; higher spreads the list over categories (λ = 1 − diversity). */
  diversity?: number | undefined;
}

const PHRASES: Record<string, { en: (t: string) => string; zh: (t: string) => string }> = {
  product_viewed: { en: (t) => `Because you viewed ${t}`, zh: (t) => `因为你浏览过「${t}」` },
  product_added_to_cart: { en: (t) => `Because you added ${t} to your cart`, zh: (t) => `因为你把「${t}」加入了购物车` },
  order_completed: { en: (t) => `Because you bought ${t}`, zh: (t) => `因为你购买过「${t}」` },
};

function seenExplanation(model: ModelVersion, item: number, event: string): Explanation {
  const itemId = model.itemIds[item]!;
  const title = model.titles[item] ?? { en: itemId, zh: itemId };
  const phrase = PHRASES[event];
  if (phrase === undefined) return { kind: 'seen_item', itemId, event, en: `Because of your ${event} on ${title.en}`, zh: `因为你对「${title.zh}」的 ${event}` };
  return { kind: 'seen_item', itemId, event, en: phrase.en(title.en), zh: phrase.zh(title.zh) };
}

const TRENDING: Explanation = { kind: 'trending', en: 'Trending in this shop', zh: '本店热门' };
// A factor model's known user is scored from their trained vector; when no single seen item pulls towards the
// item (every fold-in contribution ≤ 0), naming one would be wrong, so the list says what it is based on.
const HISTORY: Explanation = { kind: 'history', en: 'Based on your activity', zh: '根据你的浏览和购买记录' };
const TRENDING_IN = (c: string): Explanation => ({ kind: 'trending', en: `Trending in ${c}`, zh: `${c} 类热门` });

/** Sets every item that fails the filters to −∞, so top-k skips it. */
function applyFilters(model: ModelVersion, scores: Float32Array, excluded: ArrayLike<number>, category: string | undefined): void {
  for (let t = 0; t < excluded.length; t++) scores[excluded[t] as number] = Number.NEGATIVE_INFINITY;
  if (category !== undefined) {
    for (let j = 0; j < scores.length; j++) if (model.categories[j] !== category) scores[j] = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998) over the candidates: each pick maximises
 * λ·relevance − (1 − λ)·similarity to the items already picked, similarity being "same category".
 */
export function mmr(candidates: Int32Array, scores: Float32Array, categories: ReadonlyArray<string | undefined>, k: number, lambda: number): Int32Array {
  if (candidates.length === 0) return candidates;
  const s = Array.from(candidates, (i) => scores[i]!);
  const max = Math.max(...s);
  const min = Math.min(...s);
  const rel = s.map((v) => (max > min ? (v - min) / (max - min) : 1));
  const picked: number[] = [];
  const left = new Set(candidates.keys());
  const taken = new Map<string, number>();
  while (picked.length < k && left.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const c of left) {
      const cat = categories[candidates[c]!];
      const sim = cat !== undefined && (taken.get(cat) ?? 0) > 0 ? 1 : 0;
      const value = lambda * rel[c]! - (1 - lambda) * sim;
      if (value > bestValue) [best, bestValue] = [c, value];
    }
    left.delete(best);
    picked.push(candidates[best]!);
    const cat = categories[candidates[best]!];
    if (cat !== undefined) taken.set(cat, (taken.get(cat) ?? 0) + 1);
  }
  return Int32Array.from(picked);
}

/** The trending list (cold start): items by recent distinct users, optionally in one category. */
export function trendingList(model: ModelVersion, options: RankOptions, excluded: ArrayLike<number> = []): RecommendedItem[] {
  const scores = model.trending.slice();
  applyFilters(model, scores, excluded, options.category);
  // Items nobody touched recently carry no signal; they are not "trending".
  for (let j = 0; j < scores.length; j++) if (!(scores[j]! > 0)) scores[j] = Number.NEGATIVE_INFINITY;
  const ranked = topK(scores, options.k);
  const why = options.category === undefined ? TRENDING : TRENDING_IN(options.category);
  return Array.from(ranked.items, (j, r) => ({
    itemId: model.itemIds[j]!,
    score: ranked.scores[r]!,
    category: model.categories[j] ?? null,
    explanation: why,
  }));
}

const scratch = new WeakMap<ModelVersion, { scores: Float32Array; w: Float32Array }>();

/** The per-version score and weight-row buffers of {@link rankForUser}. */
function scratchFor(model: ModelVersion, n: number): { scores: Float32Array; w: Float32Array } {
  let s = scratch.get(model);
  if (s === undefined || s.scores.length !== n) scratch.set(model, (s = { scores: new Float32Array(n), w: new Float32Array(n) }));
  return s;
}

/**
 * Ranks items for a user row: scores through the model's item-item view (or the trained user vector for a
 * factor model's known user), filters, optional MMR, and explains each item by the seen item that
 * contributed most to its score. Slots the personal scores cannot fill (no positive score) get trending items.
 */
export function rankForUser(
  model: ModelVersion,
  scorer: ServingScorer,
  row: UserRow,
  knownUser: number | undefined,
  options: RankOptions,
): RecommendedItem[] {
  const itemItem = scorer.itemItem;
  if (itemItem === undefined) return trendingList(model, options, options.excludePurchased ? row.purchased : []);
  const n = model.itemIds.length;
  // Requests run one at a time on this thread and the buffers are read only before returning, so one score
  // buffer and one weight-row buffer per model version serve every request without allocating.
  const { scores, w: rowBuffer } = scratchFor(model, n);
  if (scorer.kind === 'factors' && knownUser !== undefined) model.model.scoreUser(knownUser, scores);
  else itemItem.scoreRow(row.items, row.values, scores);
  // Items without a positive score carry no personal signal: trending fills those slots below.
  for (let j = 0; j < n; j++) if (!(scores[j]! > 0)) scores[j] = Number.NEGATIVE_INFINITY;
  applyFilters(model, scores, options.excludePurchased ? row.purchased : [], options.category);
  const diversity = options.diversity ?? 0;
  const pool = topK(scores, diversity > 0 ? Math.min(n, options.k * 4) : options.k).items;
  const chosen = diversity > 0 ? mmr(pool, scores, model.categories, options.k, 1 - diversity) : pool;

  // Contribution of each seen item to each chosen item: one weight row per seen item.
  const best = new Float64Array(chosen.length).fill(Number.NEGATIVE_INFINITY);
  const bestSeen = new Int32Array(chosen.length).fill(-1);
  const w = rowBuffer;
  const pair = scorer.pair;
  for (let t = 0; t < row.items.length; t++) {
    const i = row.items[t]!;
    if (pair === undefined) itemItem.itemRow(i, w);
    const weight = itemItem.rowWeight(row.values[t]!);
    for (let c = 0; c < chosen.length; c++) {
      const v = weight * (pair === undefined ? w[chosen[c]!]! : pair(i, chosen[c]!));
      if (v > best[c]!) [best[c], bestSeen[c]] = [v, t];
    }
  }
  const out: RecommendedItem[] = Array.from(chosen, (j, c) => {
    const t = bestSeen[c]!;
    return {
      itemId: model.itemIds[j]!,
      score: scores[j]!,
      category: model.categories[j] ?? null,
      explanation: t < 0 || !(best[c]! > 0) ? HISTORY : seenExplanation(model, row.items[t]!, row.strongest[t]!),
    };
  });
  if (out.length < options.k) {
    const have = new Set(out.map((r) => r.itemId));
    const excluded = options.excludePurchased ? row.purchased : [];
    for (const extra of trendingList(model, { ...options, k: options.k + have.size }, excluded)) {
      if (out.length >= options.k) break;
      if (!have.has(extra.itemId)) out.push(extra);
    }
  }
  return out;
}
