import type { TrendResult, TrendSpecInput } from '../../../../src/store/insights/spec.js';
import { ApiError } from '../../lib/api-error.js';

/** A figure for the last 7 days against the 7 before. `change` is relative (0.1 = +10%), null without a base. */
export interface Kpi {
  last7Days: number;
  previous7Days: number;
  change: number | null;
}

/** `GET /api/projects/:id/overview`: the north-star series first, then the week-over-week KPIs. */
export interface Overview {
  northStar: { spec: TrendSpecInput; result: TrendResult };
  kpis: { events: Kpi; uniqueUsers: Kpi; totalEvents: number; quarantined: number };
}

/** `GET /api/projects/:id/north-star`: the spec, and whether it is the built-in default. */
export interface NorthStarSetting {
  spec: TrendSpecInput;
  isDefault: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function bad(what: string): ApiError {
  return new ApiError('INVALID_RESPONSE', `The server's ${what} answer does not have the documented shape (docs/api.md).`, 200);
}

function kpi(value: unknown): Kpi {
  const r = record(value);
  const change = r['change'];
  return { last7Days: num(r['last7Days']), previous7Days: num(r['previous7Days']), change: typeof change === 'number' ? change : null };
}

/**
 * Checks the overview answer's shape before the page draws it: a malformed answer becomes an error box with a
 * code, not a blank page or a crash deep inside a chart.
 */
export function parseOverview(body: unknown): Overview {
  const r = record(body);
  const northStar = record(r['northStar']);
  const result = record(northStar['result']);
  if (result['kind'] !== 'trend' || !Array.isArray(result['series']) || !Array.isArray(result['buckets'])) throw bad('overview');
  const kpis = record(r['kpis']);
  return {
    northStar: { spec: record(northStar['spec']) as unknown as TrendSpecInput, result: result as unknown as TrendResult },
    kpis: { events: kpi(kpis['events']), uniqueUsers: kpi(kpis['uniqueUsers']), totalEvents: num(kpis['totalEvents']), quarantined: num(kpis['quarantined']) },
  };
}

/** Checks the north-star answer's shape. */
export function parseNorthStar(body: unknown): NorthStarSetting {
  const r = record(body);
  const spec = record(r['spec']);
  if (!Array.isArray(spec['series'])) throw bad('north-star');
  return { spec: spec as unknown as TrendSpecInput, isDefault: r['isDefault'] === true };
}
