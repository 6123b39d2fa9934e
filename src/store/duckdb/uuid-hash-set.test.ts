import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { hashKey, UuidHashSet } from './uuid-hash-set.js';

describe('UuidHashSet', () => {
  it('finds every added key and grows past its initial capacity', () => {
    const set = new UuidHashSet(16);
    for (let i = 0; i < 20_000; i++) expect(set.add('p', `u-${i}`)).toBe(true);
    expect(set.size).toBe(20_000);
    for (let i = 0; i < 20_000; i++) expect(set.has('p', `u-${i}`)).toBe(true);
    expect(set.add('p', 'u-7')).toBe(false);
    expect(set.size).toBe(20_000);
  });

  it('keeps projects apart and misses unseen keys', () => {
    const set = new UuidHashSet();
    set.add('a', 'x');
    expect(set.has('a', 'x')).toBe(true);
    expect(set.has('b', 'x')).toBe(false);
    // the separator keeps ("ab","c") and ("a","bc") apart
    set.add('ab', 'c');
    expect(set.has('a', 'bc')).toBe(false);
  });

  it('has no collisions among 100k random uuids (64-bit hashes)', () => {
    const rng = createRng(42);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const uuid = Array.from({ length: 4 }, () => Math.floor(rng.next() * 2 ** 32).toString(16)).join('-');
      const [h, l] = hashKey('proj', uuid);
      seen.add(`${h}:${l}`);
    }
    expect(seen.size).toBe(100_000);
  });

  it('stays at 8 bytes per slot', () => {
    const set = new UuidHashSet(1_000_000);
    expect(set.byteLength).toBeLessThanOrEqual(2 ** 21 * 8);
  });
});
