import { describe, expect, it } from 'vitest';
import { newSecret, uuidv7 } from './ids.js';

describe('ids', () => {
  it('uuidv7 is a version-7 RFC 9562 uuid whose prefix orders by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.slice(0, 13) < b.slice(0, 13)).toBe(true);
  });

  it('secrets carry their prefix and are unique', () => {
    const s = new Set(Array.from({ length: 100 }, () => newSecret('nsk_')));
    expect(s.size).toBe(100);
    for (const x of s) expect(x.startsWith('nsk_')).toBe(true);
  });
});
