import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Browser SDKs on any origin may call this route (ingestion and SDK bootstrap only, never /api). */
    cors?: boolean;
  }
}

/**
 * CORS for ingestion: posthog-js runs on the customer's site, so capture, decide/flags and the Segment paths
 * must answer cross-origin requests, as PostHog's capture does (reflect the Origin, allow credentials).
 * The `/api` routes get no CORS headers at all: the dashboard is same-origin and keys must not be usable
 * from arbitrary pages.
 */
function setCorsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  void reply.header('access-control-allow-origin', typeof origin === 'string' && origin !== '' ? origin : '*');
  if (typeof origin === 'string' && origin !== '') {
    void reply.header('access-control-allow-credentials', 'true');
    void reply.header('vary', 'Origin');
  }
}

/** Adds CORS headers to routes with `config.cors` and answers their preflight (OPTIONS) requests. */
export function corsForIngestion(app: FastifyInstance, paths: readonly string[]): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.cors === true) setCorsHeaders(request, reply);
    return payload;
  });
  for (const path of paths) {
    app.options(path, { config: { rawBody: true, cors: true } }, async (request, reply) => {
      const asked = request.headers['access-control-request-headers'];
      return reply
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', typeof asked === 'string' && asked !== '' ? asked : 'content-type, content-encoding, authorization')
        .header('access-control-max-age', '86400')
        .code(204)
        .send();
    });
  }
}
