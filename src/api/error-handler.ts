import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { NorthstarError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { DRAIN_LIMIT_FACTOR, DRAIN_TIME_MS, drainRequestBody, shouldDrain } from './drain-body.js';
import { httpStatusFor } from './http-status.js';

/** The error body every endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; hint: string; details?: Record<string, unknown> };
}

/** JSON schema of {@link ErrorBody}, for route response declarations. */
export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        hint: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
      required: ['code', 'message', 'hint'],
    },
  },
  required: ['error'],
} as const;

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Converts anything thrown in a request into a NorthstarError: ours pass through, Fastify's own (body too
 * large, schema validation, media type) get their code, and everything else becomes INTERNAL.
 */
export function toApiError(error: unknown): NorthstarError {
  if (error instanceof NorthstarError) return error;
  if (isFastifyError(error)) {
    if (error.validation !== undefined) {
      return new NorthstarError('INVALID_ARGUMENT', `request ${error.validationContext ?? 'input'} ${error.message}`, {
        details: { issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message ?? '' })) },
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return new NorthstarError('PAYLOAD_TOO_LARGE', 'the request body exceeds the size limit');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new NorthstarError('UNSUPPORTED_ENCODING', error.message);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return new NorthstarError('INVALID_JSON', error.message);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return new NorthstarError('INVALID_PAYLOAD', error.message);
      default:
        break;
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return new NorthstarError('INVALID_ARGUMENT', error.message);
    }
  }
  return new NorthstarError('INTERNAL', 'internal error', { cause: error });
}

/**
 * Sends a NorthstarError with its status (or `status` when a route must differ, e.g. /health), and
 * `Retry-After` when the error carries `retryAfterSeconds`.
 */
export function sendError(reply: FastifyReply, error: NorthstarError, status: number = httpStatusFor(error.code)): FastifyReply {
  const retryAfter = error.details?.['retryAfterSeconds'];
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  const body: ErrorBody = { error: error.toJSON() };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Installs the error handler: one body shape everywhere; INTERNAL errors are logged with their cause. With
 * `maxBodyBytes`, a 413 for a body that was not read to its end first reads and discards the rest, up to
 * {@link DRAIN_LIMIT_FACTOR} times the limit and {@link DRAIN_TIME_MS}, so that clients which write the whole
 * body before reading receive the 413 instead of a reset; beyond the bound the answer closes the connection.
 */
export function installErrorHandler(app: FastifyInstance, logger: Logger, options: { maxBodyBytes?: number } = {}): void {
  app.setErrorHandler(async (error: unknown, request, reply) => {
    const mapped = toApiError(error);
    if (mapped.code === 'INTERNAL') {
      const cause = error instanceof Error ? { message: error.message, stack: error.stack } : { value: String(error) };
      logger.error('unhandled error in request', { method: request.method, url: request.url, ...cause });
    }
    if (mapped.code === 'PAYLOAD_TOO_LARGE' && options.maxBodyBytes !== undefined && !request.raw.complete) {
      const maxBytes = options.maxBodyBytes * DRAIN_LIMIT_FACTOR;
      const drained = shouldDrain(request.headers['content-length'], maxBytes) && (await drainRequestBody(request.raw, { maxBytes, maxMs: DRAIN_TIME_MS }));
      if (!drained) void reply.header('connection', 'close');
    }
    return sendError(reply, mapped);
  });
}
