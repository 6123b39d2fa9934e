import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../error-handler.js';
import { ingestQuerySchema, readIngestBody, type IngestQuery, type RouteDeps } from '../route-deps.js';
import { ingestResponseSchema } from './ingest-response.js';

/** PostHog capture paths: posthog-js uses `/e/` and `/i/v0/e/`, posthog-node `/batch/`, the HTTP API `/capture/`. */
export const CAPTURE_PATHS = ['/capture', '/batch', '/e', '/i/v0/e', '/track'] as const;

/**
 * PostHog-compatible capture. The token comes from the body (`api_key`, `token`, or the first event's
 * `properties.token`) or `?token=`; `?_=` (ms) is posthog-js's sent-at. Answers 200 with the per-event
 * outcome only after the store made the accepted events durable.
 */
export function captureRoutes(app: FastifyInstance, deps: RouteDeps): void {
  for (const path of CAPTURE_PATHS) {
    app.post(
      path,
      {
        config: { rawBody: true, cors: true },
        schema: {
          querystring: ingestQuerySchema,
          response: { 200: ingestResponseSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
        },
      },
      async (request) => {
        const receivedAt = deps.now();
        const query = request.query as IngestQuery;
        const body = await readIngestBody(request, deps);
        const { result } = await deps.northstar.ingest.posthog(body.value, {
          receivedAt,
          decoded: { bytes: body.bytes },
          queryToken: query.token ?? query.api_key,
          querySentAt: query._,
        });
        return result;
      },
    );
  }
}
