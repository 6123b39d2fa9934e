import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import { createFeedbackService } from '../feedback/feedback-service.js';
import { createProjectService } from '../projects/project-service.js';
import { loadDemoShop, type LoadDemoShopResult } from './load-demo-shop.js';

/**
 * The demo shop's feedback as opinion monitoring sees it: bilingual reviews and support questions analysed at
 * load time, and a negative spike of Android payment complaints on the planted incident day.
 */
let store: EventStore;
let loaded: LoadDemoShopResult;

beforeAll(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  loaded = await loadDemoShop({ store, projects: createProjectService({ store }) }, { users: 2000, days: 30, seed: 7 });
}, 120_000);

afterAll(async () => {
  await store.close();
});

describe('demo shop feedback', () => {
  it('stores analysed bilingual feedback from reviews, support and the app store', async () => {
    const all = await store.listFeedback('demo-shop', { limit: 10_000 });
    expect(all.length).toBe(loaded.feedback.stored);
    expect(new Set(all.map((f) => f.source))).toEqual(new Set(['review', 'support', 'appstore']));
    expect(new Set(all.map((f) => f.lang))).toEqual(new Set(['zh', 'en']));
    expect(all.every((f) => typeof f.sentiment === 'number' && f.sentimentLabel !== null && Array.isArray(f.keywords))).toBe(true);
    const aspects = new Set(all.flatMap((f) => f.topics ?? []));
    for (const a of ['delivery', 'price', 'quality', 'service', 'packaging', 'payment']) expect(aspects).toContain(a);
  });

  it('shows the incident as a negative spike of payment complaints', async () => {
    const service = createFeedbackService({ store });
    const end = new Date(loaded.metadata.end);
    const overview = await service.overview('demo-shop', { since: '-30d' }, end);
    const incident = loaded.metadata.incident.date;
    expect(overview.spikes.map((s) => s.day)).toContain(incident);
    const day = overview.series.find((p) => p.day === incident);
    const median = [...overview.series.map((p) => p.negative)].sort((a, b) => a - b)[15] ?? 0;
    expect(day?.negative ?? 0).toBeGreaterThan(3 * Math.max(1, median));
    const onIncident = await service.list('demo-shop', { since: incident, until: `${incident}T23:59:59Z`, sources: ['appstore'], sentiments: ['negative'] }, { limit: 100 }, end);
    expect(onIncident.total).toBeGreaterThan(3);
    expect(onIncident.items.every((f) => f.topics?.includes('payment') === true || f.topics?.includes('usability') === true)).toBe(true);
  });
});
