import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth.js';
import { errorBodySchema } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';
import { projectParamsSchema, type ProjectParams } from './project-params.js';

/** A stored event as the store reads it back (typed through core, since api/ does not import store/). */
type StoredEvent = Awaited<ReturnType<RouteDeps['northstar']['store']['readEvents']>>[number];

// The store reads one user's events oldest first, in pages; the route keeps the newest `limit` of them.
const PAGE = 1000;
// A bound on how much one request reads, so a bot with millions of events cannot hold the thread.
const MAX_SCANNED = 20_000;

/** One event of a user's history as the API returns it. */
interface PersonEvent {
  uuid: string;
  event: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

function toPersonEvent(e: StoredEvent): PersonEvent {
  return { uuid: e.uuid, event: e.event, timestamp: e.timestamp.toISOString(), properties: e.properties };
}

/**
 * A user's recent events, newest first (read scope):
 * `GET /api/projects/:id/persons/:distinctId/events?limit=50` → `{ distinctId, events: [{ uuid, event, timestamp,
 * properties }], truncated }`. An unknown user has `events: []`; `truncated` says more than 20,000 events exist
 * and the newest of those were not all scanned.
 */
export function personEventRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const ctx = { northstar: deps.northstar, dashboardToken: deps.dashboardToken, limiter: deps.limiter };

  app.get<{ Params: ProjectParams & { distinctId: string }; Querystring: { limit: number } }>(
    '/api/projects/:id/persons/:distinctId/events',
    {
      schema: {
        params: {
          ...projectParamsSchema,
          properties: { ...projectParamsSchema.properties, distinctId: { type: 'string', minLength: 1, maxLength: 200 } },
          required: ['id', 'distinctId'],
        },
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } }, additionalProperties: false },
        response: { 200: { type: 'object', additionalProperties: true }, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request) => {
      await authorize(request, ctx, request.params.id, 'read');
      const { id, distinctId } = request.params;
      const limit = request.query.limit;
      let newest: StoredEvent[] = [];
      let offset = 0;
      let truncated = false;
      for (;;) {
        const page = await deps.northstar.store.readEvents(id, { distinctId, limit: PAGE, offset });
        newest = newest.concat(page).slice(-limit);
        offset += page.length;
        if (page.length < PAGE) break;
        if (offset >= MAX_SCANNED) {
          truncated = true;
          break;
        }
      }
      return { distinctId, events: newest.reverse().map(toPersonEvent), truncated };
    },
  );
}
