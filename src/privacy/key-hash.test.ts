import { describe, expect, it } from 'vitest';
import { hashApiKey, safeEqual, verifyApiKey } from './key-hash.js';

describe('key hashing', () => {
  const key = 'nsk_3Jx9kQv0m2T8yRZ_pLw1cN5bH7dF4sA6';

  it('is deterministic, prefixed, and never contains the key', () => {
    const h = hashApiKey(key);
    expect(h).toBe(hashApiKey(key));
    expect(h).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(h).not.toContain(key.slice(4));
  });

  it('depends on the pepper', () => {
    expect(hashApiKey(key, 'a')).not.toBe(hashApiKey(key, 'b'));
  });

  it('verifies the right key and rejects others', () => {
    const h = hashApiKey(key);
    expect(verifyApiKey(key, h)).toBe(true);
    expect(verifyApiKey(key + 'x', h)).toBe(false);
    expect(verifyApiKey(key, 'hmac-sha256:short')).toBe(false);
    expect(verifyApiKey(key, h, 'other-pepper')).toBe(false);
  });

  it('compares secrets', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
