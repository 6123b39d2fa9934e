import { describe, expect, it } from 'vitest';
import { cohortRates, heatColor, retentionCurve } from './retention-math.js';

describe('retention math', () => {
  it('weights the curve by cohort size and ignores periods a cohort has not reached', () => {
    const cohorts = [
      { cohort: '2026-01-05', size: 100, values: [100, 40, 20] },
      { cohort: '2026-01-12', size: 300, values: [300, 60] },
      { cohort: '2026-01-19', size: 0, values: [0] },
    ];
    const curve = retentionCurve(cohorts);
    expect(curve).toHaveLength(3);
    expect(curve[0]).toBe(1);
    expect(curve[1]).toBeCloseTo(100 / 400, 12);
    expect(curve[2]).toBeCloseTo(20 / 100, 12);
  });

  it('gives an empty curve for no cohorts and null rates for empty cohorts', () => {
    expect(retentionCurve([])).toEqual([]);
    expect(cohortRates({ cohort: 'x', size: 0, values: [0] })).toEqual([null]);
    expect(cohortRates({ cohort: 'x', size: 4, values: [4, 1] })).toEqual([1, 0.25]);
  });

  it('darkens cells with the rate and switches to white text on dark cells', () => {
    expect(heatColor(0).color).toBe('#1e1b4b');
    expect(heatColor(1).color).toBe('#fff');
    expect(heatColor(2).background).toBe(heatColor(1).background);
  });
});
