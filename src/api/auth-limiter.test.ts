import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../common/errors.js';
import { createAuthLimiter } from './auth-limiter.js';

function blocked(fn: () => void): number | false {
  try {
    fn();
    return false;
  } catch (error) {
    if (error instanceof NorthstarError && error.code === 'RATE_LIMITED') return error.details?.['retryAfterSeconds'] as number;
    throw error;
  }
}

describe('auth limiter', () => {
  it('blocks an address after maxFailures in a window, until the window ends', () => {
    const limiter = createAuthLimiter({ maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(blocked(() => limiter.check('1.2.3.4', 1000 + i))).toBe(false);
      limiter.fail('1.2.3.4', 1000 + i);
    }
    expect(blocked(() => limiter.check('1.2.3.4', 31_000))).toBe(30);
    expect(blocked(() => limiter.check('5.6.7.8', 31_000))).toBe(false);
    expect(blocked(() => limiter.check('1.2.3.4', 61_000))).toBe(false);
  });
});
