import type { ChartOption } from '../../charts/echarts-setup.js';
import type { IndexPoint } from './api/types.js';

/** Localized series names of the chart. */
export interface SentimentChartLabels {
  negative: string;
  neutral: string;
  positive: string;
  index: string;
}

/**
 * The sentiment trend: stacked daily bars of negative / neutral / positive volume, and the sentiment index
 * ((positive − negative) / volume × 100) as a line on its own axis (-100…100); days without feedback leave a gap.
 */
export function sentimentChartOption(points: readonly IndexPoint[], labels: SentimentChartLabels): ChartOption {
  const days = points.map((p) => p.day.slice(5));
  const bar = (name: string, color: string, data: number[]) => ({ type: 'bar' as const, name, stack: 'volume', data, itemStyle: { color }, barMaxWidth: 18 });
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 24, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: days },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: -100, max: 100, splitLine: { show: false } },
    ],
    series: [
      bar(labels.negative, '#dc2626', points.map((p) => p.negative)),
      bar(labels.neutral, '#9ca3af', points.map((p) => p.neutral)),
      bar(labels.positive, '#16a34a', points.map((p) => p.positive)),
      { type: 'line', name: labels.index, yAxisIndex: 1, data: points.map((p) => p.index), connectNulls: false, smooth: 0.15, itemStyle: { color: '#4f46e5' }, lineStyle: { color: '#4f46e5' } },
    ],
  };
}
