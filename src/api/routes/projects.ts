import type { FastifyInstance } from 'fastify';
import type { Project } from '../../core/index.js';
import { authenticate, authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { nowQuerySchema, parseNow, projectParamsSchema, type ProjectParams } from './project-params.js';

const projectSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    token: { type: 'string' },
    createdAt: { type: 'string' },
    settings: { type: 'object', additionalProperties: true },
  },
  required: ['id', 'name', 'token', 'createdAt'],
} as const;

const loose = { type: 'object', additionalProperties: true } as const;

/**
 * Projects and their north star: `GET /api/projects` (the key's project; all of them for the local
 * dashboard), `GET /api/projects/:id`, `GET|PUT /api/projects/:id/north-star`, `GET /api/projects/:id/overview`.
 */
export function projectRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };

  app.get(
    '/api/projects',
    { schema: { response: { 200: { type: 'object', properties: { projects: { type: 'array', items: projectSchema } } }, '4xx': errorBodySchema } } },
    async (request) => {
      const principal = await authenticate(request, ctx);
      const projects: Project[] =
        principal.kind === 'dashboard' ? await deps.northstar.projects.list() : [await deps.northstar.projects.get(principal.projectId)];
      return { projects };
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/api/projects/:id',
    { schema: { params: projectParamsSchema, response: { 200: projectSchema, '4xx': errorBodySchema } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return deps.northstar.projects.get(request.params.id);
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/api/projects/:id/north-star',
    { schema: { params: projectParamsSchema, response: { 200: loose, '4xx': errorBodySchema } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return deps.northstar.insights.getNorthStar(request.params.id);
    },
  );

  app.put<{ Params: ProjectParams }>(
    '/api/projects/:id/north-star',
    { schema: { params: projectParamsSchema, body: { type: 'object' }, response: { 200: loose, '4xx': errorBodySchema } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'write');
      return { spec: await deps.northstar.insights.setNorthStar(request.params.id, request.body), isDefault: false };
    },
  );

  app.get<{ Params: ProjectParams }>(
    '/api/projects/:id/overview',
    { schema: { params: projectParamsSchema, querystring: nowQuerySchema, response: { 200: loose, '4xx': errorBodySchema } } },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      return deps.northstar.insights.overview(request.params.id, parseNow(request.query));
    },
  );
}
