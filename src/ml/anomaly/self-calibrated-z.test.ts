import { describe, expect, it } from 'vitest';
import { SelfCalibratedZ } from './self-calibrated-z.js';

describe('SelfCalibratedZ', () => {
  it('scores on the log scale against its history, floored spread, bounded memory', () => {
    const c = new SelfCalibratedZ({ size: 4, floor: 0, minSpread: 0.5 });
    expect(Number.isNaN(c.z(1))).toBe(true); // no history
    for (const x of [1, 1, 1, 1]) c.add(x);
    // Flat history: spread floored at 0.5, so e (one log unit) is z = 2, not infinity.
    expect(c.z(Math.E)).toBeCloseTo(2, 12);
    c.add(Math.E ** 2);
    expect(c.toJSON()).toEqual([1, 1, 1, Math.E ** 2]);
    // logs 0,0,0,2: mean 0.5, sd √0.75
    expect(c.z(Math.E)).toBeCloseTo(0.5 / Math.sqrt(0.75), 12);
  });

  it('uses the floor so exact repeats (0) do not make a small value extreme', () => {
    const c = new SelfCalibratedZ({ size: 100, floor: 0.01, minSpread: 0.5 });
    for (let i = 0; i < 50; i++) c.add(0);
    expect(c.z(0.001)).toBeLessThan(0.2);
    expect(c.z(1)).toBeGreaterThan(9);
    c.add(Number.NaN);
    expect(c.toJSON()).toHaveLength(50);
    c.reset([1, 2, Number.POSITIVE_INFINITY]);
    expect(c.toJSON()).toEqual([1, 2]);
  });
});
