import { NorthstarError } from '../common/errors.js';

/**
 * Brute-force guard for API keys (OWASP ASVS V6.3.1): counts failed authentications per client address in
 * fixed one-minute windows; past `maxFailures` in a window, every authenticated request from that address
 * answers 429 RATE_LIMITED until the window ends. Successful requests are never counted. The address is the
 * TCP peer, never a forwarded header a client could forge.
 */
export interface AuthLimiter {
  /** Throws RATE_LIMITED while `address` is blocked. */
  check(address: string, now?: number): void;
  /** Records a failed authentication from `address`. */
  fail(address: string, now?: number): void;
}

/** Creates an {@link AuthLimiter}; memory is bounded by dropping windows that ended. */
export function createAuthLimiter(options: { maxFailures?: number; windowMs?: number } = {}): AuthLimiter {
  const maxFailures = options.maxFailures ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const windows = new Map<string, { start: number; failures: number }>();

  const current = (address: string, now: number): { start: number; failures: number } | undefined => {
    const w = windows.get(address);
    if (w !== undefined && now - w.start >= windowMs) {
      windows.delete(address);
      return undefined;
    }
    return w;
  };

  return {
    check(address, now = Date.now()) {
      const w = current(address, now);
      if (w !== undefined && w.failures >= maxFailures) {
        const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
        throw new NorthstarError('RATE_LIMITED', `more than ${maxFailures} failed authentications from this address in a minute`, {
          details: { retryAfterSeconds },
        });
      }
    },
    fail(address, now = Date.now()) {
      if (windows.size > 10_000) for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
      const w = current(address, now);
      if (w === undefined) windows.set(address, { start: now, failures: 1 });
      else w.failures += 1;
    },
  };
}
