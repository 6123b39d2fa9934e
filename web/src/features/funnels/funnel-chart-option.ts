import type { FunnelStepResult } from '../../../../src/store/insights/spec.js';
import type { ChartOption } from '../../charts/echarts-setup.js';

/**
 * The funnel as bars: users per step, each labelled with its conversion from the first step, and a lighter
 * stacked bar for the users lost before that step, so drop-off is visible at a glance.
 */
export function funnelChartOption(steps: readonly FunnelStepResult[], formatPct: (fraction: number) => string, lostName: string, usersName: string): ChartOption {
  const first = steps[0]?.count ?? 0;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 48, right: 24, top: 32, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: steps.map((s, i) => `${i + 1}. ${s.label || s.event}`), axisLabel: { interval: 0, overflow: 'truncate', width: 140 } },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        name: usersName,
        stack: 'funnel',
        data: steps.map((s) => s.count),
        barMaxWidth: 96,
        label: { show: true, position: 'insideTop', color: '#fff', formatter: (p) => formatPct(Number(p.dataIndex === 0 ? 1 : (steps[p.dataIndex]?.conversionFromFirst ?? 0))) },
      },
      {
        type: 'bar',
        name: lostName,
        stack: 'funnel',
        data: steps.map((s) => Math.max(0, first - s.count)),
        itemStyle: { color: 'rgba(79, 70, 229, 0.12)' },
        barMaxWidth: 96,
      },
    ],
  };
}
