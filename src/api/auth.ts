import type { FastifyRequest } from 'fastify';
import { NorthstarError } from '../common/errors.js';
import type { Northstar } from '../core/northstar.js';
import { safeEqual } from '../core/index.js';
import type { AuthLimiter } from './auth-limiter.js';

/** Scope a route needs. */
export type Scope = 'read' | 'write';

/** Who a request acts as: a personal API key of one project, or the local dashboard (all projects). */
export type Principal = { kind: 'key'; projectId: string; scopes: readonly Scope[] } | { kind: 'dashboard' };

/** Options shared by the auth checks. */
export interface AuthContext {
  northstar: Northstar;
  /** Per-process dashboard session token; only accepted from loopback clients. */
  dashboardToken?: string | undefined;
  /** Brute-force guard; absent in unit tests that do not need it. */
  limiter?: AuthLimiter | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when the TCP peer is this machine (never from X-Forwarded-For, which a client can forge). */
export function isLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '');
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Query parameters that would carry a secret key in a URL (logged by proxies; ASVS V14.2.1). */
const KEY_PARAMS = ['api_key', 'apiKey', 'key', 'access_token', 'personal_api_key'];

/**
 * Refuses a secret key in the query string of an `/api` request (URLs end up in proxy logs; ASVS V14.2.1).
 * Runs as an onRequest hook, before schema validation could strip unknown query fields.
 */
export function rejectKeyInUrl(request: FastifyRequest): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const name of KEY_PARAMS) {
    const value = query[name];
    if (typeof value === 'string' && value.startsWith('nsk_')) {
      throw new NorthstarError('INVALID_ARGUMENT', `API keys are never accepted in the URL (?${name}=); send "Authorization: Bearer <key>"`, {
        hint: 'Send the key in the Authorization header, and rotate this one: URLs end up in logs.',
      });
    }
  }
}

/**
 * Identifies the caller from `Authorization: Bearer`; UNAUTHENTICATED when missing or unknown, RATE_LIMITED
 * after repeated failures from the same address.
 */
export async function authenticate(request: FastifyRequest, ctx: AuthContext): Promise<Principal> {
  const address = request.socket.remoteAddress ?? 'unknown';
  ctx.limiter?.check(address);
  try {
    return await identify(request, ctx);
  } catch (error) {
    if (error instanceof NorthstarError && error.code === 'UNAUTHENTICATED' && bearer(request) !== undefined) ctx.limiter?.fail(address);
    throw error;
  }
}

async function identify(request: FastifyRequest, ctx: AuthContext): Promise<Principal> {
  const secret = bearer(request);
  if (secret === undefined) {
    throw new NorthstarError('UNAUTHENTICATED', 'this endpoint needs "Authorization: Bearer <personal API key>"');
  }
  if (ctx.dashboardToken !== undefined && safeEqual(secret, ctx.dashboardToken)) {
    if (!isLoopback(request)) throw new NorthstarError('FORBIDDEN', 'the dashboard session token is accepted only from this machine');
    return { kind: 'dashboard' };
  }
  const key = await ctx.northstar.keys.authenticate(secret);
  if (key === undefined) throw new NorthstarError('UNAUTHENTICATED', 'the API key is unknown');
  return { kind: 'key', projectId: key.projectId, scopes: key.scopes };
}

/**
 * Checks that the caller may use `scope` on `projectId` (OWASP API1: the project comes from the key, the
 * URL only selects it). A key of another project or without the scope is FORBIDDEN.
 */
export async function authorize(request: FastifyRequest, ctx: AuthContext, projectId: string, scope: Scope): Promise<Principal> {
  const principal = await authenticate(request, ctx);
  if (principal.kind === 'dashboard') {
    await ctx.northstar.projects.get(projectId);
    return principal;
  }
  if (principal.projectId !== projectId) {
    throw new NorthstarError('FORBIDDEN', `the API key belongs to another project, not "${projectId}"`);
  }
  if (!principal.scopes.includes(scope)) throw new NorthstarError('FORBIDDEN', `the API key lacks the "${scope}" scope`);
  return principal;
}
