import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = Array.from({ length: 5 }, createRng(42).next);
    const b = Array.from({ length: 5 }, createRng(42).next);
    const c = Array.from({ length: 5 }, createRng(43).next);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it.each([1, 7, 123456])('draws uniform values with the right moments (seed %i)', (seed) => {
    const rng = createRng(seed);
    const n = 50_000;
    let sum = 0;
    let sumNormal = 0;
    let sumNormalSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      const z = rng.normal();
      sumNormal += z;
      sumNormalSq += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumNormal / n).toBeCloseTo(0, 1);
    expect(sumNormalSq / n).toBeCloseTo(1, 1);
  });

  it('int() covers its inclusive range and weightedIndex follows the weights', () => {
    const rng = createRng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.weightedIndex([1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeCloseTo(3, 0);
  });

  it('shuffle keeps the elements and pick throws on empty input', () => {
    const rng = createRng(9);
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect([...rng.shuffle([...items])].sort((x, y) => x - y)).toEqual(items);
    expect(() => rng.pick([])).toThrow();
  });
});
