import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import type { NewEvent } from '../../store/records.js';
import { createRecommendationService } from './recommendation-service.js';

let store: EventStore;
let n = 0;
const view = (distinctId: string, item: string, day: number): NewEvent => ({
  uuid: `0190bbbb-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  event: 'product_viewed',
  distinctId,
  timestamp: new Date(Date.UTC(2026, 0, day)),
  receivedAt: new Date(Date.UTC(2026, 0, day)),
  properties: { product_id: item, category: 'c' },
  sessionId: null,
});

beforeAll(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  // Pairs that co-occur: a-x, b-y, c-z (three users each), so each seen item explains exactly one neighbour.
  const events: NewEvent[] = [];
  for (const [i, j] of [['a', 'x'], ['b', 'y'], ['c', 'z']] as const) {
    for (let u = 0; u < 3; u++) events.push(view(`${i}${u}`, i, 1), view(`${i}${u}`, j, 2));
  }
  events.push(view('me', 'a', 3), view('me', 'b', 4), view('me', 'c', 5));
  await store.writeEvents({ projectId: 'p', events, quarantine: [] });
});
afterAll(async () => {
  await store.close();
});

describe('request-time user rows', () => {
  it('keep only the latest maxUserEvents events of the user', async () => {
    const all = createRecommendationService({ store });
    await all.train('p', { model: 'itemknn' });
    const full = await all.recommendFor('p', 'me', { k: 3 });
    expect(full.items.map((i) => i.itemId).sort()).toEqual(['x', 'y', 'z']);
    const cites = (items: typeof full.items) => items.flatMap((i) => (i.explanation.kind === 'seen_item' ? [i.explanation.itemId] : []));
    expect(cites(full.items)).toContain('a');

    const recent = createRecommendationService({ store, maxUserEvents: 2 });
    await recent.train('p', { model: 'itemknn' });
    const list = await recent.recommendFor('p', 'me', { k: 3 });
    // 'a' is the oldest of me's three events: it no longer explains anything, and x (a's neighbour) drops out.
    expect(cites(list.items)).not.toContain('a');
    expect(list.items.map((i) => i.itemId)).not.toContain('x');
    expect(list.items.map((i) => i.itemId)).toEqual(expect.arrayContaining(['y', 'z']));
  });
});
