import type { FastifyInstance } from 'fastify';
import { NorthstarError } from '../../common/errors.js';
import { sendError } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';

/**
 * `GET /health`: 200 `{ status: 'ok' }` while events are accepted; 503 OVERLOADED (with Retry-After) while
 * the server sheds load or the store is failing, so a load balancer stops sending to it.
 */
export function healthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/health',
    { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' }, pendingEvents: { type: 'integer' } } } } } },
    async (_request, reply) => {
      const health = deps.northstar.health();
      if (!health.accepting) {
        return sendError(
          reply,
          new NorthstarError('OVERLOADED', 'not accepting events right now (load shedding or store failing)', {
            details: { retryAfterSeconds: 1, pendingEvents: health.pendingEvents },
          }),
        );
      }
      return { status: 'ok', pendingEvents: health.pendingEvents };
    },
  );
}
