import type { TrendResult } from '../../../../src/store/insights/spec.js';
import { PALETTE } from '../../charts/echarts-setup.js';
import type { ChartOption } from '../../charts/echarts-setup.js';
import { formatBucket } from '../../lib/format.js';

/** Localized words the chart needs (the option builder stays free of React and of the dictionary). */
export interface TrendChartLabels {
  /** Name of a series' previous-period line. */
  previous: (name: string) => string;
  /** Shown for the breakdown value of events without the property. */
  none: string;
}

/** Names a series: its label, plus the breakdown value when there is one (`none` when the property is unset). */
export function seriesName(series: TrendResult['series'][number], none: string): string {
  if (series.breakdownValue === undefined) return series.label;
  return `${series.label} · ${series.breakdownValue ?? none}`;
}

/**
 * The line chart of a trend: one line per (series, breakdown value) over the result's buckets, plus a dashed
 * line per series for the previous period when `compare` was asked (drawn against the current buckets, the
 * way PostHog overlays periods).
 */
export function trendChartOption(result: TrendResult, labels: TrendChartLabels): ChartOption {
  const axis = result.buckets.map((b) => formatBucket(b, result.interval));
  const index = new Map(result.buckets.map((b, i) => [b, i]));
  const lines: NonNullable<ChartOption['series']> = [];
  for (const [k, s] of result.series.entries()) {
    const values = new Array<number>(axis.length).fill(0);
    for (const p of s.points) {
      const i = index.get(p.bucket);
      if (i !== undefined) values[i] = p.value;
    }
    const name = seriesName(s, labels.none);
    // A series and its previous period share a colour (the previous one dashed), so the pair reads as one.
    const color = PALETTE[k % PALETTE.length] ?? '#4f46e5';
    // Light smoothing only: strong smoothing invents dips below zero between spiky daily values.
    lines.push({ type: 'line', name, data: values, smooth: 0.15, showSymbol: axis.length <= 31, itemStyle: { color }, lineStyle: { color } });
    if (s.previous) {
      // Previous-period points are aligned by position: bucket k of the previous period sits under bucket k.
      const prev = s.previous.points.slice(-axis.length).map((p) => p.value);
      lines.push({ type: 'line', name: labels.previous(name), data: prev, smooth: 0.15, showSymbol: false, itemStyle: { color }, lineStyle: { color, type: 'dashed', opacity: 0.55 } });
    }
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 24, top: 24, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: axis, boundaryGap: false },
    yAxis: { type: 'value' },
    series: lines,
  };
}
