import { describe, expect, it } from 'vitest';
import type { TrendResult } from '../../../../src/store/insights/spec.js';
import { seriesName, trendChartOption } from './trend-chart-option.js';

const result: TrendResult = {
  kind: 'trend',
  interval: 'day',
  dateFrom: '2026-01-01T00:00:00.000Z',
  dateTo: '2026-01-04T00:00:00.000Z',
  buckets: ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
  series: [
    {
      seriesIndex: 0,
      label: 'order_completed',
      breakdownValue: 'iOS',
      points: [
        { bucket: '2026-01-01T00:00:00.000Z', value: 3 },
        { bucket: '2026-01-03T00:00:00.000Z', value: 5 },
      ],
      total: 8,
      previous: { points: [{ bucket: '2025-12-29T00:00:00.000Z', value: 1 }, { bucket: '2025-12-30T00:00:00.000Z', value: 2 }, { bucket: '2025-12-31T00:00:00.000Z', value: 4 }], total: 7, change: 1 / 7 },
    },
    { seriesIndex: 0, label: 'order_completed', breakdownValue: null, points: [], total: 0 },
  ],
};

type Line = { name: string; data: number[]; itemStyle: { color: string }; lineStyle: { type?: string } };

describe('trendChartOption', () => {
  const option = trendChartOption(result, { previous: (name) => `${name} (prev)`, none: '(none)' });
  const lines = option.series as Line[];

  it('zero-fills buckets a series has no point for, on the result\'s own axis', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(lines[0]?.data).toEqual([3, 0, 5]);
    expect(lines[2]?.data).toEqual([0, 0, 0]);
  });

  it('draws the previous period dashed, in the colour of its series, aligned by position', () => {
    expect(lines[1]?.name).toBe('order_completed · iOS (prev)');
    expect(lines[1]?.data).toEqual([1, 2, 4]);
    expect(lines[1]?.lineStyle.type).toBe('dashed');
    expect(lines[1]?.itemStyle.color).toBe(lines[0]?.itemStyle.color);
    expect(lines[2]?.itemStyle.color).not.toBe(lines[0]?.itemStyle.color);
  });

  it('names breakdown series with their value, and the null value as (none)', () => {
    expect(seriesName(result.series[0]!, '(none)')).toBe('order_completed · iOS');
    expect(seriesName(result.series[1]!, '(none)')).toBe('order_completed · (none)');
  });
});
