import { describe, expect, it } from 'vitest';
import { renderInsight } from './insight-tables.js';

const range = { dateFrom: '2026-11-01T00:00:00.000Z', dateTo: '2026-11-08T00:00:00.000Z' };

describe('renderInsight', () => {
  it('renders a trend with one column per series, a total row and the comparison', () => {
    const text = renderInsight({
      kind: 'trend', interval: 'day', ...range, buckets: ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      series: [{ seriesIndex: 0, label: 'order_completed', points: [{ bucket: '2026-11-01T00:00:00.000Z', value: 3 }, { bucket: '2026-11-02T00:00:00.000Z', value: 1200 }], total: 1203, previous: { points: [], total: 1000, change: 0.203 } }],
    });
    expect(text).toMatch(/^2026-11-01 → 2026-11-08\n/);
    expect(text).toMatch(/day\s+order_completed/);
    expect(text).toMatch(/2026-11-02\s+1,200/);
    expect(text).toMatch(/total\s+1,203/);
    expect(text).toMatch(/order_completed\s+1,203\s+1,000\s+20\.3%/);
  });

  it('renders funnel steps with conversion, drop-off and median time, per breakdown', () => {
    const step = (index: number, event: string, count: number, conv: number, median: number | null) => ({
      index, label: event, event, count, conversionFromFirst: conv, conversionFromPrevious: conv, dropOff: 100 - count, medianSecondsFromPrevious: median,
    });
    const text = renderInsight({
      kind: 'funnel', ...range, steps: [step(0, 'checkout_started', 100, 1, null), step(1, 'order_completed', 60, 0.6, 95)],
      breakdowns: [{ breakdownValue: 'android', steps: [step(0, 'checkout_started', 40, 1, null), step(1, 'order_completed', 4, 0.1, 30)] }],
    });
    expect(text).toMatch(/1\s+checkout_started\s+100\s+100\.0%\s+100\.0%\s+0\s+-/);
    expect(text).toMatch(/2\s+order_completed\s+60\s+60\.0%\s+60\.0%\s+40\s+1m 35s/);
    expect(text).toMatch(/android\n[\s\S]*2\s+order_completed\s+4\s+10\.0%/);
  });

  it('renders retention as shares of the cohort, paths as edges and lifecycle buckets', () => {
    const retention = renderInsight({
      kind: 'retention', period: 'week', ...range, cohorts: [{ cohort: '2026-11-02T00:00:00.000Z', size: 200, values: [200, 50] }, { cohort: '2026-11-09T00:00:00.000Z', size: 0, values: [0] }],
    });
    expect(retention).toMatch(/cohort\s+users\s+week 0\s+week 1/);
    expect(retention).toMatch(/2026-11-02\s+200\s+100\.0%\s+25\.0%/);
    const paths = renderInsight({
      kind: 'paths', event: 'product_viewed', direction: 'next', ...range, total: 500,
      edges: [{ step: 1, source: 'product_viewed', target: 'product_added_to_cart', count: 80, share: 0.16 }],
    });
    expect(paths).toMatch(/500 occurrences of product_viewed/);
    expect(paths).toMatch(/1\s+product_viewed → product_added_to_cart\s+80\s+16\.0%/);
    const lifecycle = renderInsight({
      kind: 'lifecycle', interval: 'week', ...range, buckets: [{ bucket: '2026-11-02T00:00:00.000Z', new: 10, returning: 20, resurrecting: 3, dormant: -7 }],
    });
    expect(lifecycle).toMatch(/2026-11-02\s+10\s+20\s+3\s+-7/);
  });
});
