import { call, cte, fromEvents, ident, int, join, param, sql, type SqlNode } from './ast.js';
import { addIntervalUtc, enumerateBuckets, isoOf, resolveDateRange, truncateUtc } from './date-range.js';
import { compileFilters, inRange } from './filters.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { printQuery } from './printer.js';
import { num, resultSet, text } from './rows.js';
import type { LifecycleResult, LifecycleSpec } from './spec.js';

type Status = 'new' | 'returning' | 'resurrecting' | 'dormant';

const FIXED_MS = { day: 86_400_000, week: 7 * 86_400_000 } as const;

/**
 * Active (user, bucket) pairs with the user's previous and next active bucket (`prev_ms`, `next_ms`, epoch
 * ms) and the bucket of their first-ever matching event (`first_ms`, over all history before the range end).
 */
function activity(spec: LifecycleSpec, ctx: PlanContext, activeFrom: Date, to: Date): SqlNode {
  const unit = spec.interval;
  const match = [compileFilters(spec.filters), ...(spec.event === null ? [] : [sql`event = ${param(spec.event)}`])];
  const bucketMs = call('epochMs', [call('truncate', [ident('timestamp')], unit)]);
  const active = sql`SELECT DISTINCT distinct_id, ${bucketMs} AS b FROM ${fromEvents(ctx.projectId, [inRange(activeFrom, to), ...match])} AS e`;
  const toParam = call('timestamp', [param(to.toISOString())]);
  const firsts = sql`SELECT distinct_id, ${call('epochMs', [call('truncate', [sql`min(timestamp)`], unit)])} AS first_ms FROM ${fromEvents(ctx.projectId, [sql`timestamp < ${toParam}`, ...match])} AS e GROUP BY distinct_id`;
  let neighbours: SqlNode;
  if (ctx.dialect.windowFunctions) {
    const window = sql`OVER (PARTITION BY distinct_id ORDER BY b)`;
    neighbours = sql`SELECT distinct_id, b, lag(b) ${window} AS prev_ms, lead(b) ${window} AS next_ms FROM (${active}) AS a`;
  } else {
    // Sorted distinct buckets per user; neighbours by index (0 stands for "none" in ClickHouse arrays).
    const grouped = sql`SELECT distinct_id, arraySort(groupArray(b)) AS bs FROM (${active}) AS a GROUP BY distinct_id`;
    neighbours = sql`SELECT distinct_id, bs[i] AS b, if(i > 1, bs[i - 1], NULL) AS prev_ms, if(i < length(bs), bs[i + 1], NULL) AS next_ms FROM (${grouped}) AS g ARRAY JOIN arrayEnumerate(bs) AS i`;
  }
  return sql`SELECT distinct_id, b, prev_ms, next_ms, first_ms FROM (${neighbours}) AS nb ${call('innerJoin', [])} (${firsts}) AS f USING (distinct_id)`;
}

/**
 * Lifecycle, as PostHog defines it, per bucket of the range: `new` = the user's first-ever matching event
 * is in this bucket (history before the range counts); `returning` = active in this and the previous bucket;
 * `resurrecting` = active now, not in the previous bucket, but seen before; `dormant` = active in the previous
 * bucket but not in this one (reported as a negative number). `event: null` means any event.
 */
export function planLifecycle(spec: LifecycleSpec, ctx: PlanContext): InsightPlan<'lifecycle'> {
  const range = resolveDateRange(spec, ctx.now);
  const unit = spec.interval;
  const first = truncateUtc(range.from.getTime(), unit);
  const buckets = enumerateBuckets(range, unit);
  const last = buckets[buckets.length - 1] ?? first;
  const activeFrom = new Date(addIntervalUtc(first, unit, -1));
  const lc = cte('lc', activity(spec, ctx, activeFrom, range.to));
  const shift = (b: SqlNode, k: 1 | -1): SqlNode => {
    if (unit !== 'month') return sql`(${b} + ${int(k * FIXED_MS[unit])})`;
    // Months differ in length: map each bucket we can report to its neighbour (a few dozen at most).
    const starts = [addIntervalUtc(first, unit, -1), ...buckets];
    const branches = starts.map((s0) => sql`WHEN ${b} = ${int(s0)} THEN ${int(addIntervalUtc(s0, unit, k))}`);
    return sql`CASE ${join(branches, ' ')} ELSE NULL END`;
  };
  const status = sql`CASE WHEN b = first_ms THEN 'new' WHEN prev_ms = ${shift(ident('b'), -1)} THEN 'returning' ELSE 'resurrecting' END`;
  const active = sql`SELECT b AS bucket_ms, ${status} AS status FROM ${lc} AS l WHERE b >= ${int(first)}`;
  const dormant = sql`SELECT ${shift(ident('b'), 1)} AS bucket_ms, 'dormant' AS status FROM ${lc} AS l WHERE b < ${int(last)} AND (next_ms IS NULL OR next_ms <> ${shift(ident('b'), 1)})`;
  const root = sql`SELECT ${call('toDouble', [ident('bucket_ms')])} AS bucket_ms, status, ${call('toDouble', [sql`count(*)`])} AS users FROM (${active} UNION ALL ${dormant}) AS s WHERE bucket_ms IS NOT NULL AND bucket_ms <= ${int(last)} GROUP BY bucket_ms, status`;
  const query = printQuery(root, ctx.dialect);

  const assemble = (rows: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): LifecycleResult => {
    const table = new Map<number, Record<Status, number>>(buckets.map((b) => [b, { new: 0, returning: 0, resurrecting: 0, dormant: 0 }]));
    for (const row of resultSet(rows, 0)) {
      const entry = table.get(num(row, 'bucket_ms'));
      const s = text(row, 'status') as Status | null;
      if (entry && s !== null && s in entry) entry[s] = s === 'dormant' ? -num(row, 'users') : num(row, 'users');
    }
    return {
      kind: 'lifecycle',
      interval: unit,
      dateFrom: range.from.toISOString(),
      dateTo: range.to.toISOString(),
      buckets: buckets.map((b) => ({ bucket: isoOf(b), ...(table.get(b) ?? { new: 0, returning: 0, resurrecting: 0, dormant: 0 }) })),
    };
  };
  return { queries: [query], assemble };
}
