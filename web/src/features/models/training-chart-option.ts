import type { ChartOption } from '../../charts/echarts-setup.js';
import type { EpochRecord } from './api/models-api.js';

/** Labels of the four curves, already translated. */
export interface CurveLabels {
  loss: string;
  valLoss: string;
  accuracy: string;
  valAccuracy: string;
  epoch: string;
}

/**
 * Loss (left axis) and accuracy (right axis, 0–1) per epoch, training solid and validation dashed. Metrics
 * an epoch lacks (regression has no accuracy) are left out rather than drawn as zero.
 */
export function trainingChartOption(epochs: readonly EpochRecord[], labels: CurveLabels): ChartOption {
  const line = (name: string, key: string, yAxisIndex: number, dashed: boolean, color: string) => ({
    type: 'line' as const,
    name,
    yAxisIndex,
    showSymbol: epochs.length <= 30,
    lineStyle: { type: dashed ? ('dashed' as const) : ('solid' as const), color },
    itemStyle: { color },
    data: epochs.map((e) => e.metrics[key] ?? null),
  });
  const has = (key: string) => epochs.some((e) => e.metrics[key] !== undefined);
  const series = [
    line(labels.loss, 'loss', 0, false, '#4f46e5'),
    ...(has('val_loss') ? [line(labels.valLoss, 'val_loss', 0, true, '#4f46e5')] : []),
    ...(has('accuracy') ? [line(labels.accuracy, 'accuracy', 1, false, '#10b981')] : []),
    ...(has('val_accuracy') ? [line(labels.valAccuracy, 'val_accuracy', 1, true, '#10b981')] : []),
  ];
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 64, containLabel: true },
    xAxis: { type: 'category', name: labels.epoch, nameLocation: 'middle', nameGap: 28, data: epochs.map((e) => String(e.epoch)) },
    yAxis: [
      { type: 'value', name: labels.loss, min: 0 },
      { type: 'value', name: labels.accuracy, min: 0, max: 1 },
    ],
    series,
  };
}
