import type { Dialect } from './dialects/base.js';
import type { PrintedQuery } from './printer.js';
import type { Rows } from './rows.js';
import type { InsightResultFor, InsightSpec } from './spec.js';

/** What every planner needs: whose data, when "now" is, and which SQL engine prints the plan. */
export interface PlanContext {
  projectId: string;
  now: Date;
  dialect: Dialect;
}

/**
 * A compiled insight: queries the adapter runs (in any order, each independently), and `assemble`, which
 * turns their rows (`rows[i]` for `queries[i]`) into the typed result.
 */
export interface InsightPlan<K extends InsightSpec['kind']> {
  queries: PrintedQuery[];
  assemble(rows: ReadonlyArray<Rows>): InsightResultFor<K>;
}
