import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { openInsightTestDb, type TestEvent } from '../../../test-utils/insights-duckdb.js';
import { truncateUtc } from './date-range.js';
import { duckdbDialect } from './dialects/duckdb.js';
import { planInsight } from './plan.js';
import { funnelSpecSchema, retentionSpecSchema, type FunnelResult, type RetentionResult } from './spec.js';

/**
 * Randomised check: the compiled funnel and retention against straightforward TypeScript implementations of
 * the documented semantics, over the same seeded events (with timestamp ties, events outside the range and
 * another project's events).
 */

const START = Date.parse('2026-02-02T00:00:00Z'); // a Monday
const DAY = 86_400_000;
const now = new Date('2026-04-01T00:00:00Z');
const NAMES = ['a', 'b', 'c', 'd'];

function randomEvents(seed: number): TestEvent[] {
  const rng = createRng(seed);
  const events: TestEvent[] = [];
  const users = rng.int(20, 60);
  for (let u = 0; u < users; u++) {
    const n = rng.int(1, 25);
    const home = START + rng.int(-3, 30) * DAY;
    for (let i = 0; i < n; i++) {
      // Minute granularity over a few days makes ties and near-window cases common.
      const ts = home + rng.int(0, 6 * 24 * 60) * 60_000 * (rng.chance(0.2) ? 4 : 1);
      events.push({
        event: rng.pick(NAMES),
        distinctId: `user${u}`,
        timestamp: ts,
        properties: rng.chance(0.8) ? { src: rng.pick(['x', 'y', 'z']) } : {},
        projectId: rng.chance(0.05) ? 'other' : 'p1',
        uuid: `e${seed}-${events.length}`,
      });
    }
  }
  return events;
}

interface Row {
  ts: number;
  event: string;
  uuid: string;
  src: string | null;
  user: string;
}

function inRange(events: TestEvent[], from: number, to: number): Row[] {
  return events
    .filter((e) => (e.projectId ?? 'p1') === 'p1')
    .map((e) => ({ ts: Number(e.timestamp), event: e.event, uuid: e.uuid ?? '', src: (e.properties?.src as string | undefined) ?? null, user: e.distinctId }))
    .filter((e) => e.ts >= from && e.ts < to);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Reference funnel: for each first-step event, greedily take the next step's earliest later event. */
function referenceFunnel(rows: Row[], steps: string[], windowMs: number, breakdownLimit: number) {
  const byUser = new Map<string, Row[]>();
  for (const r of rows) byUser.set(r.user, [...(byUser.get(r.user) ?? []), r]);
  const users: Array<{ level: number; times: number[]; bd: string | null }> = [];
  for (const list of byUser.values()) {
    // An event may match several steps (repeated names); ties sort lower steps first.
    const matches = (r: Row, k: number): boolean => steps[k - 1] === r.event;
    const mask = (r: Row): number => steps.reduce((m, _, i) => m + (matches(r, i + 1) ? 2 ** (steps.length - 1 - i) : 0), 0);
    const seq = list.filter((r) => mask(r) > 0).sort((x, y) => x.ts - y.ts || mask(y) - mask(x) || (x.uuid < y.uuid ? -1 : 1));
    let best: { level: number; times: number[]; bd: string | null } | undefined;
    seq.forEach((first, i) => {
      if (!matches(first, 1)) return;
      const times = [first.ts];
      let j = i + 1;
      for (let k = 2; k <= steps.length; k++) {
        while (j < seq.length && !matches(seq[j] as Row, k)) j++;
        const next = seq[j];
        if (!next || next.ts - first.ts > windowMs) break;
        times.push(next.ts);
        j++;
      }
      if (!best || times.length > best.level) best = { level: times.length, times, bd: first.src };
    });
    if (best) users.push(best);
  }
  const counts = new Map<string, number>();
  for (const u of users) if (u.bd !== null) counts.set(u.bd, (counts.get(u.bd) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, breakdownLimit).map((e) => e[0]);
  const summarise = (group: typeof users) =>
    steps.map((_, i) => ({
      count: group.filter((u) => u.level >= i + 1).length,
      median: i === 0 ? null : median(group.filter((u) => u.level >= i + 1).map((u) => ((u.times[i] ?? 0) - (u.times[i - 1] ?? 0)) / 1000)),
    }));
  const groups = new Map<string | null, typeof users>();
  for (const u of users) {
    const key = u.bd === null ? null : top.includes(u.bd) ? u.bd : '$other';
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  return { overall: summarise(users), groups: new Map([...groups.entries()].map(([k, g]) => [k, summarise(g)])) };
}

/** Reference retention: cohort = week of first start event; value[i] = cohort users returning in week i. */
function referenceRetention(rows: Row[], start: string, ret: string, periods: number, from: number, to: number) {
  const first = new Map<string, number>();
  for (const r of rows) if (r.event === start) first.set(r.user, Math.min(first.get(r.user) ?? Infinity, r.ts));
  const week = 7 * DAY;
  const out = new Map<number, number[]>();
  for (let c = truncateUtc(from, 'week'); c < to; c += week) {
    out.set(c, new Array<number>(Math.max(1, Math.min(periods, Math.ceil((to - c) / week)))).fill(0));
  }
  for (const [user, ts] of first) {
    const cohort = truncateUtc(ts, 'week');
    const values = out.get(cohort) as number[];
    values[0] = (values[0] ?? 0) + 1;
    const weeks = new Set(rows.filter((r) => r.user === user && r.event === ret).map((r) => (truncateUtc(r.ts, 'week') - cohort) / week));
    for (const i of weeks) if (i >= 1 && i < values.length) values[i] = (values[i] ?? 0) + 1;
  }
  return [...out.entries()].map(([c, values]) => ({ cohort: new Date(c).toISOString(), values }));
}

describe.each([1, 2, 3, 4, 5])('compiled insights equal the reference (seed %i)', (seed) => {
  const events = randomEvents(seed);
  const dateFrom = '2026-02-05';
  const dateTo = '2026-03-01';
  const from = Date.parse('2026-02-05T00:00:00Z');
  const to = Date.parse('2026-03-02T00:00:00Z');

  it.each([[['a', 'b', 'c']], [['a', 'b', 'c', 'd']], [['a', 'b', 'a']], [['d', 'd', 'c', 'd']]])('funnel %j with breakdown', async (steps) => {
    const db = await openInsightTestDb();
    try {
      await db.insert(events);
      const windowSeconds = 2 * 86400;
      const spec = funnelSpecSchema.parse({ kind: 'funnel', steps: steps.map((event) => ({ event })), windowSeconds, dateFrom, dateTo, breakdown: 'src', breakdownLimit: 2 });
      const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
      const result: FunnelResult = plan.assemble(await Promise.all(plan.queries.map((q) => db.run(q))));
      const ref = referenceFunnel(inRange(events, from, to), steps, windowSeconds * 1000, 2);
      const shape = (s: FunnelResult['steps']) => s.map((x) => ({ count: x.count, median: x.medianSecondsFromPrevious }));
      expect(shape(result.steps)).toEqual(ref.overall);
      expect(result.steps[0]?.count).toBeGreaterThan(0);
      const groups = new Map((result.breakdowns ?? []).map((b) => [b.breakdownValue, shape(b.steps)]));
      expect(groups).toEqual(ref.groups);
    } finally {
      db.close();
    }
  });

  it('weekly retention', async () => {
    const db = await openInsightTestDb();
    try {
      await db.insert(events);
      const spec = retentionSpecSchema.parse({ kind: 'retention', startEvent: { event: 'a' }, returnEvent: { event: 'b' }, period: 'week', periods: 3, dateFrom, dateTo });
      const plan = planInsight(spec, { projectId: 'p1', now, dialect: duckdbDialect });
      const result: RetentionResult = plan.assemble(await Promise.all(plan.queries.map((q) => db.run(q))));
      const ref = referenceRetention(inRange(events, from, to), 'a', 'b', 3, from, to);
      expect(result.cohorts.map((c) => ({ cohort: c.cohort, values: c.values }))).toEqual(ref);
      expect(result.cohorts.some((c) => (c.values[1] ?? 0) > 0)).toBe(true);
    } finally {
      db.close();
    }
  });
});
