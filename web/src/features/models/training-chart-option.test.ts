import { describe, expect, it } from 'vitest';
import { trainingChartOption } from './training-chart-option.js';

const labels = { loss: 'Loss', valLoss: 'Val loss', accuracy: 'Accuracy', valAccuracy: 'Val accuracy', epoch: 'Epoch' };

describe('trainingChartOption', () => {
  it('draws loss and accuracy curves per epoch on two axes', () => {
    const option = trainingChartOption(
      [
        { epoch: 1, metrics: { loss: 0.7, accuracy: 0.5, val_loss: 0.69, val_accuracy: 0.55 } },
        { epoch: 2, metrics: { loss: 0.4, accuracy: 0.9, val_loss: 0.45, val_accuracy: 0.85 } },
      ],
      labels,
    );
    const series = option.series as Array<{ name: string; yAxisIndex: number; data: Array<number | null> }>;
    expect(series.map((s) => s.name)).toEqual(['Loss', 'Val loss', 'Accuracy', 'Val accuracy']);
    expect(series[2]).toMatchObject({ yAxisIndex: 1, data: [0.5, 0.9] });
    expect((option.xAxis as { data: string[] }).data).toEqual(['1', '2']);
  });

  it('leaves out curves a regression job does not have', () => {
    const option = trainingChartOption([{ epoch: 1, metrics: { loss: 1, mae: 0.8 } }], labels);
    expect((option.series as Array<{ name: string }>).map((s) => s.name)).toEqual(['Loss']);
  });
});
