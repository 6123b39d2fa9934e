import { call, fromEvents, ident, int, join, or, sql, type SqlNode } from './ast.js';
import type { DateRange } from './date-range.js';
import type { Dialect } from './dialects/base.js';
import { inRange, matchSelector, propertyText } from './filters.js';
import type { FunnelSpec } from './spec.js';

/** Multiplier that makes `level * LEVEL_WEIGHT - t1` order attempts by level first, then earliest start. */
const LEVEL_WEIGHT = 1e13;

const s = (k: number): SqlNode => ident(`s${k}`);
const t = (k: number): SqlNode => ident(`t${k}`);
const c = (p: number, k: number): SqlNode => ident(`c${p}_${k}`);

/**
 * Step events of the funnel: one row per event matching any step, with its epoch-ms time, a flag per step,
 * the order key and (with a breakdown) the raw breakdown value.
 */
function stepRows(spec: FunnelSpec, range: DateRange, projectId: string): SqlNode {
  const flags = spec.steps.map((step, i) => sql`${matchSelector(step)} AS ${s(i + 1)}`);
  // Tie order among equal timestamps: a bitmask with step 1 as the highest bit, sorted descending, puts
  // events of lower steps first; events with the same mask are interchangeable, so no uuid is needed.
  const K = spec.steps.length;
  const ord = sql`(${join(spec.steps.map((_, i) => sql`CASE WHEN ${s(i + 1)} THEN ${int(2 ** (K - 1 - i))} ELSE 0 END`), ' + ')})`;
  const breakdown = spec.breakdown === undefined ? sql`` : sql`, ${propertyText(spec.breakdown)} AS bd_raw`;
  const where = [inRange(range.from, range.to), matchSelector({ event: null, filters: spec.filters }), or(spec.steps.map(matchSelector))];
  const flagged = sql`SELECT distinct_id, ${call('epochMs', [ident('timestamp')])} AS ts, ${flags}${breakdown} FROM ${fromEvents(projectId, where)} AS e`;
  return sql`SELECT *, ${ord} AS ord FROM (${flagged}) AS f`;
}

/**
 * Users of a funnel with the furthest step they reached: columns `distinct_id`, `level` (1..K), `t1`..`tK`
 * (epoch ms of each step of their best attempt; only `t1..t{level}` are meaningful) and, with a breakdown, `bd_raw` (the
 * breakdown property on that attempt's first-step event).
 *
 * Plan (window dialects): events are ordered per user by (time, lowest step matched). For every target
 * step k the greedy earliest chain is computed backwards with K-1 passes of
 * `min(..) OVER (rows strictly after)`: pass p turns "time step k is reached when this row is used as step
 * k-p+1" into the same for step k-p. Greedy earliest-next is optimal for ordered funnels, and its completion
 * time is monotone in the start, so `min` over the following rows is the value at the first usable row.
 */
export function funnelUsers(spec: FunnelSpec, range: DateRange, projectId: string, dialect: Dialect): SqlNode {
  if (!dialect.windowFunctions) return funnelUsersArrays(spec, range, projectId);
  const K = spec.steps.length;
  // With a breakdown, its value joins the order key so equal events with different values sort stably.
  const tie = spec.breakdown === undefined ? sql`` : sql`, bd_raw`;
  const window = sql`OVER (PARTITION BY distinct_id ORDER BY ts, ord DESC${tie} ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)`;
  let current = stepRows(spec, range, projectId);
  for (let p = 1; p <= K - 1; p++) {
    const columns: SqlNode[] = [];
    for (let k = p + 1; k <= K; k++) {
      const previous = p === 1 ? ident('ts') : c(p - 1, k);
      const name = k === p + 1 ? t(k) : c(p, k);
      columns.push(sql`min(CASE WHEN ${s(k - p + 1)} THEN ${previous} END) ${window} AS ${name}`);
    }
    // A row enters pass p when a later pass reads its output (steps 1..K-p) or when it provides a value to
    // this pass (a step k-p+1 row whose chain value is not NULL); the rest cannot change any result.
    const outputs = Array.from({ length: K - p }, (_, i) => s(i + 1));
    const providers = Array.from({ length: K - p }, (_, i) => p + 1 + i).map((k) => sql`(${s(k - p + 1)} AND ${c(p - 1, k)} IS NOT NULL)`);
    const where = p === 1 ? sql`` : sql` WHERE ${or([...outputs, ...providers])}`;
    current = sql`SELECT *, ${columns} FROM (${current}) AS q${int(p)}${where}`;
  }
  return perUser(spec, sql`SELECT * FROM (${current}) AS chains WHERE s1`);
}

/** Per user: the best attempt (furthest level, then earliest start) among first-step rows with `t2..tK`. */
function perUser(spec: FunnelSpec, attempts: SqlNode): SqlNode {
  const K = spec.steps.length;
  const bd = spec.breakdown === undefined ? [] : [ident('bd_raw')];
  const reached = (k: number): SqlNode => sql`(${t(k)} IS NOT NULL AND ${t(k)} - ts <= ${int(spec.windowSeconds * 1000)})`;
  const levels = Array.from({ length: K - 1 }, (_, i) => K - i).map((k) => sql`WHEN ${reached(k)} THEN ${int(k)}`);
  const times = Array.from({ length: K - 1 }, (_, i) => t(i + 2));
  const leveled = sql`SELECT distinct_id, ts, ${[...times, ...bd]}, CASE ${join(levels, ' ')} ELSE 1 END AS level FROM (${attempts}) AS a`;
  const key = sql`level * ${int(LEVEL_WEIGHT)} - ts`;
  const picks = times.map((tk) => sql`${call('argMax', [tk, key])} AS ${tk}`);
  if (spec.breakdown !== undefined) picks.push(sql`${call('argMaxNull', [ident('bd_raw'), key])} AS bd_raw`);
  return sql`SELECT distinct_id, max(level) AS level, ${call('argMax', [ident('ts'), key])} AS t1, ${picks} FROM (${leveled}) AS l GROUP BY distinct_id`;
}

/**
 * ClickHouse 18.16 has no window functions: per user, the step rows are collected into time-ordered arrays
 * and the same backward chain runs as array expressions (for each row, the minimum over later rows).
 */
function funnelUsersArrays(spec: FunnelSpec, range: DateRange, projectId: string): SqlNode {
  const K = spec.steps.length;
  const rows = stepRows(spec, range, projectId);
  const bd = spec.breakdown === undefined ? [] : [ident('bd_raw')];
  const fields = [sql`ts`, sql`ord`, ...spec.steps.map((_, i) => s(i + 1)), ...bd];
  // Sorted tuples (ts, ord, s1..sK, bd_raw) in the window plan's order; one array per field is then taken.
  const tieKey = spec.breakdown === undefined ? sql`` : sql`, ifNull(tupleElement(x, ${int(3 + K)}), '')`;
  const sorted = sql`arraySort(x -> (x.1, -x.2${tieKey}), groupArray(tuple(${fields})))`;
  const field = (n: number): SqlNode => sql`arrayMap(x -> tupleElement(x, ${int(n)}), seq)`;
  const arrays = [
    sql`${field(1)} AS a_ts`,
    ...spec.steps.map((_, i) => sql`${field(3 + i)} AS ${ident(`a_s${i + 1}`)}`),
    ...bd.map(() => sql`${field(3 + K)} AS a_bd`),
  ];
  const grouped = sql`SELECT distinct_id, ${arrays} FROM (SELECT distinct_id, ${sorted} AS seq FROM (${rows}) AS r GROUP BY distinct_id) AS g`;
  // a_c_p_k[i]: min over j > i of (a_s{k-p+1}[j] ? a_c_{p-1}_k[j] : NULL); a_c_0_k = a_ts.
  let chains = grouped;
  const arr = (p: number, k: number): SqlNode => (p === 0 ? ident('a_ts') : ident(`a_c${p}_${k}`));
  for (let p = 1; p <= K - 1; p++) {
    const columns: SqlNode[] = [];
    for (let k = p + 1; k <= K; k++) {
      const src = arr(p - 1, k);
      const flag = ident(`a_s${k - p + 1}`);
      const later = sql`arrayFilter((v, f, j) -> f AND j > i AND isNotNull(v), ${src}, ${flag}, arrayEnumerate(${src}))`;
      // An empty minimum must be NULL (arrayReduce would give 0, which reads as "reached at epoch").
      columns.push(
        sql`arrayMap(i -> if(empty(${later}), NULL, arrayReduce('min', ${later})), arrayEnumerate(${src})) AS ${ident(`a_c${p}_${k}`)}`,
      );
    }
    chains = sql`SELECT *, ${columns} FROM (${chains}) AS q${int(p)}`;
  }
  const tk = Array.from({ length: K - 1 }, (_, i) => sql`${ident(`a_c${i + 1}_${i + 2}`)}[i] AS ${t(i + 2)}`);
  const bdAt = bd.map(() => sql`a_bd[i] AS bd_raw`);
  const attempts = sql`SELECT distinct_id, a_ts[i] AS ts, ${[...tk, ...bdAt]} FROM (${chains}) AS ch ARRAY JOIN arrayEnumerate(a_ts) AS i WHERE a_s1[i]`;
  return perUser(spec, attempts);
}
