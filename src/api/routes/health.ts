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
        const code = health.reason === 'overloaded' ? 'OVERLOADED' : 'STORE_UNAVAILABLE';
        const error = new NorthstarError(code, `not accepting events right now (${health.reason ?? 'unknown'})`, {
          details: { retryAfterSeconds: health.reason === 'overloaded' ? 1 : 5, reason: health.reason, pendingEvents: health.pendingEvents },
        });
        // Always 503 here (even for OVERLOADED, a 429 elsewhere): load balancers read 503 as "take me out".
        return sendError(reply, error, 503);
      }
      return { status: 'ok', pendingEvents: health.pendingEvents };
    },
  );
}
