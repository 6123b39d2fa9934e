import { z } from 'zod';

/**
 * Insight specs: the only way a caller asks the store a question. They are data (validated with zod at
 * every edge), compiled to SQL with bound parameters by `compile-*.ts` in a dialect, and never carry SQL.
 */

/** Property key: event property path (`$browser`, `price`, `plan.tier`). Letters, digits, `$ _ - . :` only. */
export const propertyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\p{L}\p{N}$_\-.: ]+$/u, 'property keys may contain letters, digits, spaces and $ _ - . : only');

/** A filter on an event property (or on `event` / `distinct_id` through the `$event` / `$distinct_id` keys). */
export const propertyFilterSchema = z.object({
  key: propertyKeySchema,
  op: z
    .enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'not_contains', 'is_set', 'is_not_set', 'in', 'not_in'])
    .default('eq'),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional(),
});
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/**
 * A point in time: ISO-8601 date or date-time (UTC when no offset), or relative to now: `-7d`, `-12h`,
 * `-4w`, `-3m`, `now`. Resolved once per query by `resolveDateRange`.
 */
export const dateValueSchema = z
  .string()
  .regex(/^(now|-\d+[hdwmy]|\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)$/, 'use ISO-8601 or -7d/-4w/-3m/now');

const rangeFields = {
  dateFrom: dateValueSchema.default('-30d'),
  dateTo: dateValueSchema.default('now'),
  filters: z.array(propertyFilterSchema).max(20).default([]),
};

/** Bucket size of a time series. */
export const intervalSchema = z.enum(['hour', 'day', 'week', 'month']);
export type Interval = z.infer<typeof intervalSchema>;

/** One event (optionally filtered) as used in series and steps; `event: null` means any event. */
export const eventSelectorSchema = z.object({
  event: z.string().min(1).max(200).nullable(),
  filters: z.array(propertyFilterSchema).max(20).default([]),
  label: z.string().max(200).optional(),
});
export type EventSelector = z.infer<typeof eventSelectorSchema>;

/** Trends: count / unique users / sum / avg / min / max of a property per interval. */
export const trendSpecSchema = z.object({
  kind: z.literal('trend'),
  series: z
    .array(
      eventSelectorSchema.extend({
        math: z.enum(['total', 'unique_users', 'sum', 'avg', 'min', 'max']).default('total'),
        property: propertyKeySchema.optional(),
      }),
    )
    .min(1)
    .max(10),
  interval: intervalSchema.default('day'),
  breakdown: propertyKeySchema.optional(),
  breakdownLimit: z.number().int().min(1).max(50).default(10),
  compare: z.boolean().default(false),
  ...rangeFields,
});
export type TrendSpec = z.infer<typeof trendSpecSchema>;
export type TrendSpecInput = z.input<typeof trendSpecSchema>;

/** Funnels: ordered steps, each to be done within `windowSeconds` of the first. */
export const funnelSpecSchema = z.object({
  kind: z.literal('funnel'),
  steps: z.array(eventSelectorSchema.extend({ event: z.string().min(1).max(200) })).min(2).max(10),
  windowSeconds: z.number().int().min(1).max(365 * 86400).default(14 * 86400),
  breakdown: propertyKeySchema.optional(),
  breakdownLimit: z.number().int().min(1).max(50).default(10),
  ...rangeFields,
});
export type FunnelSpec = z.infer<typeof funnelSpecSchema>;
export type FunnelSpecInput = z.input<typeof funnelSpecSchema>;

/** The users behind one funnel step: those who reached it (`completed`) or reached the previous one but not it (`dropped`). */
export const funnelActorsSpecSchema = z.object({
  kind: z.literal('funnel_actors'),
  funnel: funnelSpecSchema,
  step: z.number().int().min(1),
  status: z.enum(['completed', 'dropped']).default('completed'),
  breakdownValue: z.string().nullable().optional(),
  limit: z.number().int().min(1).max(10000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type FunnelActorsSpec = z.infer<typeof funnelActorsSpecSchema>;

/** Retention: cohorts by first `startEvent` in the range; returning = did `returnEvent` in period N. */
export const retentionSpecSchema = z.object({
  kind: z.literal('retention'),
  startEvent: eventSelectorSchema.extend({ event: z.string().min(1).max(200) }),
  returnEvent: eventSelectorSchema.extend({ event: z.string().min(1).max(200) }),
  period: z.enum(['day', 'week']).default('week'),
  periods: z.number().int().min(1).max(52).default(8),
  breakdown: propertyKeySchema.optional(),
  breakdownLimit: z.number().int().min(1).max(50).default(10),
  ...rangeFields,
});
export type RetentionSpec = z.infer<typeof retentionSpecSchema>;
export type RetentionSpecInput = z.input<typeof retentionSpecSchema>;

/** Paths: the most common events right after (or before) a chosen event, up to `depth` steps away. */
export const pathsSpecSchema = z.object({
  kind: z.literal('paths'),
  event: z.string().min(1).max(200),
  direction: z.enum(['next', 'previous']).default('next'),
  depth: z.number().int().min(1).max(5).default(3),
  limit: z.number().int().min(1).max(50).default(10),
  /** Sequence events per (user, session_id) instead of per user; events without a session form one sequence. */
  withinSession: z.boolean().optional(),
  ...rangeFields,
});
export type PathsSpec = z.infer<typeof pathsSpecSchema>;
export type PathsSpecInput = z.input<typeof pathsSpecSchema>;

/** Lifecycle: active users per interval split into new, returning, resurrecting, and dormant (negative). */
export const lifecycleSpecSchema = z.object({
  kind: z.literal('lifecycle'),
  event: z.string().min(1).max(200).nullable(),
  interval: z.enum(['day', 'week', 'month']).default('week'),
  ...rangeFields,
});
export type LifecycleSpec = z.infer<typeof lifecycleSpecSchema>;
export type LifecycleSpecInput = z.input<typeof lifecycleSpecSchema>;

/** Any insight spec. */
export const insightSpecSchema = z.discriminatedUnion('kind', [
  trendSpecSchema,
  funnelSpecSchema,
  funnelActorsSpecSchema,
  retentionSpecSchema,
  pathsSpecSchema,
  lifecycleSpecSchema,
]);
export type InsightSpec = z.infer<typeof insightSpecSchema>;

// ---------------------------------------------------------------------------------------------------------
// Results. Times are ISO-8601 strings in UTC so results serialise unchanged over HTTP and --json.

/** One point of a time series. */
export interface SeriesPoint {
  bucket: string;
  value: number;
}

/** Trend result: one entry per (series, breakdown value). `previous` is set when `compare` was asked. */
export interface TrendResult {
  kind: 'trend';
  interval: Interval;
  dateFrom: string;
  dateTo: string;
  buckets: string[];
  series: Array<{
    seriesIndex: number;
    label: string;
    breakdownValue?: string | null;
    points: SeriesPoint[];
    total: number;
    previous?: { points: SeriesPoint[]; total: number; change: number | null };
  }>;
}

/** One step of a funnel result. Conversions are fractions in [0, 1]. */
export interface FunnelStepResult {
  index: number;
  label: string;
  event: string;
  count: number;
  conversionFromFirst: number;
  conversionFromPrevious: number;
  dropOff: number;
  medianSecondsFromPrevious: number | null;
}

/** Funnel result; `breakdowns` is set when a breakdown was asked. */
export interface FunnelResult {
  kind: 'funnel';
  dateFrom: string;
  dateTo: string;
  steps: FunnelStepResult[];
  breakdowns?: Array<{ breakdownValue: string | null; steps: FunnelStepResult[] }>;
}

/** The users behind a funnel step. */
export interface FunnelActorsResult {
  kind: 'funnel_actors';
  step: number;
  status: 'completed' | 'dropped';
  total: number;
  actors: Array<{ distinctId: string; firstStepAt: string; reachedStep: number }>;
}

/** Retention result: `values[i]` = users of the cohort active in period i (period 0 is the cohort's own). */
export interface RetentionResult {
  kind: 'retention';
  period: 'day' | 'week';
  dateFrom: string;
  dateTo: string;
  cohorts: Array<{ cohort: string; breakdownValue?: string | null; size: number; values: number[] }>;
}

/** Paths result: edges between consecutive steps; step 1 links the chosen event to its neighbours. */
export interface PathsResult {
  kind: 'paths';
  event: string;
  direction: 'next' | 'previous';
  dateFrom: string;
  dateTo: string;
  /** Occurrences of the chosen event in the range. */
  total: number;
  edges: Array<{ step: number; source: string; target: string; count: number; share: number }>;
}

/** Lifecycle result per bucket; `dormant` is reported as a negative count as PostHog charts it. */
export interface LifecycleResult {
  kind: 'lifecycle';
  interval: 'day' | 'week' | 'month';
  dateFrom: string;
  dateTo: string;
  buckets: Array<{ bucket: string; new: number; returning: number; resurrecting: number; dormant: number }>;
}

/** The result type for a spec kind. */
export type InsightResultFor<K extends InsightSpec['kind']> = {
  trend: TrendResult;
  funnel: FunnelResult;
  funnel_actors: FunnelActorsResult;
  retention: RetentionResult;
  paths: PathsResult;
  lifecycle: LifecycleResult;
}[K];
export type InsightResult = InsightResultFor<InsightSpec['kind']>;
