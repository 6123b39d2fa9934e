import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { EventStore } from '../../store/event-store.js';
import { lexiconSentimentModel } from '../sentiment/load-sentiment-model.js';
import { createFeedbackAnalyzer } from './feedback-analyzer.js';
import { createFeedbackService, type FeedbackService } from './feedback-service.js';
import { importFeedbackFile } from './import-feedback.js';

const NOW = new Date('2026-03-15T12:00:00Z');
const day = (d: number, h = 10): string => new Date(Date.UTC(2026, 2, d, h)).toISOString();

let store: EventStore;
let service: FeedbackService;

beforeEach(async () => {
  store = await createDuckDbStore({ path: ':memory:' });
  await store.createProject({ id: 'p', name: 'P', token: 'tok' });
  // the lexicon baseline keeps these expectations independent of the shipped model's weights
  service = createFeedbackService({ store, analyzer: () => createFeedbackAnalyzer({ model: lexiconSentimentModel() }) });
});

afterEach(async () => {
  await store.close();
});

describe('submit', () => {
  it('analyses, stores once per id, and reports bad items by index with codes', async () => {
    const body = {
      feedback: [
        { id: 'a', text: '物流太慢了，等了一个星期才到货，差评！', distinct_id: 'u1', source: 'review', rating: 1, created_at: day(14) },
        { id: 'b', text: 'Great quality, fast delivery. Love it!', distinct_id: 'u2', created_at: Date.parse(day(13)) },
        { id: 'c', text: '   <p> </p> ' },
        { id: 'd', text: 'x'.repeat(20_001) },
        { id: 'e', text: 42 },
        { id: 'f', text: 'ok', created_at: 'yesterday' },
        { text: '😡😡😡', created_at: day(14) },
        { text: '没有编号也没有时间的一条反馈' },
      ],
    };
    const first = await service.submit('p', body, NOW);
    expect(first).toMatchObject({ received: 8, stored: 4, duplicates: 0, rejected: 4 });
    expect(first.ids.slice(0, 6)).toEqual(['a', 'b', null, null, null, null]);
    expect(first.issues.map((i) => [i.index, i.code])).toEqual([
      [2, 'FEEDBACK_EMPTY_TEXT'],
      [3, 'FEEDBACK_TEXT_TOO_LARGE'],
      [4, 'INVALID_PAYLOAD'],
      [5, 'INVALID_PAYLOAD'],
    ]);
    // items with an id, or without one but with their own created_at (content-hash id), are stored once; the
    // one with neither gets a fresh id each time (send ids to retry safely)
    expect(first.ids[6]).toMatch(/^fb_[0-9a-f]{32}$/);
    expect(await service.submit('p', body, NOW)).toMatchObject({ stored: 1, duplicates: 3 });

    const [a] = (await service.list('p', { search: '物流' }, { limit: 10 }, NOW)).items;
    expect(a).toMatchObject({ id: 'a', lang: 'zh', sentimentLabel: 'negative', source: 'review', distinctId: 'u1', rating: 1, topics: ['delivery'] });
    expect(a?.aspects?.[0]).toMatchObject({ aspect: 'delivery', label: 'negative' });
    expect(a?.keywords).toContain('物流');
    const b = (await service.list('p', { langs: ['en'] }, { limit: 10 }, NOW)).items[0];
    expect(b).toMatchObject({ id: 'b', lang: 'en', sentimentLabel: 'positive', source: 'api' });
    expect(new Set(b?.topics)).toEqual(new Set(['quality', 'delivery']));
    const emoji = (await service.list('p', { sources: ['api'], search: '😡' }, { limit: 10 }, NOW)).items[0];
    expect(emoji).toMatchObject({ lang: 'other', sentimentLabel: 'negative', keywords: [], topics: [] });
  });

  it('rejects bodies that are not feedback at all', async () => {
    await expect(service.submit('p', 'text', NOW)).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    await expect(service.submit('p', [], NOW)).rejects.toMatchObject({ code: 'EMPTY_BATCH' });
    await expect(service.submit('p', Array.from({ length: 1001 }, () => ({ text: 'a' })), NOW)).rejects.toMatchObject({ code: 'BATCH_TOO_LARGE' });
  });
});

describe('queries and monitoring', () => {
  beforeEach(async () => {
    const items = [];
    // two quiet weeks of mixed feedback, then a burst of delivery complaints in the last week
    for (let d = 1; d <= 14; d++) {
      items.push({ id: `pos-${d}`, text: '质量很好，非常满意', distinct_id: `u${d}`, source: 'review', created_at: day(d) });
      items.push({ id: `en-${d}`, text: 'Good value, works fine', distinct_id: `e${d}`, source: 'survey', created_at: day(d, 12) });
      if (d % 3 === 0) items.push({ id: `neg-${d}`, text: '价格太贵了，不值', distinct_id: `n${d}`, source: 'review', created_at: day(d, 14) });
    }
    for (let i = 0; i < 12; i++) items.push({ id: `late-${i}`, text: i % 2 === 0 ? '物流太慢了，差评，等了一个星期才到货' : 'Delivery was slow and the box was damaged. Awful.', distinct_id: `late${i}`, source: 'review', created_at: day(12, 1 + i) });
    expect((await service.submit('p', items, NOW)).rejected).toBe(0);
  });

  it('fills a daily sentiment index with volumes', async () => {
    const series = await service.series('p', { since: '2026-03-10', until: '2026-03-15' }, NOW);
    expect(series.map((p) => p.day)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    const d12 = series[2];
    expect(d12).toMatchObject({ volume: 15, negative: 13, positive: 2 });
    expect(d12?.index).toBeCloseTo(((2 - 13) / 15) * 100, 0);
    expect(series[0]?.index).toBe(100);
  });

  it('filters by behaviour: only users who did an event', async () => {
    await store.writeEvents({
      projectId: 'p',
      quarantine: [],
      events: ['late0', 'late1', 'u3'].map((distinctId, i) => ({ uuid: `ev${i}`, event: 'checkout_started', distinctId, timestamp: new Date(day(11)), receivedAt: NOW, properties: {}, sessionId: null })),
    });
    const page = await service.list('p', { didEvent: 'checkout_started', sentiments: ['negative'] }, { limit: 50 }, NOW);
    expect(page.items.map((f) => f.id).sort()).toEqual(['late-0', 'late-1']);
    expect(page.total).toBe(2);
  });

  it('groups complaints into topics with quotes, finds the rising ones and the spike day', async () => {
    const topics = await service.topics('p', { since: '-30d' }, NOW);
    expect(topics.analysed).toBe(16);
    expect(topics.topics.length).toBeGreaterThanOrEqual(2);
    const delivery = topics.topics.find((t) => t.keywords.includes('物流'));
    expect(delivery?.size).toBe(6);
    expect(delivery?.quotes[0]?.text).toContain('物流');
    const overview = await service.overview('p', { since: '-30d' }, NOW);
    expect(overview.totals.volume).toBe(44);
    expect(overview.rising[0]).toMatchObject({ id: 'a:delivery', kind: 'aspect', thisWeek: 12, lastWeek: 0 });
    expect(overview.spikes.map((s) => s.day)).toEqual(['2026-03-12']);
    expect(overview.aspects.find((a) => a.aspect === 'delivery')).toMatchObject({ negative: 12 });
    expect(overview.bySource.map((g) => g.group)).toEqual(['review', 'survey']);
    expect(overview.byLang.map((g) => g.group).sort()).toEqual(['en', 'zh']);
  });
});

describe('feedback from events and files', () => {
  it('derives feedback from events with a text property, idempotently', async () => {
    const ev = (uuid: string, props: Record<string, unknown>): Parameters<EventStore['writeEvents']>[0]['events'][number] => ({ uuid, event: 'review_submitted', distinctId: 'u9', timestamp: new Date(day(3)), receivedAt: NOW, properties: props, sessionId: null });
    await store.writeEvents({ projectId: 'p', quarantine: [], events: [ev('r1', { comment: 'Battery dies fast', rating: 2, product_id: 'x' }), ev('r2', { stars: 5 })] });
    expect(await service.deriveFromEvents('p', {})).toEqual({ events: 2, stored: 1, duplicates: 0, skipped: 1, lastReceivedAt: NOW });
    expect(await service.deriveFromEvents('p', {})).toMatchObject({ stored: 0, duplicates: 1 });
    const [item] = (await service.list('p', {}, { limit: 5 }, NOW)).items;
    expect(item).toMatchObject({ id: 'evt:r1', source: 'review_submitted', distinctId: 'u9', rating: 2, topics: ['battery'], properties: { product_id: 'x', rating: 2 } });
  });

  it('imports CSV with named columns and reports bad rows', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fb-import-'));
    try {
      const file = path.join(dir, 'reviews.csv');
      await writeFile(file, 'review_id,body,user,stars,when,channel\n1,"客服态度很好",u1,5,2026-03-01,app\n2,,u2,1,2026-03-02,web\n3,"Price is too high",u3,2,2026-03-03,web\n');
      const summary = await importFeedbackFile(service, { file, projectId: 'p', textCol: 'body', idCol: 'review_id', userCol: 'user', ratingCol: 'stars', timeCol: 'when', source: 'appstore' });
      expect(summary).toMatchObject({ rows: 3, stored: 2, rejected: 1, rejections: [{ row: 2, code: 'INVALID_PAYLOAD' }] });
      const page = await service.list('p', { sources: ['appstore'] }, { limit: 5 }, NOW);
      expect(page.items.map((f) => [f.id, f.distinctId, f.rating, f.properties?.['channel']])).toEqual([
        ['3', 'u3', 2, 'web'],
        ['1', 'u1', 5, 'app'],
      ]);
      await expect(importFeedbackFile(service, { file: path.join(dir, 'x.parquet'), projectId: 'p' })).rejects.toMatchObject({ code: 'IMPORT_FORMAT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
