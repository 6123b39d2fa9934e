import { call, cte, fromEvents, ident, int, join, param, sql, type SqlNode } from './ast.js';
import { resolveDateRange } from './date-range.js';
import { compileFilters, inRange } from './filters.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { printQuery } from './printer.js';
import { num, resultSet, text } from './rows.js';
import type { PathsResult, PathsSpec } from './spec.js';

const n = (k: number): SqlNode => ident(`n${k}`);

/**
 * Occurrences of the chosen event with the `depth` events after (or before) it in the same sequence:
 * columns `n0` (the event itself) .. `nD`. Window dialects use lead/lag; ClickHouse 18.16 uses sorted arrays.
 */
function occurrences(spec: PathsSpec, ctx: PlanContext, from: Date, to: Date): SqlNode {
  const scan = fromEvents(ctx.projectId, [inRange(from, to), compileFilters(spec.filters)]);
  const partition = spec.withinSession === true ? sql`distinct_id, coalesce(session_id, '')` : sql`distinct_id`;
  const offsets = Array.from({ length: spec.depth }, (_, i) => i + 1);
  if (ctx.dialect.windowFunctions) {
    const fn = spec.direction === 'next' ? 'lead' : 'lag';
    const window = sql`OVER (PARTITION BY ${partition} ORDER BY timestamp, uuid)`;
    const cols = offsets.map((k) => sql`${{ kind: 'fragment', parts: [`${fn}(event, `, ')'], children: [int(k)] }} ${window} AS ${n(k)}`);
    const seq = sql`SELECT event AS n0, ${cols} FROM ${scan} AS e`;
    return sql`SELECT * FROM (${seq}) AS s WHERE n0 = ${param(spec.event)}`;
  }
  const sorted = sql`arraySort(x -> (x.1, x.2), groupArray(tuple(timestamp, uuid, event)))`;
  const grouped = sql`SELECT ${sorted} AS seq FROM ${scan} AS e GROUP BY ${partition}`;
  const at = (k: number): SqlNode => {
    const index = spec.direction === 'next' ? sql`i + ${int(k)}` : sql`i - ${int(k)}`;
    return sql`if(${index} >= 1 AND ${index} <= length(seq), tupleElement(seq[${index}], 3), NULL) AS ${n(k)}`;
  };
  return sql`SELECT tupleElement(seq[i], 3) AS n0, ${offsets.map(at)} FROM (${grouped}) AS g ARRAY JOIN arrayEnumerate(seq) AS i WHERE tupleElement(seq[i], 3) = ${param(spec.event)}`;
}

/**
 * Paths: edges between consecutive positions around each occurrence of the chosen event, counted per step.
 * Edges point in time order: for `next`, step k goes from the (k-1)-th event after to the k-th; for
 * `previous`, from the k-th event before to the (k-1)-th. `share` = count / occurrences of the event; the
 * top `limit` edges per step are kept. Sequences are per user (per user and session with `withinSession`),
 * ordered by timestamp then uuid.
 */
export function planPaths(spec: PathsSpec, ctx: PlanContext): InsightPlan<'paths'> {
  const range = resolveDateRange(spec, ctx.now);
  const occ = cte('occurrences', occurrences(spec, ctx, range.from, range.to));
  const row = (step: SqlNode, source: SqlNode, target: SqlNode): SqlNode[] => [
    sql`${call('toDouble', [step])} AS step`,
    sql`${source} AS source`,
    sql`${target} AS target`,
    sql`${call('toDouble', [sql`count(*)`])} AS edges`,
  ];
  const parts: SqlNode[] = [sql`SELECT ${row(int(0), call('nullText', []), call('nullText', []))} FROM ${occ} AS o`];
  for (let k = 1; k <= spec.depth; k++) {
    const [source, target] = spec.direction === 'next' ? [n(k - 1), n(k)] : [n(k), n(k - 1)];
    parts.push(sql`SELECT ${row(int(k), source, target)} FROM ${occ} AS o WHERE ${n(k)} IS NOT NULL GROUP BY ${n(k - 1)}, ${n(k)}`);
  }
  const query = printQuery(join(parts, ' UNION ALL '), ctx.dialect);

  const assemble = (rows: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): PathsResult => {
    const set = resultSet(rows, 0);
    const total = num(set.find((r) => num(r, 'step') === 0) ?? {}, 'edges');
    const edges: PathsResult['edges'] = [];
    for (let k = 1; k <= spec.depth; k++) {
      const stepEdges = set
        .filter((r) => num(r, 'step') === k)
        .map((r) => ({ step: k, source: text(r, 'source') ?? '', target: text(r, 'target') ?? '', count: num(r, 'edges') }))
        .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source) || a.target.localeCompare(b.target))
        .slice(0, spec.limit);
      edges.push(...stepEdges.map((e) => ({ ...e, share: total === 0 ? 0 : e.count / total })));
    }
    return { kind: 'paths', event: spec.event, direction: spec.direction, dateFrom: range.from.toISOString(), dateTo: range.to.toISOString(), total, edges };
  };
  return { queries: [query], assemble };
}
