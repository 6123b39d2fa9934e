import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectChangePoints } from './change-point-detector.js';

describe('detectChangePoints', () => {
  it('finds a planted step within a few points of where it starts', () => {
    for (const [seed, at, size] of [[1, 300, 3], [2, 150, -4], [3, 420, 2.5]] as const) {
      const rng = createRng(seed);
      const values = Array.from({ length: 600 }, (_, i) => 50 + rng.normal(0, 1) + (i >= at ? size : 0));
      const { points, changes } = detectChangePoints(values);
      expect(changes).toHaveLength(1);
      const c = changes[0]!;
      expect(Math.abs(c.index - at)).toBeLessThanOrEqual(3);
      expect(c.detectedAt - at).toBeGreaterThanOrEqual(0);
      expect(c.detectedAt - at).toBeLessThanOrEqual(10);
      expect(c.direction).toBe(size > 0 ? 'up' : 'down');
      expect(points[c.detectedAt]!.label).toBe(size > 0 ? 'high' : 'low');
      expect(points[c.detectedAt]!.score).toBeGreaterThanOrEqual(0.5);
      // After the change the band follows the new level.
      expect(Math.abs(points[590]!.expected - (50 + size))).toBeLessThan(0.5);
    }
  });

  it('raises no alarm on stationary noise at the default threshold', () => {
    for (const seed of [4, 5, 6, 7, 8]) {
      const rng = createRng(seed);
      const values = Array.from({ length: 3000 }, () => 10 + rng.normal(0, 2));
      const { points, changes } = detectChangePoints(values);
      expect(changes).toEqual([]);
      expect(points.every((p) => p.label === 'normal' && p.score < 0.5)).toBe(true);
    }
  });

  it('gives defined results on empty, too-short, constant and NaN series', () => {
    expect(detectChangePoints([])).toEqual({ points: [], changes: [] });
    expect(detectChangePoints([1, 2, 3]).points.every((p) => p.score === 0)).toBe(true);
    const flat = detectChangePoints(Array.from({ length: 100 }, () => 7));
    expect(flat.changes).toEqual([]);
    expect(flat.points.every((p) => p.score === 0 && p.label === 'normal')).toBe(true);
    const rng = createRng(9);
    const gappy = Array.from({ length: 200 }, (_, i) => (i % 13 === 0 ? Number.NaN : 5 + rng.normal(0, 0.5) + (i >= 120 ? 4 : 0)));
    const r = detectChangePoints(gappy);
    expect(r.points.every((p) => Number.isFinite(p.score) && p.score >= 0 && p.score <= 1)).toBe(true);
    expect(r.points[13]!.score).toBe(0);
    expect(r.changes.map((c) => c.direction)).toEqual(['up']);
    expect(Math.abs(r.changes[0]!.index - 120)).toBeLessThanOrEqual(3);
  });
});
