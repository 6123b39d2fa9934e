import type { FastifyInstance } from 'fastify';
import type { RecommendRequest, TrainRequest } from '../../core/index.js';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

const looseObject = { type: 'object', additionalProperties: true } as const;
const responses = { 200: looseObject, '4xx': errorBodySchema, '5xx': errorBodySchema } as const;
// k's range (1-100) is checked by core so the message names it; the schema only asks for an integer.
const kSchema = { type: 'integer' } as const;

interface RecommendQuery {
  distinct_id: string;
  k?: number;
  category?: string;
  exclude_purchased?: boolean;
  diversity?: number;
}

interface TrainBody {
  model?: string;
  half_life_days?: number;
  event_weights?: Record<string, number>;
  max_ease_items?: number;
  k?: number;
  seed?: number;
}

/**
 * Recommendations of a project (read scope, training included: it writes no project data):
 * `GET .../recommendations?distinct_id=&k=&category=&exclude_purchased=&diversity=`,
 * `GET .../similar-items?item_id=&k=`, `POST .../recommendations/train`, `GET .../recommendations/jobs/:jobId`,
 * `GET .../recommendations/models`, `POST .../recommendations/models/:version/activate`.
 */
export function recommendationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };
  const recs = deps.northstar.recommendations;

  app.get<{ Params: ProjectParams; Querystring: RecommendQuery }>(
    '/api/projects/:id/recommendations',
    {
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: {
            distinct_id: { type: 'string', minLength: 1, maxLength: 200 },
            k: kSchema,
            category: { type: 'string', minLength: 1, maxLength: 200 },
            exclude_purchased: { type: 'boolean' },
            diversity: { type: 'number', minimum: 0, maximum: 1 },
          },
          required: ['distinct_id'],
          additionalProperties: false,
        },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      const q = request.query;
      const options: RecommendRequest = {};
      if (q.k !== undefined) options.k = q.k;
      if (q.category !== undefined) options.category = q.category;
      if (q.exclude_purchased !== undefined) options.excludePurchased = q.exclude_purchased;
      if (q.diversity !== undefined) options.diversity = q.diversity;
      return recs.recommendFor(request.params.id, q.distinct_id, options);
    },
  );

  app.get<{ Params: ProjectParams; Querystring: { item_id: string; k?: number } }>(
    '/api/projects/:id/similar-items',
    {
      schema: {
        params: projectParamsSchema,
        querystring: {
          type: 'object',
          properties: { item_id: { type: 'string', minLength: 1, maxLength: 200 }, k: kSchema },
          required: ['item_id'],
          additionalProperties: false,
        },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      const { item_id: itemId, k } = request.query;
      return recs.similarItems(request.params.id, itemId, k === undefined ? {} : { k });
    },
  );

  app.post<{ Params: ProjectParams; Body: TrainBody | undefined }>(
    '/api/projects/:id/recommendations/train',
    {
      schema: {
        params: projectParamsSchema,
        body: {
          type: ['object', 'null'],
          properties: {
            model: { type: 'string', minLength: 1, maxLength: 200 },
            half_life_days: { type: 'number', minimum: 0, maximum: 3650 },
            event_weights: { type: 'object', additionalProperties: { type: 'number', exclusiveMinimum: 0 }, minProperties: 1, maxProperties: 50 },
            max_ease_items: { type: 'integer', minimum: 1, maximum: 20000 },
            k: { type: 'integer', minimum: 1, maximum: 100 },
            seed: { type: 'integer' },
          },
          additionalProperties: false,
        },
        response: { 202: looseObject, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request, reply) => {
      await authorize(request, ctx, request.params.id, 'read');
      const b = request.body ?? {};
      const options: TrainRequest = {};
      if (b.model !== undefined) options.model = b.model;
      if (b.half_life_days !== undefined) options.halfLifeDays = b.half_life_days;
      if (b.event_weights !== undefined) options.eventWeights = b.event_weights;
      if (b.max_ease_items !== undefined) options.maxEaseItems = b.max_ease_items;
      if (b.k !== undefined) options.k = b.k;
      if (b.seed !== undefined) options.seed = b.seed;
      const job = recs.startTraining(request.params.id, options);
      return reply.code(202).send({ jobId: job.id, job });
    },
  );

  app.get<{ Params: ProjectParams & { jobId: string } }>(
    '/api/projects/:id/recommendations/jobs/:jobId',
    {
      schema: {
        params: { ...projectParamsSchema, properties: { ...projectParamsSchema.properties, jobId: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id', 'jobId'] },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return recs.job(request.params.id, request.params.jobId);
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/api/projects/:id/recommendations/models',
    { schema: { params: projectParamsSchema, response: responses } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return recs.models(request.params.id);
    },
  );

  app.post<{ Params: ProjectParams & { version: number } }>(
    '/api/projects/:id/recommendations/models/:version/activate',
    {
      schema: {
        params: { ...projectParamsSchema, properties: { ...projectParamsSchema.properties, version: { type: 'integer', minimum: 1 } }, required: ['id', 'version'] },
        response: responses,
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return recs.activate(request.params.id, request.params.version);
    },
  );
}
