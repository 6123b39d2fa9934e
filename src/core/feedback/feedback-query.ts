/**
 * A feedback question as the API and the CLI ask it (languages, sources, sentiment, topic, time window, text
 * search, user, and behaviour: "users who did event X", "users who dropped at funnel step N"), resolved into the
 * store's {@link FeedbackFilter}. Behaviour is answered by the insight engine's funnel actors and event reads, so
 * feedback joins what users did.
 */
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import type { EventStore } from '../../store/event-store.js';
import type { FeedbackFilter } from '../../store/feedback-records.js';
import { funnelActorsSpecSchema } from '../../store/insights/spec.js';

const when = z.string().regex(/^(now|-\d{1,4}[hdwm]|\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)$/u, 'use ISO-8601 or -7d / -4w / -3m / now');
const list = z.array(z.string().min(1).max(200)).max(50);

/** The feedback question (camelCase; routes and commands map their parameters onto it). */
export const feedbackQuerySchema = z.object({
  langs: list.optional(),
  sources: list.optional(),
  sentiments: z.array(z.enum(['negative', 'neutral', 'positive'])).max(3).optional(),
  topic: z.string().min(1).max(100).optional(),
  negativeAspect: z.string().min(1).max(100).optional(),
  since: when.optional(),
  until: when.optional(),
  search: z.string().min(1).max(200).optional(),
  distinctId: z.string().min(1).max(200).optional(),
  properties: z.record(z.string().regex(/^[A-Za-z0-9_$][A-Za-z0-9_$.-]{0,99}$/u), z.string().max(200)).optional(),
  /** Only users who did this event in the window (default window: the last 90 days). */
  didEvent: z.string().min(1).max(200).optional(),
  /** Only users who completed / dropped at `step` (1-based, ≥ 2 for dropped) of this funnel in the window. */
  funnel: z
    .object({
      steps: z.array(z.string().min(1).max(200)).min(2).max(10),
      step: z.number().int().min(1).max(10),
      status: z.enum(['completed', 'dropped']).default('dropped'),
      windowSeconds: z.number().int().min(1).max(365 * 86400).optional(),
    })
    .optional(),
});
/** A parsed {@link feedbackQuerySchema}. */
export type FeedbackQuery = z.infer<typeof feedbackQuerySchema>;
/** Input of {@link feedbackQuerySchema}. */
export type FeedbackQueryInput = z.input<typeof feedbackQuerySchema>;

/** Validates a query; INVALID_ARGUMENT names the first bad field. */
export function parseFeedbackQuery(input: unknown): FeedbackQuery {
  const parsed = feedbackQuerySchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NorthstarError('INVALID_ARGUMENT', `feedback query ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, {
    details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, m: 30 * 86_400_000 } as const;

/** A time of the query language (`now`, `-7d`, ISO-8601) as a Date relative to `now`. */
export function resolveWhen(value: string, now: Date): Date {
  if (value === 'now') return now;
  const rel = /^-(\d+)([hdwm])$/u.exec(value);
  if (rel !== null) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS]);
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new NorthstarError('INVALID_ARGUMENT', `"${value}" is not a valid time`);
  return new Date(ms);
}

/** Most users a behaviour filter brings in (funnel actors page, distinct event authors). */
export const MAX_BEHAVIOUR_USERS = 10_000;
const DEFAULT_BEHAVIOUR_DAYS = 90;

/** Resolves a query into the store's filter; behaviour clauses become a list of distinct ids. */
export async function resolveFeedbackFilter(store: EventStore, projectId: string, query: FeedbackQuery, now: Date): Promise<FeedbackFilter> {
  const filter: FeedbackFilter = {};
  if (query.langs !== undefined) filter.langs = query.langs;
  if (query.sources !== undefined) filter.sources = query.sources;
  if (query.sentiments !== undefined) filter.sentimentLabels = query.sentiments;
  if (query.topic !== undefined) filter.topic = query.topic;
  if (query.negativeAspect !== undefined) filter.negativeAspect = query.negativeAspect;
  if (query.since !== undefined) filter.since = resolveWhen(query.since, now);
  if (query.until !== undefined) filter.until = resolveWhen(query.until, now);
  if (query.search !== undefined) filter.search = query.search;
  if (query.properties !== undefined) filter.properties = query.properties;
  let users: Set<string> | undefined = query.distinctId === undefined ? undefined : new Set([query.distinctId]);
  const after = filter.since ?? new Date(now.getTime() - DEFAULT_BEHAVIOUR_DAYS * UNIT_MS.d);
  const before = filter.until ?? now;
  const narrow = (ids: Iterable<string>): void => {
    const next = new Set(ids);
    users = users === undefined ? next : new Set([...users].filter((u) => next.has(u)));
  };
  if (query.didEvent !== undefined) {
    const events = await store.readEvents(projectId, { events: [query.didEvent], after, before, limit: 50_000 });
    narrow(events.map((e) => e.distinctId));
  }
  if (query.funnel !== undefined) {
    const f = query.funnel;
    if (f.step > f.steps.length) throw new NorthstarError('INVALID_ARGUMENT', `funnel step ${f.step} is beyond its ${f.steps.length} steps`);
    const spec = funnelActorsSpecSchema.parse({
      kind: 'funnel_actors',
      funnel: {
        kind: 'funnel',
        steps: f.steps.map((event) => ({ event })),
        dateFrom: after.toISOString(),
        dateTo: before.toISOString(),
        ...(f.windowSeconds === undefined ? {} : { windowSeconds: f.windowSeconds }),
      },
      step: f.step,
      status: f.status,
      limit: MAX_BEHAVIOUR_USERS,
    });
    const result = await store.runInsight(projectId, spec, now);
    narrow(result.actors.map((a) => a.distinctId));
  }
  if (users !== undefined) filter.distinctIds = [...users].slice(0, MAX_BEHAVIOUR_USERS);
  return filter;
}
