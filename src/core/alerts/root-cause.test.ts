import { describe, expect, it } from 'vitest';
import { rankRootCauses, seasonalBaseline } from './root-cause.js';
import { severityOf } from './severity.js';

describe('rankRootCauses (Adtributor)', () => {
  it('names the one platform whose conversion collapsed, over a country dimension that only scaled', () => {
    const platform = [
      { value: 'android', actualNum: 3, expectedNum: 28, actualDen: 40, expectedDen: 40 },
      { value: 'ios', actualNum: 25, expectedNum: 25, actualDen: 35, expectedDen: 35 },
      { value: 'web', actualNum: 16, expectedNum: 16, actualDen: 25, expectedDen: 25 },
    ];
    // Every country lost conversions in proportion to its android share: shares barely move.
    const country = [
      { value: 'CN', actualNum: 30, expectedNum: 47, actualDen: 68, expectedDen: 68 },
      { value: 'SG', actualNum: 14, expectedNum: 22, actualDen: 32, expectedDen: 32 },
    ];
    const { contributors, dimensions } = rankRootCauses([{ dimension: 'country', elements: country }, { dimension: 'platform', elements: platform }], true);
    expect(contributors[0]).toMatchObject({ dimension: 'platform', value: 'android' });
    expect(contributors[0]!.contribution).toBeCloseTo(1, 1);
    expect(contributors[0]!.actual).toBeCloseTo(3 / 40, 6);
    expect(dimensions[0]).toMatchObject({ dimension: 'platform', explains: true });
  });

  it('additive: contribution is the value’s share of the change', () => {
    const { contributors } = rankRootCauses([{ dimension: 'channel', elements: [
      { value: 'ads', actualNum: 20, expectedNum: 100 },
      { value: 'seo', actualNum: 95, expectedNum: 100 },
      { value: null, actualNum: 10, expectedNum: 10 },
    ] }], false);
    expect(contributors[0]).toMatchObject({ value: 'ads' });
    expect(contributors[0]!.contribution).toBeCloseTo(80 / 85, 9);
  });

  it('no change, empty and all-zero input give no contributors', () => {
    expect(rankRootCauses([], false).contributors).toEqual([]);
    expect(rankRootCauses([{ dimension: 'x', elements: [{ value: 'a', actualNum: 5, expectedNum: 5 }] }], false).contributors).toEqual([]);
    expect(rankRootCauses([{ dimension: 'x', elements: [{ value: 'a', actualNum: 0, expectedNum: 0, actualDen: 0, expectedDen: 0 }] }], true).contributors).toEqual([]);
  });
});

describe('seasonalBaseline and severity', () => {
  it('takes the median of the same weekday over four weeks, then falls back', () => {
    const xs = Array.from({ length: 35 }, (_, i) => (i % 7 === 0 ? 50 : 10));
    expect(seasonalBaseline(xs, 28, 7)).toBe(50);
    expect(seasonalBaseline(xs, 29, 7)).toBe(10);
    expect(seasonalBaseline([1, 2, 3], 2, 7)).toBe(1.5);
    expect(seasonalBaseline([], 0, 7)).toBeNaN();
  });

  it.each([
    [0.64, 0.3, 'critical'],
    [0.5, 0.6, 'critical'],
    [0.52, 0.17, 'warning'],
    [0.56, 0.01, 'warning'],
    [0.5, 0.05, 'info'],
    [Number.NaN, Number.NaN, 'info'],
  ])('severityOf(%s, %s) = %s', (score, dev, expected) => {
    expect(severityOf(score, dev)).toBe(expected);
  });
});

describe('rankRootCauses on rates: values without a denominator', () => {
  it('ignores a dimension only the numerator events carry', () => {
    const category = [
      { value: null, actualNum: 0, expectedNum: 0, actualDen: 100, expectedDen: 100 },
      { value: 'Beauty', actualNum: 10, expectedNum: 30, actualDen: 0, expectedDen: 0 },
      { value: 'Books', actualNum: 30, expectedNum: 40, actualDen: 0, expectedDen: 0 },
    ];
    expect(rankRootCauses([{ dimension: 'category', elements: category }], true).contributors).toEqual([]);
  });
});
