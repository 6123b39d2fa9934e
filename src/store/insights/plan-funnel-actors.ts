import { NorthstarError } from '../../common/errors.js';
import { and, call, ident, int, param, sql, type SqlNode } from './ast.js';
import { isoOf, resolveDateRange } from './date-range.js';
import { funnelUsersWithBreakdown } from './plan-funnel.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { printQuery } from './printer.js';
import { num, resultSet, text } from './rows.js';
import type { FunnelActorsResult, FunnelActorsSpec } from './spec.js';

function selection(spec: FunnelActorsSpec): SqlNode {
  const K = spec.funnel.steps.length;
  if (spec.step > K) {
    throw new NorthstarError('QUERY_INVALID', `step ${spec.step} is beyond the funnel's ${K} steps`, {
      details: { step: spec.step, steps: K },
    });
  }
  const parts: SqlNode[] = [
    spec.status === 'completed' ? sql`level >= ${int(spec.step)}` : sql`level = ${int(spec.step - 1)}`,
  ];
  if (spec.breakdownValue !== undefined) {
    if (spec.funnel.breakdown === undefined) {
      throw new NorthstarError('QUERY_INVALID', 'breakdownValue needs a funnel with a breakdown', {
        details: { breakdownValue: spec.breakdownValue },
      });
    }
    parts.push(spec.breakdownValue === null ? sql`breakdown IS NULL` : sql`breakdown = ${param(spec.breakdownValue)}`);
  }
  return and(parts);
}

/**
 * The users behind a funnel step, paged and ordered by distinct id: `completed` = reached the step,
 * `dropped` = reached the previous step but not this one (nobody drops at step 1). Two queries: the page and
 * the total.
 */
export function planFunnelActors(spec: FunnelActorsSpec, ctx: PlanContext): InsightPlan<'funnel_actors'> {
  const range = resolveDateRange(spec.funnel, ctx.now);
  const where = selection(spec);
  const users = funnelUsersWithBreakdown(spec.funnel, range, ctx);
  const page = sql`SELECT distinct_id, ${call('toDouble', [ident('t1')])} AS first_step_ms, ${call('toDouble', [ident('level')])} AS reached FROM ${users} AS u WHERE ${where} ORDER BY distinct_id LIMIT ${int(spec.limit)} OFFSET ${int(spec.offset)}`;
  const total = sql`SELECT ${call('toDouble', [sql`count(*)`])} AS total FROM ${users} AS u WHERE ${selection(spec)}`;
  const queries = [printQuery(page, ctx.dialect), printQuery(total, ctx.dialect)];

  const assemble = (rows: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): FunnelActorsResult => ({
    kind: 'funnel_actors',
    step: spec.step,
    status: spec.status,
    total: num(resultSet(rows, 1)[0] ?? {}, 'total'),
    actors: resultSet(rows, 0).map((r) => ({
      distinctId: text(r, 'distinct_id') ?? '',
      firstStepAt: isoOf(num(r, 'first_step_ms')),
      reachedStep: num(r, 'reached'),
    })),
  });
  return { queries, assemble };
}
