import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { NorthstarError } from '../../common/errors.js';
import { duckdbDialect } from '../insights/dialects/duckdb.js';
import { planInsight } from '../insights/plan.js';
import type { InsightPlan } from '../insights/plan-types.js';
import { insightSpecSchema, type InsightResultFor, type InsightSpec } from '../insights/spec.js';
import { toPlainCell } from './duckdb-values.js';

/** Validates a spec at the store edge; QUERY_INVALID carries zod's issues in `details.issues`. */
function parseInsightSpec(spec: unknown): InsightSpec {
  const parsed = insightSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new NorthstarError(
      'QUERY_INVALID',
      `invalid insight spec${first === undefined ? '' : ` at ${first.path.join('.') || '(root)'}: ${first.message}`}`,
      { details: { issues: parsed.error.issues } },
    );
  }
  return parsed.data;
}

/**
 * Executes each planned query with its bound parameters and hands the rows, as plain objects (numbers,
 * strings, ISO timestamps, null), to the plan's `assemble`.
 */
async function executePlan<K extends InsightSpec['kind']>(
  conn: DuckDBConnection,
  plan: InsightPlan<K>,
): Promise<InsightResultFor<K>> {
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

/** Validates, plans (DuckDB dialect) and runs an insight for one project. */
export async function runInsightQueries<S extends InsightSpec>(
  conn: DuckDBConnection,
  projectId: string,
  spec: S,
  now: Date,
): Promise<InsightResultFor<S['kind']>> {
  const valid = parseInsightSpec(spec);
  const plan = planInsight(valid, { projectId, now, dialect: duckdbDialect });
  return (await executePlan(conn, plan)) as InsightResultFor<S['kind']>;
}
