import * as echarts from 'echarts/core';
import { BarChart, LineChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, LineSeriesOption, SankeySeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

// Register only what the pages draw, so the bundle carries three chart types instead of all of ECharts.
echarts.use([BarChart, LineChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The option type for the charts registered here (type-checks options against what is actually bundled). */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | SankeySeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Shared palette: first colour is the brand; the rest stay distinguishable for colour-blind readers. */
export const PALETTE = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316', '#64748b', '#ec4899'];

export { echarts };
