import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NorthstarError } from '../../common/errors.js';
import { isLoopback } from '../auth.js';
import { sendError } from '../error-handler.js';
import type { RouteDeps } from '../route-deps.js';

/** Name of the meta tag carrying the dashboard session token (docs/api.md "Dashboard session"). */
export const DASHBOARD_TOKEN_META = 'northstar-dashboard-token';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** index.html with the session token injected before `</head>` (only for loopback clients, who alone may use it). */
export function injectToken(html: string, token: string | undefined): string {
  if (token === undefined) return html;
  const tag = `<meta name="${DASHBOARD_TOKEN_META}" content="${escapeAttr(token)}">`;
  return html.includes('</head>') ? html.replace('</head>', `  ${tag}\n</head>`) : tag + html;
}

/** Paths that are API or ingestion, never the single-page app. */
function isApiPath(url: string): boolean {
  return /^\/(api|v1|capture|batch|e|i|track|decide|flags|health|array|s)(\/|\?|$)/.test(url);
}

/**
 * Serves the built dashboard (`dist/web`) at `/` with an SPA fallback: any other GET that accepts HTML and is
 * not an API path gets index.html. Without the folder, unknown paths answer the NOT_FOUND error body.
 */
export async function dashboardRoutes(app: FastifyInstance, deps: RouteDeps & { webRoot?: string | undefined }): Promise<void> {
  const root = deps.webRoot;
  const indexFile = root === undefined ? undefined : path.join(root, 'index.html');
  const hasWeb = indexFile !== undefined && existsSync(indexFile);

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const html = await readFile(indexFile as string, 'utf8');
    const token = isLoopback(request) ? deps.dashboardToken : undefined;
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(injectToken(html, token));
  };

  if (hasWeb) {
    await app.register(fastifyStatic, { root: root as string, index: false, wildcard: true });
    app.get('/', (request, reply) => sendIndex(request, reply));
    app.get('/index.html', (request, reply) => sendIndex(request, reply));
  }

  app.setNotFoundHandler((request, reply) => {
    const accepts = request.headers.accept ?? '';
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(request.url) && accepts.includes('text/html')) {
      return sendIndex(request, reply);
    }
    return sendError(reply, new NorthstarError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}
