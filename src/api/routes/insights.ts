import type { FastifyInstance } from 'fastify';
import type { InsightKind } from '../../core/index.js';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { nowQuerySchema, parseNow, projectParamsSchema, type ProjectParams } from './project-params.js';

/** URL segment → spec kind. */
export const INSIGHT_ROUTES: Readonly<Record<string, InsightKind>> = {
  trend: 'trend',
  funnel: 'funnel',
  'funnel-actors': 'funnel_actors',
  retention: 'retention',
  paths: 'paths',
  lifecycle: 'lifecycle',
};

/**
 * `POST /api/projects/:id/insights/<kind>` with the spec as body (`kind` implied by the route). The spec is
 * validated by the zod schemas of `store/insights/spec.ts` (QUERY_INVALID lists the issues); `?now=` pins
 * relative dates.
 */
export function insightRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };
  for (const [segment, kind] of Object.entries(INSIGHT_ROUTES)) {
    app.post<{ Params: ProjectParams }>(
      `/api/projects/:id/insights/${segment}`,
      {
        schema: {
          params: projectParamsSchema,
          querystring: nowQuerySchema,
          // Validation is zod's (one source of truth); the JSON schema only says "an object".
          body: { type: 'object' },
          response: { 200: { type: 'object', additionalProperties: true }, '4xx': errorBodySchema, '5xx': errorBodySchema },
        },
      },
      async (request) => {
        await authorize(request, ctx, request.params.id, 'read');
        return deps.northstar.insights.run(request.params.id, kind, request.body, parseNow(request.query));
      },
    );
  }
}
