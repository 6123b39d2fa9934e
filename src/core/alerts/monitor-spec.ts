import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import { eventSelectorSchema, funnelSpecSchema, propertyFilterSchema, propertyKeySchema, retentionSpecSchema, trendSpecSchema } from '../../store/insights/spec.js';

/**
 * What a monitor is (docs/alerts.md "Monitors"): a series source, how to cut it in time, which detector judges it,
 * what counts as an alert, where root causes are looked for and where alerts go. Validated with zod at every
 * edge; stored as JSON in the monitor row.
 */

/** Languages of alert texts. */
export const alertLanguageSchema = z.enum(['zh-CN', 'en']);
export type AlertLanguage = z.infer<typeof alertLanguageSchema>;

/** Where the series comes from. Date range, interval and breakdown of embedded specs are set by the monitor. */
export const seriesSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trend'),
    /** A trend spec; its `seriesIndex`-th series is watched. */
    spec: trendSpecSchema.omit({ kind: true, interval: true, dateFrom: true, dateTo: true, breakdown: true, compare: true, breakdownLimit: true }),
    seriesIndex: z.number().int().min(0).max(9).default(0),
  }),
  z.object({
    /** Conversion per bucket: users (or events) doing `to` over those doing `from` in the same bucket. */
    kind: z.literal('conversion'),
    from: eventSelectorSchema.extend({ event: z.string().min(1).max(200) }),
    to: eventSelectorSchema.extend({ event: z.string().min(1).max(200) }),
    math: z.enum(['unique_users', 'total']).default('unique_users'),
    filters: z.array(propertyFilterSchema).max(20).default([]),
  }),
  z.object({
    /** A funnel's first-to-last-step conversion of the users entering it in each bucket (one funnel query per bucket). */
    kind: z.literal('funnel'),
    spec: funnelSpecSchema.omit({ kind: true, dateFrom: true, dateTo: true, breakdown: true, breakdownLimit: true }),
  }),
  z.object({
    /** Retention of each cohort (by bucket) at period `periodIndex`; interval must be day or week. */
    kind: z.literal('retention'),
    spec: retentionSpecSchema.omit({ kind: true, dateFrom: true, dateTo: true, breakdown: true, breakdownLimit: true, period: true, periods: true }),
    periodIndex: z.number().int().min(1).max(51).default(1),
  }),
  z.object({
    /** A series registered by another feature (for example `sentiment_index`); no root cause. */
    kind: z.literal('provider'),
    name: z.string().min(1).max(100),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
]);
export type SeriesSource = z.infer<typeof seriesSourceSchema>;

const channelBase = {
  /** Names the channel in the delivery log; unique within the monitor. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'channel ids are 1-40 letters, digits, _ or -'),
  language: alertLanguageSchema.optional(),
  /** Alerts below this severity are not sent here. */
  minSeverity: z.enum(['info', 'warning', 'critical']).default('info'),
};
const httpUrl = z.string().url().max(2000).refine((u) => /^https?:\/\//i.test(u), 'only http and https URLs');

/** A delivery channel. Secrets sign the request where the platform signs (docs/alerts.md "Delivery"). */
export const channelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), url: httpUrl, secret: z.string().min(1).max(500).optional(), ...channelBase }),
  z.object({ kind: z.literal('feishu'), url: httpUrl, secret: z.string().min(1).max(500).optional(), ...channelBase }),
  z.object({ kind: z.literal('dingtalk'), url: httpUrl, secret: z.string().min(1).max(500).optional(), ...channelBase }),
  z.object({ kind: z.literal('wecom'), url: httpUrl, ...channelBase }),
  z.object({ kind: z.literal('slack'), url: httpUrl, ...channelBase }),
  z.object({ kind: z.literal('email'), to: z.array(z.string().email()).min(1).max(20), ...channelBase }),
]);
export type Channel = z.infer<typeof channelSchema>;

/** Detectors a monitor can use (all from `src/ml/anomaly`). */
export const MONITOR_DETECTORS = ['seasonal', 'seasonal-hybrid-esd', 'esd', 'change-point'] as const;
export type MonitorDetector = (typeof MONITOR_DETECTORS)[number];

/** Default breakdown properties searched for root causes. */
export const DEFAULT_ROOT_CAUSE_DIMENSIONS = ['platform', 'country', 'channel', 'category', '$browser'] as const;

/** A monitor as created (input); `monitorSchema` fills the defaults. */
export const monitorSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'monitor ids are lowercase letters, digits, _ and -, at most 63').optional(),
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  source: seriesSourceSchema,
  interval: z.enum(['hour', 'day', 'week']).default('day'),
  /** Buckets of history the detector sees (the newest complete bucket last). */
  history: z.number().int().min(8).max(2000).default(56),
  /** How many of the newest complete buckets may open alerts (a first scan finds recent incidents too). */
  lookback: z.number().int().min(1).max(200).default(7),
  detector: z.enum(MONITOR_DETECTORS).default('seasonal'),
  sensitivity: z.enum(['low', 'medium', 'high']).default('medium'),
  direction: z.enum(['up', 'down', 'both']).default('both'),
  /** Buckets whose volume (events, or the denominator of a rate) is below this open no alert. */
  minVolume: z.number().min(0).default(0),
  /** Points on Chinese holidays and shopping festivals are left out of the fit and never alert (daily monitors). */
  holidays: z.boolean().default(true),
  rootCause: z
    .object({
      dimensions: z.array(propertyKeySchema).max(10).default([...DEFAULT_ROOT_CAUSE_DIMENSIONS]),
      breakdownLimit: z.number().int().min(2).max(50).default(20),
    })
    .default({ dimensions: [...DEFAULT_ROOT_CAUSE_DIMENSIONS], breakdownLimit: 20 }),
  /** How often the scheduler scans it. */
  everyMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  /** After an alert, anomalies of buckets within this many minutes after its bucket open no new alert. */
  cooldownMinutes: z.number().int().min(0).max(90 * 24 * 60).default(24 * 60),
  /** Resolve an open alert by itself once the newest bucket is back in band (on a later scan). */
  autoResolve: z.boolean().default(true),
  language: alertLanguageSchema.optional(),
  channels: z.array(channelSchema).max(10).default([]),
});
export type MonitorSpec = z.infer<typeof monitorSchema>;
export type MonitorSpecInput = z.input<typeof monitorSchema>;

/** Validates a monitor body; QUERY_INVALID-style INVALID_ARGUMENT listing zod's issues. */
export function parseMonitor(body: unknown): MonitorSpec {
  const parsed = monitorSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw new NorthstarError('INVALID_ARGUMENT', `invalid monitor${first ? `: ${first.path || '(root)'}: ${first.message}` : ''}`, {
      details: { issues },
      hint: 'See docs/alerts.md for the monitor fields.',
    });
  }
  const ids = parsed.data.channels.map((c) => c.id);
  if (new Set(ids).size !== ids.length) throw new NorthstarError('INVALID_ARGUMENT', 'channel ids must be unique within a monitor');
  if (parsed.data.source.kind === 'retention' && parsed.data.interval === 'hour') {
    throw new NorthstarError('INVALID_ARGUMENT', 'a retention monitor needs interval day or week');
  }
  return parsed.data;
}
