import { describe, expect, it } from 'vitest';
import { openInsightTestDb, type TestEvent } from '../../../test-utils/insights-duckdb.js';
import { duckdbDialect } from './dialects/duckdb.js';
import { planInsight } from './plan.js';
import { retentionSpecSchema, type RetentionResult, type RetentionSpecInput } from './spec.js';

const now = new Date('2026-06-01T00:00:00Z');
const at = (event: string, distinctId: string, date: string, properties: Record<string, unknown> = {}): TestEvent => ({
  event,
  distinctId,
  timestamp: `${date}T10:00:00Z`,
  properties,
});

async function retention(events: TestEvent[], input: Partial<RetentionSpecInput>): Promise<RetentionResult> {
  const db = await openInsightTestDb();
  try {
    await db.insert(events);
    const spec = retentionSpecSchema.parse({ kind: 'retention', startEvent: { event: 'signup' }, returnEvent: { event: 'buy' }, ...input });
    const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
    return plan.assemble(await Promise.all(plan.queries.map((q) => db.run(q))));
  } finally {
    db.close();
  }
}

const events = [
  at('signup', 'a', '2026-03-02', { src: 'ads' }), at('buy', 'a', '2026-03-02'), at('buy', 'a', '2026-03-03'), at('buy', 'a', '2026-03-05'),
  at('signup', 'b', '2026-03-02', { src: 'seo' }), at('buy', 'b', '2026-03-04'),
  at('signup', 'c', '2026-03-03', { src: 'ads' }), at('signup', 'c', '2026-03-04', { src: 'seo' }), at('buy', 'c', '2026-03-04'), at('buy', 'c', '2026-03-04'),
  at('buy', 'd', '2026-03-03'), // never signed up: in no cohort
];

describe('retention on DuckDB', () => {
  it('daily cohorts of first sign-up; period 0 is the cohort size; values stop at the range end', async () => {
    const result = await retention(events, { period: 'day', periods: 4, dateFrom: '2026-03-02', dateTo: '2026-03-05' });
    expect(result.cohorts.map((c) => [c.cohort.slice(0, 10), c.size, c.values])).toEqual([
      ['2026-03-02', 2, [2, 1, 1, 1]],
      ['2026-03-03', 1, [1, 1, 0]],
      ['2026-03-04', 0, [0, 0]],
      ['2026-03-05', 0, [0]],
    ]);
  });

  it('breaks down by the property of the first start event', async () => {
    const result = await retention(events, { period: 'day', periods: 3, breakdown: 'src', dateFrom: '2026-03-02', dateTo: '2026-03-05' });
    expect(result.cohorts.map((c) => [c.cohort.slice(0, 10), c.breakdownValue, c.values])).toEqual([
      ['2026-03-02', 'ads', [1, 1, 0]],
      ['2026-03-02', 'seo', [1, 0, 1]],
      ['2026-03-03', 'ads', [1, 1, 0]],
    ]);
  });

  it('weekly cohorts start on Monday', async () => {
    const weekly = [at('signup', 'a', '2026-03-08'), at('buy', 'a', '2026-03-09'), at('signup', 'b', '2026-03-09'), at('buy', 'b', '2026-03-15')];
    const result = await retention(weekly, { period: 'week', periods: 2, dateFrom: '2026-03-02', dateTo: '2026-03-22' });
    expect(result.cohorts.map((c) => [c.cohort.slice(0, 10), c.values])).toEqual([
      ['2026-03-02', [1, 1]],
      ['2026-03-09', [1, 0]],
      ['2026-03-16', [0]],
    ]);
  });
});
