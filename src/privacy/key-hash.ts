import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Hashing of secret API keys for storage. Keys are minted by Northstar with 192 bits of randomness
 * (`newSecret('nsk_')`), so a slow password hash (scrypt, argon2) buys nothing: nobody can brute-force a
 * 192-bit secret from its hash. A fast keyed hash (HMAC-SHA-256 with a server-side pepper) also makes the
 * lookup by hash a single indexed read. The stored form is `hmac-sha256:<hex>`; the prefix leaves room for
 * another scheme later.
 */

/** Pepper used when the operator configured none: domain separation only, not a secret. */
export const DEFAULT_KEY_PEPPER = 'northstar-api-key-v1';

const PREFIX = 'hmac-sha256:';

/** The stored hash of an API key. Deterministic for a given pepper, so it doubles as the lookup key. */
export function hashApiKey(key: string, pepper: string = DEFAULT_KEY_PEPPER): string {
  return PREFIX + createHmac('sha256', pepper).update(key, 'utf8').digest('hex');
}

/** Compares a presented key with a stored hash in constant time (no early exit on the first differing byte). */
export function verifyApiKey(key: string, storedHash: string, pepper: string = DEFAULT_KEY_PEPPER): boolean {
  const actual = Buffer.from(hashApiKey(key, pepper), 'utf8');
  const expected = Buffer.from(storedHash, 'utf8');
  // Lengths differ only for a malformed stored hash; comparing against itself keeps the timing uniform.
  if (actual.length !== expected.length) {
    timingSafeEqual(actual, actual);
    return false;
  }
  return timingSafeEqual(actual, expected);
}

/** Constant-time equality of two secrets (e.g. the dashboard session token). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
