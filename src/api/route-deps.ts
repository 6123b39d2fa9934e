import type { FastifyRequest } from 'fastify';
import type { Northstar } from '../core/northstar.js';
import type { AuthLimiter } from './auth-limiter.js';
import { decodeRequestBody, type DecodedBody } from '../core/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads the raw body bytes itself (ingestion: gzip, base64 forms, JSON Lines). */
    rawBody?: boolean;
  }
}

/** What every route module gets. */
export interface RouteDeps {
  northstar: Northstar;
  /** Per-process dashboard session token (see docs/api.md "Dashboard session"). */
  dashboardToken?: string | undefined;
  /** Clock for receive times (tests may pin it). */
  now: () => Date;
  /** Brute-force guard shared by every authenticated route. */
  limiter: AuthLimiter;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Query fields ingestion reads (posthog-js puts `compression`, `_` and sometimes `token` in the query). */
export interface IngestQuery {
  token?: string;
  api_key?: string;
  compression?: string;
  _?: string;
}

/** JSON schema of {@link IngestQuery}; other query fields (`ver`, `ip`) are allowed and ignored. */
export const ingestQuerySchema = {
  type: 'object',
  properties: {
    token: { type: 'string' },
    api_key: { type: 'string' },
    compression: { type: 'string' },
    _: { type: 'string' },
  },
  additionalProperties: true,
} as const;

/** Decodes a raw ingestion body (route config `rawBody: true`) with the configured size cap. */
export function readIngestBody(request: FastifyRequest, deps: RouteDeps): Promise<DecodedBody> {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const query = (request.query ?? {}) as IngestQuery;
  return decodeRequestBody({
    body,
    contentEncoding: header(request, 'content-encoding'),
    contentType: header(request, 'content-type'),
    compression: query.compression,
    maxBytes: deps.northstar.limits.maxBodyBytes,
  });
}
