import { describe, expect, it } from 'vitest';
import { fromEvents, ident, param, prop, sql } from './ast.js';
import { clickhouseDialect } from './dialects/clickhouse.js';
import { duckdbDialect } from './dialects/duckdb.js';
import type { Dialect } from './dialects/base.js';
import { planInsight } from './plan.js';
import { printQuery, type PrintedQuery } from './printer.js';
import { insightSpecSchema, type InsightSpec } from './spec.js';

const EVIL = "x' OR 1=1; DROP TABLE events; --";
const now = new Date('2026-03-31T00:00:00Z');

/** Specs of every kind, with hostile strings wherever a caller may put text. */
const specs: InsightSpec[] = [
  { kind: 'trend', series: [{ event: EVIL, math: 'sum', property: 'price', filters: [{ key: 'plan tier', op: 'eq', value: EVIL }] }], breakdown: 'plan.tier', compare: true },
  { kind: 'trend', series: [{ event: null, math: 'unique_users' }, { event: 'a', math: 'avg', property: '$price' }], interval: 'hour', dateFrom: '-2d' },
  { kind: 'funnel', steps: [{ event: EVIL }, { event: 'b', filters: [{ key: 'k', op: 'in', value: [EVIL, 3] }] }, { event: 'c' }], breakdown: 'src' },
  { kind: 'funnel_actors', funnel: { kind: 'funnel', steps: [{ event: 'a' }, { event: 'b' }], breakdown: 'src' }, step: 2, status: 'dropped', breakdownValue: EVIL },
  { kind: 'retention', startEvent: { event: EVIL }, returnEvent: { event: 'b', filters: [{ key: 'x', op: 'contains', value: EVIL }] }, breakdown: 'plan', period: 'day' },
  { kind: 'retention', startEvent: { event: 'a' }, returnEvent: { event: 'b' } },
  { kind: 'paths', event: EVIL, direction: 'previous', withinSession: true, filters: [{ key: 'k', op: 'neq', value: EVIL }] },
  { kind: 'lifecycle', event: EVIL, interval: 'month', dateFrom: '-6m' },
  { kind: 'lifecycle', event: null, interval: 'day' },
].map((s) => insightSpecSchema.parse(s));

/** Every events scan in the text must carry `project_id = <placeholder>` right after FROM events. */
function assertProjectPredicate(query: PrintedQuery, placeholder: RegExp): void {
  const mentions = query.sql.match(/\bevents\b/g) ?? [];
  const guarded = query.sql.match(new RegExp(`FROM events WHERE project_id = ${placeholder.source}`, 'g')) ?? [];
  expect(mentions.length).toBeGreaterThan(0);
  expect(guarded.length).toBe(mentions.length);
  for (const match of query.sql.matchAll(new RegExp(`FROM events WHERE project_id = ${placeholder.source}`, 'g'))) {
    const name = /p\d+/.exec(match[0])?.[0] ?? '';
    expect(query.params[name]).toBe('proj-1');
  }
}

const dialects: Array<[string, Dialect, RegExp]> = [
  ['duckdb', duckdbDialect, /\$p\d+/],
  ['clickhouse', clickhouseDialect, /\{p\d+:[A-Za-z0-9()]+\}/],
];

describe.each(dialects)('printing for %s', (_name, dialect, placeholder) => {
  it.each(specs.map((s) => [s.kind, s] as const))('%s: project predicate on every scan, values only as params', (_kind, spec) => {
    const plan = planInsight(spec, { projectId: 'proj-1', now, dialect });
    expect(plan.queries.length).toBeGreaterThan(0);
    for (const query of plan.queries) {
      assertProjectPredicate(query, placeholder);
      expect(query.sql).not.toContain(EVIL);
      expect(query.sql).not.toContain('DROP');
      // Placeholders and params correspond one to one.
      const used = new Set([...query.sql.matchAll(new RegExp(placeholder.source, 'g'))].map((m) => /p\d+/.exec(m[0])?.[0]));
      expect(used).toEqual(new Set(Object.keys(query.params)));
      if (dialect.name === 'clickhouse') expect(query.sql).not.toMatch(/\$p\d/);
      else expect(query.sql).not.toMatch(/\{p\d/);
    }
  });
});

describe('printer', () => {
  it('binds property keys as JSON-path params per dialect', () => {
    const node = sql`SELECT ${prop('a.b c')} AS v, ${ident('distinct_id')} FROM ${fromEvents('p', [sql`event = ${param('x')}`])} AS e`;
    const duck = printQuery(node, duckdbDialect);
    expect(duck.sql).toBe('SELECT json_extract_string(properties, $p1) AS v, distinct_id FROM (SELECT * FROM events WHERE project_id = $p2 AND event = $p3) AS e');
    expect(duck.params).toEqual({ p1: '$."a.b c"', p2: 'p', p3: 'x' });
    const ch = printQuery(node, clickhouseDialect);
    expect(ch.sql).toContain('JSONExtractString(properties, {p1:String})');
    expect(ch.sql).toContain('project_id = {p2:String}');
    expect(ch.params.p1).toBe('a.b c');
  });

  it('types ClickHouse placeholders from the bound value', () => {
    const printed = printQuery(sql`${param(1)} ${param(1.5)} ${param(true)} ${param(null)} ${param('s')}`, clickhouseDialect);
    expect(printed.sql).toBe('{p1:Int64} {p2:Float64} {p3:UInt8} {p4:Nullable(String)} {p5:String}');
  });

  it('rejects identifiers that are not plain names', () => {
    expect(() => ident('x; DROP')).toThrow();
  });
});
