import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** Options accepted by {@link NorthstarError}. */
export interface NorthstarErrorOptions {
  /** Overrides the code's default hint when a more specific one helps. */
  hint?: string;
  /** Structured context for callers and API responses (never secrets). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error type of Northstar. The code is stable and documented (docs/errors.md); the message says
 * what went wrong in this instance; the hint says what to do about it.
 */
export class NorthstarError extends Error {
  override readonly name: string = 'NorthstarError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: NorthstarErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? ERROR_CODES[code].hint;
    this.details = options.details;
  }

  /** The JSON shape every interface (API body, CLI --json) uses for an error. */
  toJSON(): { code: ErrorCode; message: string; hint: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message, hint: this.hint }
      : { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

/** A store failure; `retriable` tells callers whether the same request may succeed later. */
export class StoreError extends NorthstarError {
  override readonly name = 'StoreError';
  readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, options: NorthstarErrorOptions & { retriable?: boolean } = {}) {
    super(code, message, options);
    this.retriable = options.retriable ?? false;
  }
}

/** Wraps anything thrown into a NorthstarError, keeping known ones as they are (unknown throws are bugs). */
export function toNorthstarError(error: unknown): NorthstarError {
  if (error instanceof NorthstarError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new NorthstarError('INTERNAL', message, { cause: error });
}
