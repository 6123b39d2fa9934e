import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoShop, type DemoShopDataset } from './generate-demo-shop.js';

// A fixed end keeps the output identical on every run; 1,200 users over 30 days is enough signal to see
// the planted incident and the seasonality, and generates in well under a second.
const OPTIONS = { seed: 7, users: 1200, days: 30, end: '2026-11-28' } as const;
const shop = generateDemoShop(OPTIONS);

function hashOf(data: DemoShopDataset): string {
  const h = createHash('sha256');
  for (const e of data.events) h.update(`${e.uuid}|${e.event}|${e.distinctId}|${e.timestamp.toISOString()}|${JSON.stringify(e.properties)}\n`);
  for (const f of data.feedback) h.update(`${f.id}|${f.text}|${String(f.rating)}\n`);
  for (const p of data.persons) h.update(JSON.stringify(p.properties));
  for (const i of data.items) h.update(JSON.stringify(i.properties));
  return h.digest('hex');
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

describe('generateDemoShop', () => {
  it('is deterministic: the same seed gives the same dataset, another seed a different one', () => {
    const again = generateDemoShop(OPTIONS);
    expect(hashOf(again)).toBe(hashOf(shop));
    const small = { ...OPTIONS, users: 200 };
    expect(hashOf(generateDemoShop({ ...small, seed: 8 }))).not.toBe(hashOf(generateDemoShop(small)));
  });

  it('mints unique UUID-formatted event ids and sorts events by time inside the window', () => {
    const ids = new Set(shop.events.map((e) => e.uuid));
    expect(ids.size).toBe(shop.events.length);
    for (const e of shop.events.slice(0, 500)) expect(e.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const start = Date.parse(shop.metadata.start);
    const end = Date.parse(shop.metadata.end);
    let previous = 0;
    for (const e of shop.events) {
      expect(e.timestamp.getTime()).toBeGreaterThanOrEqual(Math.max(start, previous));
      expect(e.timestamp.getTime()).toBeLessThan(end);
      previous = e.timestamp.getTime();
    }
    expect(shop.metadata.end).toBe('2026-11-28T00:00:00.000Z');
  });

  it('has the ecommerce funnel with ever fewer users per step', () => {
    const count = (name: string): number => shop.events.filter((e) => e.event === name).length;
    const steps = ['$pageview', 'product_viewed', 'product_added_to_cart', 'checkout_started', 'order_completed'].map(count);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1] ?? 0);
    expect(steps[4]).toBeGreaterThan(100);
    const order = shop.events.find((e) => e.event === 'order_completed');
    expect(order?.properties).toMatchObject({ currency: 'CNY', platform: expect.any(String), $os: expect.any(String) });
    expect(typeof order?.properties['revenue']).toBe('number');
    expect(order?.sessionId).toBe(order?.properties['$session_id']);
  });

  it('plants the incident: checkout → purchase collapses on one day on android only', () => {
    const { date, platform } = shop.metadata.incident;
    const rates = new Map<string, { checkout: number; order: number }>();
    for (const e of shop.events) {
      const key = `${day(e.timestamp)}|${String(e.properties['platform'])}`;
      const r = rates.get(key) ?? { checkout: 0, order: 0 };
      if (e.event === 'checkout_started') r.checkout++;
      if (e.event === 'order_completed') r.order++;
      rates.set(key, r);
    }
    const rate = (key: string): number => {
      const r = rates.get(key);
      return r === undefined || r.checkout === 0 ? Number.NaN : r.order / r.checkout;
    };
    expect(rates.get(`${date}|${platform}`)?.checkout ?? 0).toBeGreaterThanOrEqual(10);
    expect(rate(`${date}|${platform}`)).toBeLessThan(0.25);
    expect(rate(`${date}|ios`)).toBeGreaterThan(0.45);
    // Every other android day converts normally.
    const others = [...rates.keys()].filter((k) => k.endsWith('|android') && !k.startsWith(date) && (rates.get(k)?.checkout ?? 0) >= 5);
    expect(others.length).toBeGreaterThan(20);
    for (const k of others) expect(rate(k)).toBeGreaterThan(0.35);
    expect(shop.events.some((e) => e.event === 'payment_failed' && day(e.timestamp) === date)).toBe(true);
  });

  it('has weekly seasonality and a promo peak', () => {
    const perDay = new Map<string, number>();
    for (const e of shop.events) if (e.event === '$pageview') perDay.set(day(e.timestamp), (perDay.get(day(e.timestamp)) ?? 0) + 1);
    // Skip the first week (sign-ups still ramping) and the promo days.
    const ordinary = [...perDay].filter(([d]) => d >= '2026-11-05' && !shop.metadata.promo.dates.includes(d));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const weekend = mean(ordinary.filter(([d]) => [0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n));
    const weekday = mean(ordinary.filter(([d]) => ![0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n));
    expect(weekend).toBeGreaterThan(weekday * 1.15);
    expect(shop.metadata.promo.peakDate).toBe('2026-11-11');
    expect(perDay.get('2026-11-11') ?? 0).toBeGreaterThan(mean(ordinary.map(([, n]) => n)) * 1.8);
  });

  it('has 500 products with Chinese and English titles in bilingual categories', () => {
    expect(shop.items).toHaveLength(500);
    const categories = new Set(shop.items.map((i) => `${String(i.properties['category_zh'])}/${String(i.properties['category'])}`));
    expect(categories).toContain('电子产品/Electronics');
    expect(categories.size).toBe(10);
    for (const item of shop.items) {
      expect(String(item.properties['title_zh'])).toMatch(/[\u4e00-\u9fff]/);
      expect(String(item.properties['title_en'])).toMatch(/^[\x20-\x7e]+$/);
      expect(item.properties['price']).toBeGreaterThan(0);
    }
    expect(new Set(shop.items.map((i) => i.properties['title_en'])).size).toBe(500);
  });

  it('writes bilingual reviews whose tone matches the rating, and support questions', () => {
    const reviews = shop.feedback.filter((f) => f.source === 'review');
    const zh = reviews.filter((f) => f.lang === 'zh-CN');
    const en = reviews.filter((f) => f.lang === 'en');
    expect(zh.length).toBeGreaterThan(10);
    expect(en.length).toBeGreaterThan(3);
    for (const f of zh) expect(f.text).toMatch(/[\u4e00-\u9fff]/);
    for (const f of reviews) {
      if ((f.rating ?? 0) >= 4) expect(f.text).toMatch(/满意|推荐|好评|很好|超出预期|赞|实惠|happy|Recommended|Five stars|friendly|joy|Great|Love/);
      if ((f.rating ?? 5) <= 2) expect(f.text).toMatch(/差|失望|退货|不会再买|不值|Terrible|refund|Awful|Never|Disappointed|rude/);
    }
    const support = shop.feedback.filter((f) => f.source === 'support');
    expect(support.length).toBeGreaterThan(5);
    expect(support.every((f) => f.rating === null && typeof f.properties?.['topic'] === 'string')).toBe(true);
    // The incident shows up in support too: payment questions from android users that day.
    expect(support.some((f) => f.properties?.['topic'] === 'payment' && day(f.createdAt) === shop.metadata.incident.date)).toBe(true);
  });

  it('has users who churn: no events after they stop, while the others keep coming', () => {
    const last = new Map<string, number>();
    for (const e of shop.events) last.set(e.distinctId, e.timestamp.getTime());
    const churned = new Set(shop.metadata.churned.distinctIds);
    expect(churned.size).toBeGreaterThan(OPTIONS.users * 0.2);
    const end = Date.parse(shop.metadata.end);
    const recent = (ids: string[]): number => ids.filter((id) => end - (last.get(id) ?? 0) < 7 * 86_400_000).length / ids.length;
    const active = shop.persons.map((p) => p.distinctId).filter((id) => !churned.has(id) && last.has(id));
    expect(recent([...churned].filter((id) => last.has(id)))).toBeLessThan(recent(active) - 0.2);
    const person = shop.persons[0];
    expect(person?.properties).toMatchObject({ plan: expect.any(String), country: expect.any(String), city: expect.any(String), platform: expect.any(String) });
  });

  it('rejects sizes out of range with INVALID_ARGUMENT', () => {
    expect(() => generateDemoShop({ users: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => generateDemoShop({ days: 3 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
