import type { TrendResult } from '../../../../src/store/insights/spec.js';
import type { ChartOption } from '../../charts/echarts-setup.js';
import { formatBucket } from '../../lib/format.js';

/** Names a series: its label, plus the breakdown value when there is one. */
export function seriesName(series: TrendResult['series'][number]): string {
  if (series.breakdownValue === undefined) return series.label;
  return `${series.label} · ${series.breakdownValue ?? '(none)'}`;
}

/**
 * The line chart of a trend: one line per (series, breakdown value) over the result's buckets, plus a dashed
 * line per series for the previous period when `compare` was asked (drawn against the current buckets, the
 * way PostHog overlays periods). `previousName` localizes the "(previous period)" suffix.
 */
export function trendChartOption(result: TrendResult, previousName: (name: string) => string): ChartOption {
  const labels = result.buckets.map((b) => formatBucket(b, result.interval));
  const index = new Map(result.buckets.map((b, i) => [b, i]));
  const lines: NonNullable<ChartOption['series']> = [];
  for (const s of result.series) {
    const values = new Array<number>(labels.length).fill(0);
    for (const p of s.points) {
      const i = index.get(p.bucket);
      if (i !== undefined) values[i] = p.value;
    }
    const name = seriesName(s);
    lines.push({ type: 'line', name, data: values, smooth: true, showSymbol: labels.length <= 31 });
    if (s.previous) {
      // Previous-period points are aligned by position: bucket k of the previous period sits under bucket k.
      const prev = s.previous.points.slice(-labels.length).map((p) => p.value);
      lines.push({ type: 'line', name: previousName(name), data: prev, smooth: true, showSymbol: false, lineStyle: { type: 'dashed', opacity: 0.6 } });
    }
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 24, top: 24, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value' },
    series: lines,
  };
}
