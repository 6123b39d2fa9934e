import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { UuidHashSet } from './uuid-hash-set.js';

describe('UuidHashSet', () => {
  it('finds every added hash and grows past its initial capacity', () => {
    const rng = createRng(7);
    const pairs = Array.from({ length: 20_000 }, () => [rng.int(0, 2 ** 32 - 1), rng.int(0, 2 ** 32 - 1)] as const);
    const set = new UuidHashSet(16);
    for (const [h, l] of pairs) set.add(h, l);
    expect(set.size).toBe(new Set(pairs.map(([h, l]) => `${h}:${l}`)).size);
    for (const [h, l] of pairs) expect(set.has(h, l)).toBe(true);
    const [h0, l0] = pairs[7]!;
    expect(set.add(h0, l0)).toBe(false);
  });

  it('misses hashes never added, including ones sharing a half', () => {
    const set = new UuidHashSet();
    set.add(1, 2);
    expect(set.has(1, 2)).toBe(true);
    expect(set.has(2, 1)).toBe(false);
    expect(set.has(1, 3)).toBe(false);
    expect(set.has(0, 2)).toBe(false);
  });

  it('stores the all-zero hash despite it marking empty slots', () => {
    const set = new UuidHashSet();
    expect(set.has(0, 0)).toBe(false);
    set.add(0, 0);
    expect(set.has(0, 0)).toBe(true);
    // it shares a slot value with (0, 1): a false positive, which the table check resolves
    expect(set.has(0, 1)).toBe(true);
  });

  it('takes 8 bytes per slot, at most 75 % full', () => {
    const set = new UuidHashSet(1_000_000);
    expect(set.byteLength).toBe(2 ** 21 * 8);
    expect(new UuidHashSet(10_000_000).byteLength).toBe(2 ** 24 * 8); // 128 MiB for 10 M events
  });
});
