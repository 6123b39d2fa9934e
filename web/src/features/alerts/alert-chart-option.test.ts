import { describe, expect, it } from 'vitest';
import { alertChartOption } from './alert-chart-option.js';

const LABELS = { actual: 'Actual', expected: 'Expected', band: 'Band', anomaly: 'Anomaly' };

describe('alertChartOption', () => {
  it('draws the band as lower + width, the expected line, and only the alert bucket as the anomaly', () => {
    const option = alertChartOption(
      {
        period: '2026-11-16T00:00:00.000Z',
        details: {
          monitorName: 'm', interval: 'day', isRate: true, actual: 0.4, expected: 0.7, lower: 0.6, upper: 0.8, direction: 'low', relativeChange: -0.43,
          volume: 70, newestBucketAtOpen: '2026-11-17T00:00:00.000Z', contributors: [], dimensions: [],
          chart: { buckets: ['2026-11-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z'], values: [0.7, 0.4], expected: [0.7, 0.7], lower: [0.6, 0.6], upper: [0.8, null] },
        },
      },
      LABELS,
    );
    const series = option.series as Array<{ name: string; data: Array<number | null> }>;
    expect(series.map((s) => s.name)).toEqual(['Band', 'Band', 'Expected', 'Actual', 'Anomaly']);
    expect(series[0]!.data).toEqual([60, 60]);
    expect(series[1]!.data).toEqual([20, null]);
    expect(series[3]!.data).toEqual([70, 40]);
    expect(series[4]!.data).toEqual([null, 40]);
  });
});
