import type { ErrorCode } from '../common/error-codes.js';

/**
 * The one place where an error code becomes an HTTP status (STYLE.md "Errors"). 4xx means "do not retry as
 * is"; 429 and 503 come with `Retry-After` and mean "retry the same request later". Codes missing here
 * answer 500; `http-status.test.ts` lists any code of the table that is not mapped.
 */
export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  INTERNAL: 500,
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFIG_INVALID: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_TOKEN: 401,
  INVALID_JSON: 400,
  INVALID_PAYLOAD: 400,
  EMPTY_BATCH: 400,
  BATCH_TOO_LARGE: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_ENCODING: 415,
  OVERLOADED: 429,
  STORE_UNAVAILABLE: 503,
  // Per-event codes are normally reported inside a 200 body; alone (one bad event) they are a 400.
  EVENT_MISSING_NAME: 400,
  EVENT_MISSING_DISTINCT_ID: 400,
  EVENT_INVALID_TYPE: 400,
  EVENT_INVALID_UUID: 400,
  EVENT_INVALID_TIMESTAMP: 400,
  EVENT_TOO_LARGE: 413,
  STORE_LOCKED: 503,
  STORE_MIGRATION_FAILED: 500,
  QUERY_INVALID: 400,
  IMPORT_FORMAT: 400,
  IMPORT_FILE_NOT_FOUND: 404,
  NN_BACKEND_UNAVAILABLE: 501,
  NN_SHAPE_MISMATCH: 400,
  NN_NOT_COMPILED: 400,
  NN_NON_FINITE_LOSS: 422,
  NN_INVALID_DATA: 400,
  UNKNOWN_COLUMN: 400,
  NO_INTERACTIONS: 422,
  DOCTOR_CHECK_FAILED: 500,
  RATE_LIMITED: 429,
  NN_MODEL_FORMAT: 400,
  WEBHOOK_TARGET_REFUSED: 400,
  UPLOAD_INVALID_ARCHIVE: 400,
  UPLOAD_UNSAFE_PATH: 400,
  JOB_WORKER_CRASHED: 500,
  FEEDBACK_EMPTY_TEXT: 400,
  FEEDBACK_TEXT_TOO_LARGE: 413,
  JOB_INTERRUPTED: 409,
  JOB_NOT_RETRYABLE: 409,
};

/** The HTTP status for an error code (500 for a code this table does not know yet). */
export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}
