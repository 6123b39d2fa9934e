import { describe, expect, it } from 'vitest';
import type { ModelVersionSummary, PersonEvent } from './api/types.js';
import { eventItem, explanationText, jobFraction, reasonKey, recentItems, versionsNewestFirst } from './recommendation-view.js';

const ev = (event: string, properties: Record<string, unknown>): PersonEvent => ({ uuid: event, event, timestamp: '2026-03-01T00:00:00Z', properties });

describe('recommendation view helpers', () => {
  it('shows the explanation in the page language', () => {
    const e = { kind: 'seen_item', itemId: 'p1', event: 'product_viewed', en: 'Because you viewed Mug', zh: '因为你浏览过「Mug」' } as const;
    expect(explanationText(e, 'en')).toBe('Because you viewed Mug');
    expect(explanationText(e, 'zh-CN')).toBe('因为你浏览过「Mug」');
  });

  it('names a fallback reason and none for a personal list', () => {
    expect(reasonKey('personalized')).toBeNull();
    expect(reasonKey('cold_start')).toBe('recs.reason.cold_start');
    expect(reasonKey('no_model')).toBe('recs.reason.no_model');
  });

  it('gives a stage fraction only when the stage has a total', () => {
    expect(jobFraction({ status: 'running', progress: { done: 250, total: 1000, stage: 'read' } })).toBe(0.25);
    expect(jobFraction({ status: 'running', progress: { done: 3, total: null, stage: 'fit' } })).toBeNull();
    expect(jobFraction({ status: 'running', progress: { done: 1200, total: 1000, stage: 'read' } })).toBe(1);
    expect(jobFraction({ status: 'succeeded', progress: { done: 0, total: null, stage: 'done' } })).toBe(1);
  });

  it('orders versions newest first without touching the input', () => {
    const v = (version: number) => ({ version }) as ModelVersionSummary;
    const input = [v(1), v(3), v(2)];
    expect(versionsNewestFirst(input).map((x) => x.version)).toEqual([3, 2, 1]);
    expect(input.map((x) => x.version)).toEqual([1, 3, 2]);
  });

  it('finds the item of an event and the distinct recent items', () => {
    expect(eventItem(ev('product_viewed', { product_id: 'p7' }))).toBe('p7');
    expect(eventItem(ev('x', { sku: 42 }))).toBe('42');
    expect(eventItem(ev('$pageview', { $current_url: '/' }))).toBeNull();
    const events = [ev('a', { product_id: 'p2' }), ev('b', {}), ev('c', { product_id: 'p2' }), ev('d', { product_id: 'p1' }), ev('e', { product_id: 'p3' })];
    expect(recentItems(events, 2)).toEqual(['p2', 'p1']);
  });
});
