import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectEsdAnomalies, generalizedEsd } from './generalized-esd.js';

// Rosner (1983) example as reproduced in the NIST/SEMATECH e-Handbook §1.3.5.17.3: 54 values, 3 outliers.
const ROSNER = [
  -0.25, 0.68, 0.94, 1.15, 1.2, 1.26, 1.26, 1.34, 1.38, 1.43, 1.49, 1.49, 1.55, 1.56, 1.58, 1.65, 1.69, 1.7, 1.76,
  1.77, 1.81, 1.91, 1.94, 1.96, 1.99, 2.06, 2.09, 2.1, 2.14, 2.15, 2.23, 2.24, 2.26, 2.35, 2.37, 2.4, 2.47, 2.54,
  2.62, 2.64, 2.9, 2.92, 2.92, 2.93, 3.21, 3.26, 3.3, 3.59, 3.68, 4.3, 4.64, 5.34, 5.42, 6.01,
];

describe('generalizedEsd', () => {
  it('reproduces the published statistics and critical values of Rosner’s example (r = 10, α = 0.05)', () => {
    expect(ROSNER).toHaveLength(54);
    const res = generalizedEsd(ROSNER, { maxAnomsFraction: 10 / 54 + 1e-9, alpha: 0.05 });
    const R = [3.118, 2.942, 3.179, 2.81, 2.815, 2.848, 2.279, 2.31, 2.101, 2.067];
    const lambda = [3.158, 3.151, 3.143, 3.136, 3.128, 3.12, 3.111, 3.103, 3.094, 3.085];
    expect(res.steps).toHaveLength(10);
    res.steps.forEach((s, k) => {
      expect(s.statistic).toBeCloseTo(R[k]!, 2);
      expect(s.critical).toBeCloseTo(lambda[k]!, 2);
    });
    // R₁ and R₂ are below λ but R₃ is above: three outliers, found only because ESD looks past the masked ones.
    expect(res.outliers.map((i) => ROSNER[i])).toEqual([6.01, 5.42, 5.34]);
  });

  it('finds planted outliers in Gaussian noise and none in clean noise', () => {
    const rng = createRng(5);
    const clean = Array.from({ length: 200 }, () => rng.normal(10, 1));
    expect(generalizedEsd(clean).outliers).toEqual([]);
    const dirty = [...clean];
    dirty[17] = 20;
    dirty[150] = -2;
    expect(generalizedEsd(dirty).outliers.sort((a, b) => a - b)).toEqual([17, 150]);
    expect(generalizedEsd(dirty, { robust: true }).outliers.sort((a, b) => a - b)).toEqual([17, 150]);
    const pts = detectEsdAnomalies(dirty);
    expect(pts[17]!.label).toBe('high');
    expect(pts[150]!.label).toBe('low');
    expect(pts.filter((p) => p.label !== 'normal')).toHaveLength(2);
    expect(pts[17]!.score).toBeGreaterThan(0.5);
    expect(pts.every((p) => p.score >= 0 && p.score <= 1)).toBe(true);
  });

  it('has defined results on empty, short, constant and NaN input', () => {
    expect(generalizedEsd([])).toEqual({ outliers: [], steps: [] });
    expect(detectEsdAnomalies([])).toEqual([]);
    expect(generalizedEsd([1, 2]).outliers).toEqual([]);
    expect(detectEsdAnomalies([1]).map((p) => p.label)).toEqual(['normal']);
    expect(generalizedEsd(Array(50).fill(3)).outliers).toEqual([]);
    const flat = detectEsdAnomalies(Array(50).fill(3));
    expect(flat.every((p) => p.label === 'normal' && p.score === 0)).toBe(true);
    const withNaN = [...ROSNER];
    withNaN[3] = Number.NaN;
    const pts = detectEsdAnomalies(withNaN, { maxAnomsFraction: 0.2 });
    expect(pts[3]).toMatchObject({ score: 0, label: 'normal' });
    expect(pts.every((p) => Number.isFinite(p.score))).toBe(true);
    expect(pts[53]!.label).toBe('high');
  });
});
