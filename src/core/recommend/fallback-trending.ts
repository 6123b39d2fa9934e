import { decayFactor } from '../../ml/recommend/time-decay.js';
import type { EventStore } from '../../store/event-store.js';
import { itemOfEvent } from './store-interactions.js';
import type { RecommendedItem } from './rank-for-user.js';

/** Options of {@link trendingFromStore}. */
export interface StoreTrendingOptions {
  k: number;
  category?: string | undefined;
  eventWeights: Readonly<Record<string, number>>;
  itemProperty: string;
  /** Latest events scanned (default 20,000): a bounded read, so a request stays cheap on big projects. */
  window?: number;
  exclude?: ReadonlySet<string>;
}

/**
 * Trending items straight from the store, for projects without a trained model: distinct users per item over
 * the latest `window` events, each user's touch decayed with a 7-day half-life from the last event.
 */
export async function trendingFromStore(store: EventStore, projectId: string, options: StoreTrendingOptions): Promise<RecommendedItem[]> {
  const window = options.window ?? 20_000;
  const total = await store.countEvents(projectId);
  if (total === 0) return [];
  const events = await store.readEvents(projectId, { limit: window, offset: Math.max(0, total - window) });
  const last = events.length === 0 ? 0 : events[events.length - 1]!.timestamp.getTime() / 1000;
  const latestTouch = new Map<string, Map<string, number>>();
  const categories = new Map<string, string>();
  for (const e of events) {
    if (options.eventWeights[e.event] === undefined) continue;
    const item = itemOfEvent(e, options.itemProperty);
    if (item === undefined || options.exclude?.has(item) === true) continue;
    const category = e.properties['category'];
    if (typeof category === 'string') categories.set(item, category);
    let users = latestTouch.get(item);
    if (users === undefined) latestTouch.set(item, (users = new Map()));
    users.set(e.distinctId, e.timestamp.getTime() / 1000);
  }
  const scored: RecommendedItem[] = [];
  for (const [item, users] of latestTouch) {
    const category = categories.get(item) ?? null;
    if (options.category !== undefined && category !== options.category) continue;
    let score = 0;
    for (const t of users.values()) score += decayFactor(last - t, 7);
    const why = options.category === undefined
      ? { kind: 'trending' as const, en: 'Trending in this shop', zh: '本店热门' }
      : { kind: 'trending' as const, en: `Trending in ${options.category}`, zh: `${options.category} 类热门` };
    scored.push({ itemId: item, score, category, explanation: why });
  }
  scored.sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1));
  return scored.slice(0, options.k);
}
