import { call, cte, fromEvents, ident, int, sql, type SqlNode } from './ast.js';
import { topBreakdown } from './breakdown.js';
import { enumerateBuckets, isoOf, resolveDateRange } from './date-range.js';
import { inRange, matchSelector, propertyText } from './filters.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { printQuery } from './printer.js';
import { num, resultSet, text } from './rows.js';
import type { RetentionResult, RetentionSpec } from './spec.js';

const PERIOD_MS = { day: 86_400_000, week: 7 * 86_400_000 } as const;

/**
 * Retention. Cohort = the period of a user's first `startEvent` in the range (first-time retention);
 * `values[0]` is the cohort size, `values[i]` (i >= 1) the cohort's users who did `returnEvent` in period i
 * after it. Return events are read in the same range, so the last cohorts have fewer periods. Breakdown: the
 * property on the user's first start event (top N by users, the rest `$other`).
 *
 * One query: cohort sizes (period 0) UNION ALL the join of cohorts with distinct (user, return period) pairs.
 */
export function planRetention(spec: RetentionSpec, ctx: PlanContext): InsightPlan<'retention'> {
  const range = resolveDateRange(spec, ctx.now);
  const period = spec.period;
  const global = matchSelector({ event: null, filters: spec.filters });
  const hasBreakdown = spec.breakdown !== undefined;
  const starts = fromEvents(ctx.projectId, [inRange(range.from, range.to), global, matchSelector(spec.startEvent)]);
  const cohortMs = call('epochMs', [call('truncate', [sql`min(timestamp)`], period)]);
  // Without a breakdown no breakdown column is carried at all (it would cost a NULL-keeping argMin per user).
  const firsts = cte(
    'firsts',
    spec.breakdown === undefined
      ? sql`SELECT distinct_id, ${cohortMs} AS cohort_ms FROM ${starts} AS e GROUP BY distinct_id`
      : sql`SELECT distinct_id, ${cohortMs} AS cohort_ms, ${call('argMinNull', [propertyText(spec.breakdown), ident('timestamp')])} AS bd_raw FROM ${starts} AS e GROUP BY distinct_id`,
  );
  const cohorts =
    spec.breakdown === undefined
      ? firsts
      : cte('cohorts', sql`SELECT distinct_id, cohort_ms, ${topBreakdown(ident('bd_raw'), firsts, spec.breakdownLimit)} AS breakdown FROM ${firsts} AS f`);
  const returnsFrom = fromEvents(ctx.projectId, [inRange(range.from, range.to), global, matchSelector(spec.returnEvent)]);
  const returns = sql`SELECT DISTINCT distinct_id, ${call('epochMs', [call('truncate', [ident('timestamp')], period)])} AS return_ms FROM ${returnsFrom} AS e`;
  const index = call('intDiv', [sql`return_ms - cohort_ms`, int(PERIOD_MS[period])]);
  const groups = hasBreakdown ? [ident('cohort_ms'), ident('breakdown')] : [ident('cohort_ms')];
  const joined = sql`SELECT ${groups}, ${index} AS period_index FROM ${cohorts} AS c ${call('innerJoin', [])} (${returns}) AS r USING (distinct_id) WHERE return_ms > cohort_ms AND return_ms < cohort_ms + ${int(spec.periods * PERIOD_MS[period])}`;
  const out = (index: SqlNode): SqlNode[] => [
    sql`${call('toDouble', [ident('cohort_ms')])} AS cohort_ms`,
    hasBreakdown ? sql`breakdown` : sql`${call('nullText', [])} AS breakdown`,
    sql`${call('toDouble', [index])} AS period_index`,
    sql`${call('toDouble', [sql`count(*)`])} AS users`,
  ];
  const root = sql`SELECT ${out(int(0))} FROM ${cohorts} AS c GROUP BY ${groups} UNION ALL SELECT ${out(ident('period_index'))} FROM (${joined}) AS j GROUP BY ${groups}, period_index`;
  const query = printQuery(root, ctx.dialect);

  const assemble = (rows: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): RetentionResult => {
    const end = range.to.getTime();
    const cohorts = new Map<string, { cohort: number; breakdownValue: string | null; values: number[] }>();
    const key = (cohort: number, b: string | null): string => `${cohort}\u0000${b ?? '\u0001'}`;
    const visible = (cohort: number): number => Math.max(1, Math.min(spec.periods, Math.ceil((end - cohort) / PERIOD_MS[period])));
    if (spec.breakdown === undefined) {
      for (const b of enumerateBuckets(range, period)) cohorts.set(key(b, null), { cohort: b, breakdownValue: null, values: new Array<number>(visible(b)).fill(0) });
    }
    for (const row of resultSet(rows, 0)) {
      const cohort = num(row, 'cohort_ms');
      const b = spec.breakdown === undefined ? null : text(row, 'breakdown');
      let entry = cohorts.get(key(cohort, b));
      if (!entry) {
        entry = { cohort, breakdownValue: b, values: new Array<number>(visible(cohort)).fill(0) };
        cohorts.set(key(cohort, b), entry);
      }
      const i = num(row, 'period_index');
      if (i < entry.values.length) entry.values[i] = num(row, 'users');
    }
    const list = [...cohorts.values()].sort((a, b) => a.cohort - b.cohort || String(a.breakdownValue).localeCompare(String(b.breakdownValue)));
    return {
      kind: 'retention',
      period,
      dateFrom: range.from.toISOString(),
      dateTo: range.to.toISOString(),
      cohorts: list.map((c) => ({
        cohort: isoOf(c.cohort),
        ...(spec.breakdown === undefined ? {} : { breakdownValue: c.breakdownValue }),
        size: c.values[0] ?? 0,
        values: c.values,
      })),
    };
  };
  return { queries: [query], assemble };
}
