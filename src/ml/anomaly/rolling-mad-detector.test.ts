import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { rollingMadScores, suppressRepeats } from './rolling-mad-detector.js';

describe('rollingMadScores', () => {
  it('scores a spike near 1 and noise low, all within [0, 1]', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 1000 }, (_, i) => 10 + Math.sin(i / 20) * 0.1 + (rng.next() - 0.5) * 0.2);
    values[800] = 30;
    const s = rollingMadScores(values, { window: 100 });
    expect(s.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(s[800]!).toBeGreaterThan(0.9);
    // 801 is the step back down, itself a jump; everything else is noise.
    const others = s.filter((_, i) => i !== 800 && i !== 801 && i >= 150);
    expect(Math.max(...others)).toBeLessThan(0.6);
    expect(s.slice(0, 150).every((x) => x === 0)).toBe(true);
  });

  it('keeps only the first of a burst unless a later point beats it', () => {
    expect(suppressRepeats([0, 5, 4, 5, 6, 1, 0, 3], 2)).toEqual([0, 5, 0, 0, 6, 0, 0, 3]);
    expect(suppressRepeats([1, 1], 0)).toEqual([1, 1]);
  });

  it('handles constant, short and non-finite input without NaN', () => {
    expect(rollingMadScores([])).toEqual([]);
    expect(rollingMadScores([5])).toEqual([0]);
    const flat = rollingMadScores(Array.from({ length: 200 }, () => 3), { probation: 10 });
    expect(flat.every((x) => x === 0)).toBe(true);
    const withNaN = rollingMadScores([1, 2, Number.NaN, 1, 2, 1, 2, 50], { probation: 3 });
    expect(withNaN.every((x) => Number.isFinite(x))).toBe(true);
    expect(withNaN[2]).toBe(0);
    expect(withNaN[7]!).toBeGreaterThan(0.8);
  });
});
