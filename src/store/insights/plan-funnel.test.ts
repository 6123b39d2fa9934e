import { describe, expect, it } from 'vitest';
import { openInsightTestDb, type InsightTestDb, type TestEvent } from '../../../test-utils/insights-duckdb.js';
import { duckdbDialect } from './dialects/duckdb.js';
import { planInsight } from './plan.js';
import {
  funnelActorsSpecSchema,
  funnelSpecSchema,
  type FunnelActorsResult,
  type FunnelResult,
  type FunnelSpecInput,
} from './spec.js';

const now = new Date('2026-03-31T00:00:00Z');
const T0 = Date.parse('2026-03-02T00:00:00Z');
const at = (minutes: number): number => T0 + minutes * 60_000;
const ev = (event: string, distinctId: string, minutes: number, properties: Record<string, unknown> = {}, uuid?: string): TestEvent => ({
  event,
  distinctId,
  timestamp: at(minutes),
  properties,
  ...(uuid === undefined ? {} : { uuid }),
});

const steps = [{ event: 'view' }, { event: 'cart' }, { event: 'buy' }];
const base = { steps, windowSeconds: 3600, dateFrom: '2026-03-01', dateTo: '2026-03-30' } as const;

async function withDb<T>(events: TestEvent[], fn: (db: InsightTestDb) => Promise<T>): Promise<T> {
  const db = await openInsightTestDb();
  try {
    await db.insert(events);
    return await fn(db);
  } finally {
    db.close();
  }
}

async function funnel(db: InsightTestDb, input: Partial<FunnelSpecInput> = {}): Promise<FunnelResult> {
  const spec = funnelSpecSchema.parse({ kind: 'funnel', ...base, ...input });
  const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
  return plan.assemble(await Promise.all(plan.queries.map((q) => db.run(q))));
}

// Each scenario: one user's events and the furthest step they reach (0 = not in the funnel).
const scenarios: Array<[string, TestEvent[], number]> = [
  ['completes in order', [ev('view', 'u', 0), ev('cart', 'u', 10), ev('buy', 'u', 20)], 3],
  ['out of order counts only the ordered prefix', [ev('cart', 'u', 0), ev('view', 'u', 10), ev('buy', 'u', 20)], 1],
  ['window is measured from the first step (inclusive)', [ev('view', 'u', 0), ev('cart', 'u', 30), ev('buy', 'u', 60)], 3],
  ['a step one minute past the window does not count', [ev('view', 'u', 0), ev('cart', 'u', 30), ev('buy', 'u', 61)], 2],
  ['a later attempt can complete', [ev('view', 'u', 0), ev('cart', 'u', 5), ev('view', 'u', 100), ev('cart', 'u', 110), ev('buy', 'u', 120)], 3],
  ['equal timestamps are in order when they are different events', [ev('view', 'u', 0), ev('cart', 'u', 0), ev('buy', 'u', 0)], 3],
  ['no first step: not counted', [ev('cart', 'u', 0), ev('buy', 'u', 1)], 0],
  ['steps before the range do not count', [{ ...ev('view', 'u', 0), timestamp: '2026-02-20T00:00:00Z' }, ev('cart', 'u', 10)], 0],
];

describe('funnel on DuckDB', () => {
  it.each(scenarios)('%s', async (_name, events, reached) => {
    const result = await withDb(events, (db) => funnel(db));
    expect(result.steps.map((s) => s.count)).toEqual([1, 2, 3].map((k) => (reached >= k ? 1 : 0)));
  });

  it('one event never fills two steps (repeated step events need repeated events)', async () => {
    const loop = [{ event: 'view' }, { event: 'view' }];
    const once = await withDb([ev('view', 'u', 0)], (db) => funnel(db, { steps: loop }));
    expect(once.steps.map((s) => s.count)).toEqual([1, 0]);
    const twice = await withDb([ev('view', 'u', 0), ev('view', 'u', 0)], (db) => funnel(db, { steps: loop }));
    expect(twice.steps.map((s) => s.count)).toEqual([1, 1]);
  });

  it('reports conversion, drop-off and median seconds over several users', async () => {
    const events = [
      ev('view', 'a', 0), ev('cart', 'a', 1), ev('buy', 'a', 3),
      ev('view', 'b', 0), ev('cart', 'b', 2), ev('buy', 'b', 4),
      ev('view', 'c', 0), ev('cart', 'c', 4),
      ev('view', 'd', 0),
      ev('view', 'e', 0), ev('view', 'e', 2), ev('cart', 'e', 3), // best attempt: earliest view, median uses 3 min
    ];
    const result = await withDb(events, (db) => funnel(db));
    expect(result.steps.map((s) => s.count)).toEqual([5, 4, 2]);
    expect(result.steps.map((s) => s.conversionFromFirst)).toEqual([1, 0.8, 0.4]);
    expect(result.steps.map((s) => s.conversionFromPrevious)).toEqual([1, 0.8, 0.5]);
    expect(result.steps.map((s) => s.dropOff)).toEqual([0, 1, 2]);
    // step 2: a=60 s, b=120 s, c=240 s, e=180 s -> median 150 s; step 3: a=120 s, b=120 s -> 120 s.
    expect(result.steps.map((s) => s.medianSecondsFromPrevious)).toEqual([null, 150, 120]);
  });

  it('filters steps by properties and breaks down by the first step property', async () => {
    const events = [
      ev('view', 'a', 0, { src: 'ads' }), ev('cart', 'a', 1), ev('buy', 'a', 2, { total: 50 }),
      ev('view', 'b', 0, { src: 'ads' }), ev('cart', 'b', 1), ev('buy', 'b', 2, { total: 5 }),
      ev('view', 'c', 0, { src: 'seo' }), ev('cart', 'c', 1),
      ev('view', 'd', 0), ev('cart', 'd', 1), ev('buy', 'd', 2, { total: 70 }),
    ];
    const result = await withDb(events, (db) =>
      funnel(db, { breakdown: 'src', steps: [{ event: 'view' }, { event: 'cart' }, { event: 'buy', filters: [{ key: 'total', op: 'gte', value: 10 }] }] }),
    );
    expect(result.steps.map((s) => s.count)).toEqual([4, 4, 2]);
    expect(result.breakdowns?.map((b) => [b.breakdownValue, b.steps.map((s) => s.count)])).toEqual([
      ['ads', [2, 2, 1]],
      [null, [1, 1, 1]],
      ['seo', [1, 1, 0]],
    ]);
  });

  it('lists the users behind a step, completed or dropped, paged', async () => {
    const events = [
      ev('view', 'a', 0), ev('cart', 'a', 1), ev('buy', 'a', 2),
      ev('view', 'b', 5), ev('cart', 'b', 6),
      ev('view', 'c', 7), ev('cart', 'c', 8),
      ev('view', 'd', 9),
    ];
    const actors = async (db: InsightTestDb, step: number, status: 'completed' | 'dropped', offset = 0): Promise<FunnelActorsResult> => {
      const spec = funnelActorsSpecSchema.parse({ kind: 'funnel_actors', funnel: { kind: 'funnel', ...base }, step, status, limit: 2, offset });
      const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
      return plan.assemble(await Promise.all(plan.queries.map((q) => db.run(q))));
    };
    await withDb(events, async (db) => {
      const completed = await actors(db, 2, 'completed');
      expect(completed.total).toBe(3);
      expect(completed.actors).toEqual([
        { distinctId: 'a', firstStepAt: new Date(at(0)).toISOString(), reachedStep: 3 },
        { distinctId: 'b', firstStepAt: new Date(at(5)).toISOString(), reachedStep: 2 },
      ]);
      expect((await actors(db, 2, 'completed', 2)).actors.map((a) => a.distinctId)).toEqual(['c']);
      const dropped = await actors(db, 3, 'dropped');
      expect(dropped.total).toBe(2);
      expect(dropped.actors.map((a) => a.distinctId)).toEqual(['b', 'c']);
      expect((await actors(db, 1, 'dropped')).total).toBe(0);
    });
  });
});
