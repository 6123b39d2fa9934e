import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { createNorthstar, type Northstar } from '../northstar.js';
import { lexiconSentimentModel } from '../sentiment/load-sentiment-model.js';
import { createFeedbackAnalyzer } from './feedback-analyzer.js';
import { createFeedbackService } from './feedback-service.js';
import { dayGrid, indexPoint, sentimentIndexProvider } from './sentiment-index.js';

const DAY = 86_400_000;
const NOW = new Date('2026-05-31T06:00:00Z');
const SPIKE = '2026-05-27';
let ns: Northstar;

beforeAll(async () => {
  ns = createNorthstar({ store: await createDuckDbStore({ path: ':memory:' }) });
  await ns.projects.create('Shop', { id: 'shop' });
  const items = [];
  // 40 quiet days of 4 items, then 15 complaints on the spike day
  for (let ago = 40; ago >= 1; ago--) {
    const day = new Date(Math.floor(NOW.getTime() / DAY) * DAY - ago * DAY);
    // one or two unhappy items a day (so the robust detector sees a spread), the rest happy
    for (let k = 0; k < 4; k++) items.push({ id: `d${ago}-${k}`, text: k === 0 || (k === 1 && ago % 2 === 0) ? '质量太差了，差评' : 'Great quality, love it!', created_at: day.getTime() + k * 3_600_000 });
    if (day.toISOString().startsWith(SPIKE)) for (let k = 0; k < 15; k++) items.push({ id: `s${k}`, text: '付款失败，太差了！', created_at: day.getTime() + 7_200_000 + k });
  }
  const service = createFeedbackService({ store: ns.store, analyzer: () => createFeedbackAnalyzer({ model: lexiconSentimentModel() }) });
  expect((await service.submit('shop', items, NOW)).rejected).toBe(0);
});

afterAll(async () => {
  await ns.close();
});

describe('sentiment index', () => {
  it('computes the net index per day, null without volume', () => {
    expect(indexPoint('d', { count: 4, negative: 1, neutral: 0, positive: 3 })).toMatchObject({ index: 50, negativeShare: 0.25 });
    expect(indexPoint('d', { count: 0, negative: 0, neutral: 0, positive: 0 })).toMatchObject({ index: null, negativeShare: null });
    expect(dayGrid(new Date('2026-01-01T12:00:00Z'), new Date('2026-01-03T00:00:00Z'))).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('serves daily buckets to monitors, leaving days without feedback out', async () => {
    const provider = sentimentIndexProvider(ns.store);
    const buckets = ['2026-05-26T00:00:00.000Z', '2026-05-27T00:00:00.000Z', '2026-05-31T00:00:00.000Z'];
    const index = await provider('shop', { interval: 'day', buckets, now: NOW, params: {} });
    expect(index.map((p) => p.bucket)).toEqual(buckets.slice(0, 2));
    // May 26: 1 unhappy of 4; May 27 (spike): 2 + 15 unhappy, 2 happy
    expect(index[0]?.value).toBe(50);
    expect(index[1]?.value).toBeCloseTo(((2 - 17) / 19) * 100, 0);
    const counts = await provider('shop', { interval: 'day', buckets, now: NOW, params: { metric: 'negative_count' } });
    expect(counts.map((p) => p.value)).toEqual([1, 17]);
    expect(await provider('shop', { interval: 'hour', buckets, now: NOW, params: {} })).toEqual([]);
  });

  it('is registered with the alert service: a monitor on sentiment_index opens an alert on the spike day', async () => {
    await ns.alerts.createMonitor('shop', {
      id: 'negative-feedback',
      name: 'Negative feedback',
      source: { kind: 'provider', name: 'sentiment_index', params: { metric: 'negative_count' } },
      direction: 'up',
      detector: 'esd',
      history: 30,
      lookback: 7,
      holidays: false,
    });
    const scan = await ns.alerts.runMonitor('shop', 'negative-feedback', NOW);
    expect(scan.anomalies.map((b) => b.slice(0, 10))).toEqual([SPIKE]);
    expect(scan.opened).toHaveLength(1);
  });
});
