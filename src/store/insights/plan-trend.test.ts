import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInsightTestDb, type InsightTestDb, type TestEvent } from '../../../test-utils/insights-duckdb.js';
import { duckdbDialect } from './dialects/duckdb.js';
import { planInsight } from './plan.js';
import { trendSpecSchema, type PropertyFilter, type TrendResult, type TrendSpecInput } from './spec.js';

const now = new Date('2026-03-10T12:00:00Z');
const ev = (event: string, distinctId: string, timestamp: string, properties: Record<string, unknown> = {}): TestEvent => ({
  event,
  distinctId,
  timestamp,
  properties,
});

// Hand-built: three days of purchases and views (Mon 2026-03-02 .. Wed 2026-03-04), plus noise in another project.
const events: TestEvent[] = [
  ev('purchase', 'alice', '2026-03-02T09:00:00Z', { price: 10, plan: 'pro' }),
  ev('purchase', 'alice', '2026-03-02T10:00:00Z', { price: 30, plan: 'pro' }),
  ev('purchase', 'bob', '2026-03-02T11:00:00Z', { price: 5, plan: 'free' }),
  ev('purchase', 'carol', '2026-03-04T08:00:00Z', { price: '7', plan: 'team' }),
  ev('purchase', 'dave', '2026-03-04T09:30:00Z', { plan: 'pro' }),
  ev('view', 'alice', '2026-03-03T10:00:00Z', { path: '/Pricing' }),
  ev('view', 'erin', '2026-03-03T11:00:00Z', { path: '/docs' }),
  ev('purchase', 'bob', '2026-02-24T11:00:00Z', { price: 100, plan: 'free' }), // previous period
  { ...ev('purchase', 'mallory', '2026-03-02T09:00:00Z', { price: 1000 }), projectId: 'other' },
];

let db: InsightTestDb;
beforeAll(async () => {
  db = await openInsightTestDb();
  await db.insert(events);
});
afterAll(() => db.close());

async function trend(input: Omit<TrendSpecInput, 'kind'>): Promise<TrendResult> {
  const spec = trendSpecSchema.parse({ kind: 'trend', ...input });
  const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
  const rows = await Promise.all(plan.queries.map((q) => db.run(q)));
  return plan.assemble(rows);
}

const range = { dateFrom: '2026-03-02', dateTo: '2026-03-04', interval: 'day' as const };

describe('trend on DuckDB', () => {
  it.each([
    ['total', undefined, [3, 0, 2], 5],
    ['unique_users', undefined, [2, 0, 2], 4],
    ['sum', 'price', [45, 0, 7], 52],
    ['avg', 'price', [15, 0, 7], 13],
    ['min', 'price', [5, 0, 7], 5],
    ['max', 'price', [30, 0, 7], 30],
  ] as const)('math %s of %s per day, zero-filled', async (math, property, values, total) => {
    const result = await trend({ ...range, series: [{ event: 'purchase', math, ...(property ? { property } : {}) }] });
    expect(result.buckets).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z']);
    expect(result.series).toHaveLength(1);
    expect(result.series[0]?.points.map((p) => p.value)).toEqual(values);
    expect(result.series[0]?.total).toBe(total);
  });

  it.each<[PropertyFilter[], number]>([
    [[{ key: 'plan', op: 'eq', value: 'pro' }], 3],
    [[{ key: 'plan', op: 'neq', value: 'pro' }], 2],
    [[{ key: 'price', op: 'gt', value: 7 }], 2],
    [[{ key: 'price', op: 'lte', value: 7 }], 2],
    [[{ key: 'price', op: 'is_not_set' }], 1],
    [[{ key: 'price', op: 'is_set' }], 4],
    [[{ key: 'plan', op: 'in', value: ['free', 'team'] }], 2],
    [[{ key: 'plan', op: 'not_in', value: ['free', 'team'] }], 3],
    [[{ key: 'plan', op: 'contains', value: 'PR' }], 3],
    [[{ key: 'plan', op: 'not_contains', value: 're' }], 4],
    [[{ key: '$distinct_id', op: 'eq', value: 'alice' }], 2],
    [[{ key: '$event', op: 'eq', value: 'purchase' }], 5],
  ])('filters %j count %i purchases', async (filters, expected) => {
    const result = await trend({ ...range, filters, series: [{ event: 'purchase' }] });
    expect(result.series[0]?.total).toBe(expected);
  });

  it('counts any event when event is null, by week starting Monday', async () => {
    const result = await trend({ dateFrom: '2026-02-20', dateTo: '2026-03-08', interval: 'week', series: [{ event: null }] });
    expect(result.buckets).toEqual(['2026-02-16T00:00:00.000Z', '2026-02-23T00:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    expect(result.series[0]?.points.map((p) => p.value)).toEqual([0, 1, 7]);
  });

  it('breaks down by a property: top N, the rest as $other, missing values as null', async () => {
    const result = await trend({ ...range, breakdown: 'plan', breakdownLimit: 1, series: [{ event: 'purchase' }] });
    expect(result.series.map((s) => [s.breakdownValue, s.total])).toEqual([
      ['pro', 3],
      ['$other', 2],
    ]);
    const views = await trend({ ...range, breakdown: 'plan', series: [{ event: 'view' }] });
    expect(views.series.map((s) => [s.breakdownValue, s.total])).toEqual([[null, 2]]);
  });

  it('compares with the previous period of the same length', async () => {
    const result = await trend({ dateFrom: '2026-03-02', dateTo: '2026-03-08', interval: 'week', compare: true, series: [{ event: 'purchase', math: 'sum', property: 'price' }] });
    const series = result.series[0];
    expect(series?.total).toBe(52);
    expect(series?.previous?.total).toBe(100);
    expect(series?.previous?.change).toBeCloseTo(-0.48, 10);
    expect(series?.previous?.points.map((p) => p.bucket)).toEqual(['2026-02-23T00:00:00.000Z']);
  });

  it('never reads another project', async () => {
    const result = await trend({ ...range, series: [{ event: 'purchase', math: 'max', property: 'price' }] });
    expect(result.series[0]?.total).toBe(30);
  });
});
