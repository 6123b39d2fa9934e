import type { FastifyInstance } from 'fastify';
import type { FeedbackQueryInput } from '../../core/index.js';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

const looseObject = { type: 'object', additionalProperties: true } as const;
const responses = { 200: looseObject, '4xx': errorBodySchema, '5xx': errorBodySchema } as const;
const text = (max: number): { type: 'string'; minLength: 1; maxLength: number } => ({ type: 'string', minLength: 1, maxLength: max });

/** Query parameters every feedback read accepts (lists are comma-separated). */
interface FeedbackQueryString {
  lang?: string;
  source?: string;
  sentiment?: string;
  topic?: string;
  negative_aspect?: string;
  since?: string;
  until?: string;
  q?: string;
  distinct_id?: string;
  category?: string;
  product_id?: string;
  did_event?: string;
  funnel_steps?: string;
  funnel_step?: number;
  funnel_status?: 'completed' | 'dropped';
  now?: string;
}

const filterProperties = {
  lang: text(200),
  source: text(1000),
  sentiment: text(40),
  topic: text(100),
  negative_aspect: text(100),
  since: text(40),
  until: text(40),
  q: text(200),
  distinct_id: text(200),
  category: text(200),
  product_id: text(200),
  did_event: text(200),
  funnel_steps: text(2000),
  funnel_step: { type: 'integer', minimum: 1, maximum: 10 },
  funnel_status: { type: 'string', enum: ['completed', 'dropped'] },
  now: { type: 'string', format: 'date-time' },
} as const;

function split(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return parts.length === 0 ? undefined : parts;
}

/** Maps query parameters onto the core's feedback query (core validates it and names bad fields). */
export function toFeedbackQuery(q: FeedbackQueryString): FeedbackQueryInput {
  const query: FeedbackQueryInput = {};
  const langs = split(q.lang);
  if (langs !== undefined) query.langs = langs;
  const sources = split(q.source);
  if (sources !== undefined) query.sources = sources;
  const sentiments = split(q.sentiment);
  if (sentiments !== undefined) query.sentiments = sentiments as NonNullable<FeedbackQueryInput['sentiments']>;
  if (q.topic !== undefined) query.topic = q.topic;
  if (q.negative_aspect !== undefined) query.negativeAspect = q.negative_aspect;
  if (q.since !== undefined) query.since = q.since;
  if (q.until !== undefined) query.until = q.until;
  if (q.q !== undefined) query.search = q.q;
  if (q.distinct_id !== undefined) query.distinctId = q.distinct_id;
  const properties: Record<string, string> = {};
  if (q.category !== undefined) properties['category'] = q.category;
  if (q.product_id !== undefined) properties['product_id'] = q.product_id;
  if (Object.keys(properties).length > 0) query.properties = properties;
  if (q.did_event !== undefined) query.didEvent = q.did_event;
  const steps = split(q.funnel_steps);
  if (steps !== undefined) query.funnel = { steps, step: q.funnel_step ?? steps.length, status: q.funnel_status ?? 'dropped' };
  return query;
}

const nowOf = (q: { now?: string }, deps: RouteDeps): Date => (q.now === undefined ? deps.now() : new Date(q.now));

/**
 * Feedback of a project (docs/feedback.md): `POST .../feedback` (write; one item, an array or `{ feedback: [...] }`),
 * `GET .../feedback` (filters + `limit`/`offset`), `GET .../feedback/series[?group_by=source|lang|category|product_id]`, `GET .../feedback/topics`,
 * `GET .../feedback/overview`, and `POST .../feedback/from-events` (write).
 */
export function feedbackRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };
  const feedback = deps.northstar.feedback;
  const project = (id: string): Promise<unknown> => deps.northstar.projects.get(id);

  app.post<{ Params: ProjectParams; Body: unknown }>('/api/projects/:id/feedback', { schema: { params: projectParamsSchema, response: responses } }, async (request) => {
    await authorize(request, ctx, request.params.id, 'write');
    await project(request.params.id);
    return feedback.submit(request.params.id, request.body, deps.now());
  });

  app.get<{ Params: ProjectParams; Querystring: FeedbackQueryString & { limit: number; offset: number } }>(
    '/api/projects/:id/feedback',
    {
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: { ...filterProperties, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 } },
          additionalProperties: false,
        },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      await project(request.params.id);
      const { limit, offset } = request.query;
      return feedback.list(request.params.id, toFeedbackQuery(request.query), { limit, offset }, nowOf(request.query, deps));
    },
  );

  app.get<{ Params: ProjectParams; Querystring: FeedbackQueryString & { group_by?: string } }>(
    '/api/projects/:id/feedback/series',
    {
      schema: {
        params: projectParamsSchema,
        querystring: { type: 'object', properties: { ...filterProperties, group_by: { type: 'string', enum: ['source', 'lang', 'category', 'product_id'] } }, additionalProperties: false },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      await project(request.params.id);
      const query = toFeedbackQuery(request.query);
      const now = nowOf(request.query, deps);
      const by = request.query.group_by;
      if (by === undefined) return { points: await feedback.series(request.params.id, query, now) };
      const groupBy = by === 'source' || by === 'lang' ? by : { property: by };
      return { groups: await feedback.seriesByGroup(request.params.id, query, now, groupBy) };
    },
  );

  app.get<{ Params: ProjectParams; Querystring: FeedbackQueryString & { max_topics?: number; all?: boolean } }>(
    '/api/projects/:id/feedback/topics',
    {
      schema: {
        params: projectParamsSchema,
        querystring: { type: 'object', properties: { ...filterProperties, max_topics: { type: 'integer', minimum: 1, maximum: 30 }, all: { type: 'boolean' } }, additionalProperties: false },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      await project(request.params.id);
      const { max_topics: maxTopics, all } = request.query;
      return feedback.topics(request.params.id, toFeedbackQuery(request.query), nowOf(request.query, deps), { ...(maxTopics === undefined ? {} : { maxTopics }), allSentiments: all === true });
    },
  );

  app.get<{ Params: ProjectParams; Querystring: FeedbackQueryString }>(
    '/api/projects/:id/feedback/overview',
    { schema: { params: projectParamsSchema, querystring: { type: 'object', properties: filterProperties, additionalProperties: false }, response: responses } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      await project(request.params.id);
      return feedback.overview(request.params.id, toFeedbackQuery(request.query), nowOf(request.query, deps));
    },
  );

  app.post<{ Params: ProjectParams; Body: { events?: string[]; text_properties?: string[]; since?: string; until?: string } | undefined }>(
    '/api/projects/:id/feedback/from-events',
    {
      schema: {
        params: projectParamsSchema,
        body: {
          type: ['object', 'null'],
          properties: {
            events: { type: 'array', items: text(200), minItems: 1, maxItems: 20 },
            text_properties: { type: 'array', items: text(200), minItems: 1, maxItems: 20 },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
          },
          additionalProperties: false,
        },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'write');
      await project(request.params.id);
      const b = request.body ?? {};
      const { events, stored, duplicates, skipped } = await feedback.deriveFromEvents(request.params.id, {
        ...(b.events === undefined ? {} : { events: b.events }),
        ...(b.text_properties === undefined ? {} : { textProperties: b.text_properties }),
        ...(b.since === undefined ? {} : { since: new Date(b.since) }),
        ...(b.until === undefined ? {} : { until: new Date(b.until) }),
      });
      return { events, stored, duplicates, skipped };
    },
  );
}
