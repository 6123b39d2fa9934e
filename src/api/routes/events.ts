import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import { readIngestBody, type RouteDeps } from '../route-deps.js';
import { ingestResponseSchema } from './ingest-response.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

const looseObject = { type: 'object', additionalProperties: true } as const;

/**
 * Native ingestion and event metadata of a project:
 * `POST /api/projects/:id/events` (write key; JSON array, `{ events: [...] }` or JSON Lines),
 * `GET .../events/names`, `GET .../events/properties?event=`, `GET .../quarantine?limit=`.
 */
export function eventRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };

  app.post<{ Params: ProjectParams }>(
    '/api/projects/:id/events',
    {
      config: { rawBody: true },
      schema: { params: projectParamsSchema, response: { 200: ingestResponseSchema, '4xx': errorBodySchema, '5xx': errorBodySchema } },
    },
    async (request) => {
      const receivedAt = deps.now();
      await authorize(request, ctx, request.params.id, 'write');
      const body = await readIngestBody(request, deps);
      return (await deps.northstar.ingest.native(request.params.id, body.value, { receivedAt, decoded: { bytes: body.bytes } })).result;
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/api/projects/:id/events/names',
    { schema: { params: projectParamsSchema, response: { 200: looseObject } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return { events: await deps.northstar.store.listEventNames(request.params.id) };
    },
  );

  app.get<{ Params: ProjectParams; Querystring: { event?: string } }>(
    '/api/projects/:id/events/properties',
    {
      schema: {
        params: projectParamsSchema,
        querystring: { type: 'object', properties: { event: { type: 'string', minLength: 1, maxLength: 200 } }, additionalProperties: false },
        response: { 200: looseObject },
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return { properties: await deps.northstar.store.listPropertyKeys(request.params.id, request.query.event) };
    },
  );

  app.get<{ Params: ProjectParams; Querystring: { limit: number } }>(
    '/api/projects/:id/quarantine',
    {
      schema: {
        params: projectParamsSchema,
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } }, additionalProperties: false },
        response: { 200: looseObject },
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      const [total, rows] = await Promise.all([
        deps.northstar.store.countQuarantine(request.params.id),
        deps.northstar.store.listQuarantine(request.params.id, { limit: request.query.limit }),
      ]);
      return { total, rows };
    },
  );
}
