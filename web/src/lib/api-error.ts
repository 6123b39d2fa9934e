/**
 * An error answered by the Northstar API (`{ error: { code, message, hint } }`), or a transport failure
 * dressed the same way so every page shows one kind of error box.
 */
export class ApiError extends Error {
  /** Stable code from the server's error table (`QUERY_INVALID`, `NOT_FOUND`, ...) or `NETWORK`. */
  readonly code: string;
  /** What the user can do about it, when the server said. */
  readonly hint: string | undefined;
  /** HTTP status, 0 when the request never got an answer. */
  readonly status: number;

  constructor(code: string, message: string, status: number, hint?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.hint = hint;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns a non-2xx answer body into an {@link ApiError}. Bodies that do not follow the error envelope (a proxy's
 * HTML page, say) still give a readable error with the HTTP status as the code.
 */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const envelope = isRecord(body) ? body['error'] : undefined;
  if (isRecord(envelope) && typeof envelope['code'] === 'string') {
    const message = typeof envelope['message'] === 'string' ? envelope['message'] : envelope['code'];
    const hint = typeof envelope['hint'] === 'string' ? envelope['hint'] : undefined;
    return new ApiError(envelope['code'], message, status, hint);
  }
  return new ApiError(`HTTP_${status}`, `The server answered ${status}.`, status);
}
