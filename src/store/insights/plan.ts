import { NorthstarError } from '../../common/errors.js';
import { planFunnel } from './plan-funnel.js';
import { planFunnelActors } from './plan-funnel-actors.js';
import { planLifecycle } from './plan-lifecycle.js';
import { planPaths } from './plan-paths.js';
import { planRetention } from './plan-retention.js';
import { planTrend } from './plan-trend.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { insightSpecSchema, type InsightSpec } from './spec.js';

export { resolveDateRange } from './date-range.js';
export type { InsightPlan, PlanContext } from './plan-types.js';

/**
 * Compiles an insight spec into SQL for `ctx.dialect` plus an `assemble` step (the contract with the store
 * adapters). The spec is re-validated here, so a caller that skipped zod still cannot reach the database
 * with a malformed spec; every query carries the `project_id` predicate for every events scan.
 */
export function planInsight<S extends InsightSpec>(spec: S, ctx: PlanContext): InsightPlan<S['kind']> {
  const parsed = insightSpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw new NorthstarError('QUERY_INVALID', `invalid ${String(spec.kind)} spec: ${parsed.error.message}`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return planParsed(parsed.data, ctx) as InsightPlan<S['kind']>;
}

function planParsed(spec: InsightSpec, ctx: PlanContext): InsightPlan<InsightSpec['kind']> {
  switch (spec.kind) {
    case 'trend':
      return planTrend(spec, ctx);
    case 'funnel':
      return planFunnel(spec, ctx);
    case 'funnel_actors':
      return planFunnelActors(spec, ctx);
    case 'retention':
      return planRetention(spec, ctx);
    case 'paths':
      return planPaths(spec, ctx);
    case 'lifecycle':
      return planLifecycle(spec, ctx);
  }
}
