import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { NorthstarError } from '../../common/errors.js';
import { insightSpecSchema, type InsightResultFor, type InsightSpec } from '../insights/spec.js';
import { toPlainCell } from './duckdb-values.js';

/** A compiled insight as the planner (src/store/insights/plan.ts) returns it. */
export interface InsightPlan<R> {
  queries: Array<{ sql: string; params: Record<string, string | number | boolean | null> }>;
  assemble(rows: Array<Array<Record<string, unknown>>>): R;
}

/** Turns a validated spec into DuckDB SQL: the insight compiler's `planInsight` bound to its DuckDB dialect. */
export type InsightPlanner = (spec: InsightSpec, context: { projectId: string; now: Date }) => InsightPlan<unknown>;

/** Validates a spec at the store edge; QUERY_INVALID carries zod's issues. */
export function parseInsightSpec(spec: unknown): InsightSpec {
  const parsed = insightSpecSchema.safeParse(spec);
  if (!parsed.success) {
    throw new NorthstarError('QUERY_INVALID', `invalid insight spec: ${parsed.error.issues[0]?.message ?? 'bad shape'}`, {
      details: { issues: parsed.error.issues },
    });
  }
  return parsed.data;
}

/**
 * Executes each planned query with its bound parameters and hands the rows, as plain objects (numbers,
 * strings, ISO timestamps, null), to the plan's `assemble`.
 */
export async function executePlan<R>(conn: DuckDBConnection, plan: InsightPlan<R>): Promise<R> {
  const results: Array<Array<Record<string, unknown>>> = [];
  for (const query of plan.queries) {
    const reader = await conn.runAndReadAll(query.sql, query.params as Record<string, DuckDBValue>);
    const rows = reader.getRowObjectsJS().map((row) => {
      const plain: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) plain[key] = toPlainCell(value);
      return plain;
    });
    results.push(rows);
  }
  return plan.assemble(results);
}

/** Validates, plans and runs an insight for one project. */
export async function runInsightQueries<S extends InsightSpec>(
  conn: DuckDBConnection,
  planner: InsightPlanner,
  projectId: string,
  spec: S,
  now: Date,
): Promise<InsightResultFor<S['kind']>> {
  const valid = parseInsightSpec(spec);
  const plan = planner(valid, { projectId, now });
  return (await executePlan(conn, plan)) as InsightResultFor<S['kind']>;
}
