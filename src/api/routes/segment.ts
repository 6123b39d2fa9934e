import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SegmentType } from '../../core/index.js';
import { errorBodySchema } from '../error-handler.js';
import { readIngestBody, type RouteDeps } from '../route-deps.js';
import { ingestResponseSchema } from './ingest-response.js';

/** Segment HTTP Tracking API paths under `/v1/`; `batch` and `import` take `{ batch: [...] }`. */
export const SEGMENT_PATHS = ['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch', 'import'] as const;

/** The write key from `Authorization: Basic base64(writeKey:)`, as Segment SDKs send it. */
export function basicUser(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const user = decoded.split(':')[0];
  return user === undefined || user === '' ? undefined : user;
}

/** Segment-compatible ingestion: write key via HTTP Basic (username) or `writeKey` in the body. */
export function segmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  for (const name of SEGMENT_PATHS) {
    const routeType: SegmentType | undefined = name === 'batch' || name === 'import' ? undefined : name;
    app.post(
      `/v1/${name}`,
      {
        config: { rawBody: true, cors: true },
        schema: { response: { 200: ingestResponseSchema, '4xx': errorBodySchema, '5xx': errorBodySchema } },
      },
      async (request) => {
        const receivedAt = deps.now();
        const body = await readIngestBody(request, deps);
        const { result } = await deps.northstar.ingest.segment(body.value, {
          receivedAt,
          routeType,
          basicUser: basicUser(request),
          decoded: { bytes: body.bytes },
        });
        // Segment SDKs only look at the status; `success` mirrors Segment's own answer.
        return { ...result, success: true };
      },
    );
  }
}
