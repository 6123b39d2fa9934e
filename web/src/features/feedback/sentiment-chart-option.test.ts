import { describe, expect, it } from 'vitest';
import { sentimentChartOption } from './sentiment-chart-option.js';

const labels = { negative: 'neg', neutral: 'neu', positive: 'pos', index: 'idx' };

describe('sentimentChartOption', () => {
  it('stacks label volumes per day and draws the index on its own -100…100 axis, with gaps on empty days', () => {
    const option = sentimentChartOption(
      [
        { day: '2026-03-01', volume: 4, negative: 1, neutral: 1, positive: 2, index: 25, negativeShare: 0.25 },
        { day: '2026-03-02', volume: 0, negative: 0, neutral: 0, positive: 0, index: null, negativeShare: null },
      ],
      labels,
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['03-01', '03-02']);
    const series = option.series as Array<{ name: string; data: Array<number | null>; stack?: string; yAxisIndex?: number }>;
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['neg', [1, 0]],
      ['neu', [1, 0]],
      ['pos', [2, 0]],
      ['idx', [25, null]],
    ]);
    expect(series.slice(0, 3).every((s) => s.stack === 'volume')).toBe(true);
    expect(series[3]?.yAxisIndex).toBe(1);
  });
});
