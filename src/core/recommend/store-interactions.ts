import { noProgress, type Progress } from '../../common/progress.js';
import type { EventStore } from '../../store/event-store.js';
import type { StoredEvent } from '../../store/records.js';
import { buildInteractionTable, type InteractionTable, type RawInteraction } from './interaction-table.js';

/** Weights of the demo shop's (and most shops') e-commerce events: view 1, add to cart 3, purchase 5. */
export const SHOP_EVENT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  product_viewed: 1,
  product_added_to_cart: 3,
  order_completed: 5,
});

/** Event names that count as a purchase (excluded from a user's recommendations by default). */
export const PURCHASE_EVENTS: readonly string[] = ['order_completed'];

/** Options of {@link readStoreInteractions}. */
export interface StoreInteractionOptions {
  /** Weight per event name; other events are not read (default {@link SHOP_EVENT_WEIGHTS}). */
  eventWeights?: Readonly<Record<string, number>>;
  /** Event property holding the item id (default `product_id`). */
  itemProperty?: string;
  /** Events per `readEvents` page (default 5,000): memory stays bounded by the interactions kept. */
  batchSize?: number;
  /** Reports events read (total = events in the project, an upper bound of the weighted ones). */
  progress?: Progress;
}

/** A project's interactions and what serving needs beside them. */
export interface StoreInteractions {
  table: InteractionTable;
  /** Category per item id: from the items table, else from the latest event that named one. */
  categories: Map<string, string>;
  /** Display titles per item id from the items table (`title`/`title_en`, `title_zh`), for explanations. */
  titles: Map<string, { en: string; zh: string }>;
  /** Weighted events read. */
  events: number;
}

/** The item id an event names, as a string (numbers are accepted), or undefined. */
export function itemOfEvent(event: StoredEvent, itemProperty: string): string | undefined {
  const value = event.properties[itemProperty];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Reads a project's weighted events from the store page by page (in timestamp order) into an
 * {@link InteractionTable}, and the item categories from the items table and event properties.
 */
export async function readStoreInteractions(
  store: EventStore,
  projectId: string,
  options: StoreInteractionOptions = {},
): Promise<StoreInteractions> {
  const weights = options.eventWeights ?? SHOP_EVENT_WEIGHTS;
  const itemProperty = options.itemProperty ?? 'product_id';
  const batchSize = options.batchSize ?? 5000;
  const progress = options.progress ?? noProgress;
  const names = Object.keys(weights);
  progress.start(await store.countEvents(projectId), 'read events');
  const rows: RawInteraction[] = [];
  const categories = new Map<string, string>();
  const titles = new Map<string, { en: string; zh: string }>();
  let events = 0;
  for (let offset = 0; ; offset += batchSize) {
    const page = await store.readEvents(projectId, { events: names, limit: batchSize, offset });
    for (const e of page) {
      const item = itemOfEvent(e, itemProperty);
      if (item === undefined) continue;
      const category = e.properties['category'];
      if (typeof category === 'string' && category !== '') categories.set(item, category);
      // Times as epoch milliseconds: parseTime reads numbers above 10^11 as ms.
      rows.push({ user: e.distinctId, item, rating: undefined, time: String(e.timestamp.getTime()), event: e.event });
    }
    events += page.length;
    progress.tick(page.length);
    if (page.length < batchSize) break;
  }
  for (let offset = 0; ; offset += 1000) {
    const items = await store.listItems(projectId, { limit: 1000, offset });
    for (const it of items) {
      const category = it.properties['category'];
      if (typeof category === 'string' && category !== '') categories.set(it.itemId, category);
      const en = it.properties['title_en'] ?? it.properties['title'];
      const zh = it.properties['title_zh'] ?? en;
      if (typeof en === 'string' && typeof zh === 'string') titles.set(it.itemId, { en, zh });
    }
    if (items.length < 1000) break;
  }
  progress.finish({ events });
  return { table: buildInteractionTable(rows, { eventWeights: weights }), categories, titles, events };
}
