import { describe, expect, it } from 'vitest';
import { openInsightTestDb, type InsightTestDb, type TestEvent } from '../../../test-utils/insights-duckdb.js';
import { duckdbDialect } from './dialects/duckdb.js';
import { planInsight } from './plan.js';
import { lifecycleSpecSchema, pathsSpecSchema, type LifecycleResult, type LifecycleSpecInput, type PathsResult, type PathsSpecInput } from './spec.js';

const now = new Date('2026-06-01T00:00:00Z');
const T0 = Date.parse('2026-03-02T00:00:00Z');
const ev = (event: string, distinctId: string, minutes: number, sessionId: string | null = null): TestEvent => ({
  event,
  distinctId,
  timestamp: T0 + minutes * 60_000,
  sessionId,
});
const day = (event: string, distinctId: string, date: string): TestEvent => ({ event, distinctId, timestamp: `${date}T12:00:00Z` });

async function run<T>(events: TestEvent[], spec: Parameters<typeof planInsight>[0]): Promise<T> {
  const db: InsightTestDb = await openInsightTestDb();
  try {
    await db.insert(events);
    const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
    return plan.assemble(await Promise.all(plan.queries.map((q) => db.run(q)))) as T;
  } finally {
    db.close();
  }
}

const pathEvents = [
  ev('a', 'u1', 0), ev('b', 'u1', 1), ev('c', 'u1', 2), ev('a', 'u1', 3), ev('d', 'u1', 4),
  ev('a', 'u2', 0), ev('b', 'u2', 1), ev('b', 'u2', 2),
  ev('x', 'u3', 0), ev('a', 'u3', 1),
];
const paths = (input: Partial<PathsSpecInput>) =>
  pathsSpecSchema.parse({ kind: 'paths', event: 'a', depth: 2, dateFrom: '2026-03-01', dateTo: '2026-03-03', ...input });
const edges = (r: PathsResult) => r.edges.map((e) => [e.step, e.source, e.target, e.count, e.share]);

describe('paths on DuckDB', () => {
  it.each([
    ['next', [[1, 'a', 'b', 2, 0.5], [1, 'a', 'd', 1, 0.25], [2, 'b', 'b', 1, 0.25], [2, 'b', 'c', 1, 0.25]]],
    ['previous', [[1, 'c', 'a', 1, 0.25], [1, 'x', 'a', 1, 0.25], [2, 'b', 'c', 1, 0.25]]],
  ] as const)('%s events around each occurrence, counted per step', async (direction, expected) => {
    const result = await run<PathsResult>(pathEvents, paths({ direction }));
    expect(result.total).toBe(4);
    expect(edges(result)).toEqual(expected);
  });

  it('keeps the top `limit` edges per step', async () => {
    const result = await run<PathsResult>(pathEvents, paths({ limit: 1 }));
    expect(edges(result)).toEqual([[1, 'a', 'b', 2, 0.5], [2, 'b', 'b', 1, 0.25]]);
  });

  it('stays within a session when asked', async () => {
    const events = [ev('a', 'u1', 0, 's1'), ev('b', 'u1', 1, 's2'), ev('c', 'u1', 2, 's1')];
    expect(edges(await run<PathsResult>(events, paths({ depth: 1 })))).toEqual([[1, 'a', 'b', 1, 1]]);
    expect(edges(await run<PathsResult>(events, paths({ depth: 1, withinSession: true })))).toEqual([[1, 'a', 'c', 1, 1]]);
  });
});

const lifecycle = (input: Partial<LifecycleSpecInput>) => lifecycleSpecSchema.parse({ kind: 'lifecycle', event: 'use', ...input });
const table = (r: LifecycleResult) => r.buckets.map((b) => [b.bucket.slice(0, 10), b.new, b.returning, b.resurrecting, b.dormant]);

describe('lifecycle on DuckDB', () => {
  it('classifies users per day, using history before the range', async () => {
    const events = [
      day('use', 'alice', '2026-03-01'), day('use', 'alice', '2026-03-02'), day('use', 'alice', '2026-03-03'), day('use', 'alice', '2026-03-05'),
      day('use', 'bob', '2026-03-03'),
      day('use', 'carol', '2026-02-20'), day('use', 'carol', '2026-03-02'),
      day('use', 'dave', '2026-03-01'),
      day('use', 'erin', '2026-03-05'),
      day('other', 'frank', '2026-03-03'),
    ];
    const result = await run<LifecycleResult>(events, lifecycle({ interval: 'day', dateFrom: '2026-03-02', dateTo: '2026-03-05' }));
    expect(table(result)).toEqual([
      ['2026-03-02', 0, 1, 1, -1],
      ['2026-03-03', 1, 1, 0, -1],
      ['2026-03-04', 0, 0, 0, -2],
      ['2026-03-05', 1, 0, 1, 0],
    ]);
    // Any event: frank is new on 03-03 and dormant on 03-04.
    const any = await run<LifecycleResult>(events, lifecycle({ event: null, interval: 'day', dateFrom: '2026-03-02', dateTo: '2026-03-05' }));
    expect(table(any)[1]).toEqual(['2026-03-03', 2, 1, 0, -1]);
    expect(table(any)[2]).toEqual(['2026-03-04', 0, 0, 0, -3]);
  });

  it('uses calendar months', async () => {
    const events = [day('use', 'alice', '2026-01-31'), day('use', 'alice', '2026-02-28'), day('use', 'alice', '2026-04-01'), day('use', 'bob', '2026-03-31')];
    const result = await run<LifecycleResult>(events, lifecycle({ interval: 'month', dateFrom: '2026-02-01', dateTo: '2026-04-30' }));
    expect(table(result)).toEqual([
      ['2026-02-01', 0, 1, 0, 0],
      ['2026-03-01', 1, 0, 0, -1],
      ['2026-04-01', 0, 0, 1, -1],
    ]);
  });
});
