import type { AlertView } from '../../../../src/core/index.js';
import type { ChartOption } from '../../charts/echarts-setup.js';
import { formatBucket } from '../../lib/format.js';

/** Labels the chart needs, already translated. */
export interface AlertChartLabels {
  actual: string;
  expected: string;
  band: string;
  anomaly: string;
}

/**
 * The alert chart: the series, the expected value (dashed), the normal band (a shaded area drawn as the lower
 * bound plus a stacked band width) and the anomalous bucket as a large red dot. Pure, so it is unit-tested.
 */
export function alertChartOption(alert: Pick<AlertView, 'period' | 'details'>, labels: AlertChartLabels): ChartOption {
  const c = alert.details.chart;
  const scale = alert.details.isRate ? 100 : 1;
  const v = (x: number | null): number | null => (x === null ? null : Math.round(x * scale * 1000) / 1000);
  const at = c.buckets.indexOf(alert.period);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [labels.actual, labels.expected, labels.band, labels.anomaly] },
    grid: { left: 48, right: 24, top: 24, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: c.buckets.map((b) => formatBucket(b, alert.details.interval)) },
    yAxis: { type: 'value', scale: true, ...(alert.details.isRate ? { axisLabel: { formatter: '{value}%' } } : {}) },
    series: [
      { type: 'line', name: labels.band, stack: 'band', data: c.lower.map(v), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
      {
        type: 'line',
        name: labels.band,
        stack: 'band',
        data: c.upper.map((u, i) => {
          const lo = c.lower[i] ?? null;
          return u === null || lo === null ? null : v(u - lo);
        }),
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(79, 70, 229, 0.12)' },
        symbol: 'none',
        silent: true,
        tooltip: { show: false },
      },
      { type: 'line', name: labels.expected, data: c.expected.map(v), lineStyle: { type: 'dashed', color: '#64748b' }, itemStyle: { color: '#64748b' }, symbol: 'none' },
      { type: 'line', name: labels.actual, data: c.values.map(v), itemStyle: { color: '#4f46e5' }, symbolSize: 4 },
      {
        type: 'line',
        name: labels.anomaly,
        data: c.values.map((x, i) => (i === at ? v(x) : null)),
        itemStyle: { color: '#ef4444' },
        // ECharts thins out symbols on long lines; the one point of this series must always be drawn.
        symbol: 'circle',
        symbolSize: 14,
        showSymbol: true,
        showAllSymbol: true,
        z: 5,
        lineStyle: { opacity: 0 },
      },
    ],
  };
}
