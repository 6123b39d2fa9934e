import { call, cte, ident, int, join, sql, type SqlNode } from './ast.js';
import { topBreakdown } from './breakdown.js';
import { resolveDateRange, type DateRange } from './date-range.js';
import { funnelUsers } from './funnel-users.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { printQuery } from './printer.js';
import { num, numOrNull, resultSet, text } from './rows.js';
import type { FunnelResult, FunnelSpec, FunnelStepResult } from './spec.js';

/**
 * Funnel users with the reported breakdown value (`breakdown` column: top N values of the first-step
 * property by users, the rest `$other`, users whose first step lacks it NULL), as a relation (CTE).
 * Shared with funnel_actors.
 */
export function funnelUsersWithBreakdown(spec: FunnelSpec, range: DateRange, ctx: PlanContext): SqlNode {
  const users = cte('funnel_users', funnelUsers(spec, range, ctx.projectId, ctx.dialect));
  const breakdown =
    spec.breakdown === undefined ? call('nullText', []) : topBreakdown(ident('bd_raw'), users, spec.breakdownLimit);
  const K = spec.steps.length;
  const times = Array.from({ length: K }, (_, i) => ident(`t${i + 1}`));
  return cte('funnel_rows', sql`SELECT distinct_id, level, ${times}, ${breakdown} AS breakdown FROM ${users} AS u`);
}

/** Per group: users reaching each step (`c1..cK`) and median seconds from the previous step (`m2..mK`). */
function stepAggregates(K: number): SqlNode[] {
  const counts = Array.from({ length: K }, (_, i) =>
    sql`${call('toDouble', [sql`sum(CASE WHEN level >= ${int(i + 1)} THEN 1 ELSE 0 END)`])} AS ${ident(`c${i + 1}`)}`,
  );
  const medians = Array.from({ length: K - 1 }, (_, i) => {
    const k = i + 2;
    const seconds = sql`(${ident(`t${k}`)} - ${ident(`t${k - 1}`)}) / 1000.0`;
    return sql`${call('toDouble', [call('median', [sql`CASE WHEN level >= ${int(k)} THEN ${seconds} END`])])} AS ${ident(`m${k}`)}`;
  });
  return [...counts, ...medians];
}

function steps(spec: FunnelSpec, row: Record<string, unknown>): FunnelStepResult[] {
  const counts = spec.steps.map((_, i) => num(row, `c${i + 1}`));
  const first = counts[0] ?? 0;
  return spec.steps.map((step, i) => {
    const count = counts[i] ?? 0;
    const previous = i === 0 ? count : (counts[i - 1] ?? 0);
    return {
      index: i + 1,
      label: step.label ?? step.event,
      event: step.event,
      count,
      conversionFromFirst: first === 0 ? 0 : count / first,
      conversionFromPrevious: previous === 0 ? 0 : count / previous,
      dropOff: previous - count,
      medianSecondsFromPrevious: i === 0 ? null : numOrNull(row, `m${i + 1}`),
    };
  });
}

/**
 * Funnel: one query. Without breakdown it returns one row; with one, a row per breakdown value plus the
 * overall row (`is_total = 1`), so the overall medians are true medians rather than merged ones.
 */
export function planFunnel(spec: FunnelSpec, ctx: PlanContext): InsightPlan<'funnel'> {
  const range = resolveDateRange(spec, ctx.now);
  const K = spec.steps.length;
  const users = funnelUsersWithBreakdown(spec, range, ctx);
  const aggregates = stepAggregates(K);
  const overall = sql`SELECT ${call('toDouble', [int(1)])} AS is_total, ${call('nullText', [])} AS breakdown, ${aggregates} FROM ${users} AS u`;
  const root =
    spec.breakdown === undefined
      ? overall
      : join(
          [overall, sql`SELECT ${call('toDouble', [int(0)])} AS is_total, breakdown, ${aggregates} FROM ${users} AS u GROUP BY breakdown`],
          ' UNION ALL ',
        );
  const query = printQuery(root, ctx.dialect);

  const assemble = (rows: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): FunnelResult => {
    const set = resultSet(rows, 0);
    const total = set.find((r) => num(r, 'is_total') === 1) ?? {};
    const result: FunnelResult = {
      kind: 'funnel',
      dateFrom: range.from.toISOString(),
      dateTo: range.to.toISOString(),
      steps: steps(spec, total),
    };
    if (spec.breakdown !== undefined) {
      result.breakdowns = set
        .filter((r) => num(r, 'is_total') === 0)
        .map((r) => ({ breakdownValue: text(r, 'breakdown'), steps: steps(spec, r) }))
        .sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || String(a.breakdownValue).localeCompare(String(b.breakdownValue)));
    }
    return result;
  };
  return { queries: [query], assemble };
}
