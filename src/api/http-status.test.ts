import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../common/error-codes.js';
import { HTTP_STATUS, httpStatusFor } from './http-status.js';

describe('HTTP status table', () => {
  it('maps every error code', () => {
    const unmapped = Object.keys(ERROR_CODES).filter((code) => HTTP_STATUS[code as ErrorCode] === undefined);
    expect(unmapped).toEqual([]);
  });

  it('maps only known codes to valid statuses', () => {
    for (const [code, status] of Object.entries(HTTP_STATUS)) {
      expect(Object.hasOwn(ERROR_CODES, code)).toBe(true);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it.each([
    ['INVALID_TOKEN', 401],
    ['FORBIDDEN', 403],
    ['PAYLOAD_TOO_LARGE', 413],
    ['OVERLOADED', 429],
    ['STORE_UNAVAILABLE', 503],
  ] as const)('%s → %i (SDK retry contract)', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });
});
