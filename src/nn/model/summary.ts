/** `model.summary()` text in the TensorFlow.js/Keras layout. */
import type { Layer } from '../layers/layer.js';

/** One summary row per layer. */
export interface SummaryRow {
  name: string;
  className: string;
  outputShape: readonly number[];
  params: number;
  trainableParams: number;
}

/** Formats the table: layer (type), output shape, param count, then the totals. */
export function formatSummary(modelName: string, rows: readonly SummaryRow[], lineLength = 65): string[] {
  // Columns grow to fit long layer names instead of truncating them.
  const nameWidth = Math.max(Math.floor(lineLength * 0.45), ...rows.map((r) => r.name.length + r.className.length + 4));
  const cols = [nameWidth, Math.floor(lineLength * 0.33)];
  lineLength = Math.max(lineLength, nameWidth + cols[1]! + 10);
  const pad = (s: string, n: number): string => (s.length >= n ? s.slice(0, n - 1) + ' ' : s + ' '.repeat(n - s.length));
  const lines = [`Model: "${modelName}"`, '_'.repeat(lineLength), pad('Layer (type)', cols[0]!) + pad('Output shape', cols[1]!) + 'Param #', '='.repeat(lineLength)];
  rows.forEach((r, i) => {
    lines.push(pad(`${r.name} (${r.className})`, cols[0]!) + pad(`[null,${r.outputShape.join(',')}]`, cols[1]!) + String(r.params));
    lines.push(i === rows.length - 1 ? '='.repeat(lineLength) : '_'.repeat(lineLength));
  });
  const total = rows.reduce((n, r) => n + r.params, 0);
  const trainable = rows.reduce((n, r) => n + r.trainableParams, 0);
  lines.push(`Total params: ${total}`, `Trainable params: ${trainable}`, `Non-trainable params: ${total - trainable}`, '_'.repeat(lineLength));
  return lines;
}

/** Summary rows of built layers with their output shapes. */
export function summaryRows(layers: readonly Layer[], shapes: readonly (readonly number[])[]): SummaryRow[] {
  return layers.map((l, i) => ({
    name: l.name,
    className: l.className,
    outputShape: shapes[i] ?? [],
    params: l.countParams(),
    trainableParams: l.trainableWeights().reduce((n, t) => n + t.size, 0),
  }));
}
