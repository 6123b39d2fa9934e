import { describe, expect, it } from 'vitest';
import { toRegularGrid, typicalInterval } from './regular-grid.js';

describe('toRegularGrid', () => {
  it('averages points sharing a slot, leaves empty slots NaN and sorts out-of-order input', () => {
    const g = toRegularGrid([0, 10, 10, 40, 20, 31], [1, 2, 4, 9, 5, 7]);
    expect(g.interval).toBe(10);
    expect(g.timestamps).toEqual([0, 10, 20, 30, 40]);
    expect(g.values).toEqual([1, 3, 5, 7, 9]);
    const gap = toRegularGrid([0, 10, 20, 60], [1, 2, 3, 4]);
    expect(gap.values.map((v) => (Number.isNaN(v) ? null : v))).toEqual([1, 2, 3, null, null, null, 4]);
  });

  it('handles empty, single-time and NaN input and rejects what it cannot grid', () => {
    expect(toRegularGrid([], [])).toMatchObject({ timestamps: [], values: [] });
    expect(toRegularGrid([5, 5, 5], [1, 2, 6])).toMatchObject({ timestamps: [5], values: [3] });
    expect(toRegularGrid([0, Number.NaN, 10], [1, 2, Number.NaN]).values.map((v) => (Number.isNaN(v) ? null : v))).toEqual([1, null]);
    expect(() => toRegularGrid([0, 1], [1])).toThrow(/differ in length/);
    expect(() => toRegularGrid([0, 1e9], [1, 2], { interval: 1 })).toThrow(/grid slots/);
    expect(() => toRegularGrid([0, 10], [1, 2], { interval: -1 })).toThrow(/positive/);
    expect(typicalInterval([0, 0, 5, 10, 100])).toBe(5);
  });
});
