import type { TrendResult, TrendSpecInput } from '../../../../src/store/insights/spec.js';
import { ApiError } from '../../lib/api-error.js';

/** A figure for the last 7 days against the 7 before. `change` is relative (0.1 = +10%), null without a base. */
export interface WeekOverWeek {
  last7: number;
  previous7: number;
  change: number | null;
}

/** The overview's key figures. */
export interface Overview {
  events: WeekOverWeek & { total: number | null };
  users: WeekOverWeek & { total: number | null };
  topEvents: Array<{ event: string; count: number }>;
  firstEventAt: string | null;
  lastEventAt: string | null;
}

/** The north-star metric: its spec, whether it is the built-in default, and its current trend. */
export interface NorthStar {
  name: string | null;
  isDefault: boolean;
  spec: TrendSpecInput | null;
  result: TrendResult;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function num(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Relative change from `previous` to `last`; null when there is nothing to compare against. */
export function relativeChange(last: number, previous: number): number | null {
  return previous === 0 ? null : (last - previous) / previous;
}

function weekOverWeek(value: unknown): WeekOverWeek & { total: number | null } {
  const r = record(value);
  const last7 = num(r['last7']) ?? num(r['last7Days']) ?? num(r['current']) ?? 0;
  const previous7 = num(r['previous7']) ?? num(r['previous7Days']) ?? num(r['previous']) ?? 0;
  const given = r['change'];
  const change = given === null ? null : (num(given) ?? relativeChange(last7, previous7));
  return { last7, previous7, change, total: num(r['total']) };
}

function bad(what: string): ApiError {
  return new ApiError('INVALID_RESPONSE', `The server's ${what} answer does not have the documented shape.`, 200);
}

/** Validates `GET /overview` (docs/api.md) into {@link Overview}. */
export function parseOverview(body: unknown): Overview {
  const r = record(body);
  if (!('events' in r) && !('users' in r)) throw bad('overview');
  const top = Array.isArray(r['topEvents']) ? (r['topEvents'] as unknown[]) : [];
  return {
    events: weekOverWeek(r['events']),
    users: weekOverWeek(r['users'] ?? r['uniqueUsers']),
    topEvents: top.flatMap((e) => {
      const x = record(e);
      const event = typeof x['event'] === 'string' ? x['event'] : typeof x['name'] === 'string' ? x['name'] : null;
      return event === null ? [] : [{ event, count: num(x['count']) ?? 0 }];
    }),
    firstEventAt: typeof r['firstEventAt'] === 'string' ? r['firstEventAt'] : null,
    lastEventAt: typeof r['lastEventAt'] === 'string' ? r['lastEventAt'] : null,
  };
}

/** Validates `GET /north-star` (docs/api.md) into {@link NorthStar}. */
export function parseNorthStar(body: unknown): NorthStar {
  const r = record(body);
  const result = record(r['result']);
  if (result['kind'] !== 'trend' || !Array.isArray(result['series']) || !Array.isArray(result['buckets'])) throw bad('north-star');
  const spec = record(r['spec']);
  return {
    name: typeof r['name'] === 'string' ? r['name'] : null,
    isDefault: r['isDefault'] === true || r['default'] === true,
    spec: 'series' in spec ? (spec as unknown as TrendSpecInput) : null,
    result: result as unknown as TrendResult,
  };
}
