/**
 * Running training metrics over batches (Keras semantics: sample-weighted means over the epoch). `accuracy`
 * resolves from the loss as Keras does: binary for binary cross-entropy or a single output, sparse for
 * sparse categorical cross-entropy, categorical otherwise.
 */
import { NorthstarError } from '../../common/errors.js';
import type { LossName } from '../losses.js';

/** Metric names `compile` accepts. */
export type MetricName = 'accuracy' | 'acc' | 'mse' | 'mae';

/** How `accuracy` is computed for a model. */
export type AccuracyKind = 'binary' | 'sparse' | 'categorical';

/** Picks the accuracy kind from the loss and the output width. */
export function accuracyKind(loss: LossName, outputWidth: number): AccuracyKind {
  if (loss === 'binaryCrossentropy') return 'binary';
  if (loss === 'sparseCategoricalCrossentropy') return 'sparse';
  if (loss === 'categoricalCrossentropy') return 'categorical';
  return outputWidth === 1 ? 'binary' : 'categorical';
}

/** Validates metric names. */
export function parseMetrics(metrics: readonly string[] | undefined): MetricName[] {
  const out: MetricName[] = [];
  for (const m of metrics ?? []) {
    if (m === 'accuracy' || m === 'acc' || m === 'mse' || m === 'mae') out.push(m);
    else throw new NorthstarError('INVALID_ARGUMENT', `Unknown metric "${m}"; use accuracy, mse or mae (metrics.* has precision, recall, F1, ROC-AUC)`);
  }
  return out;
}

/** Sums a batch's metric contributions; `isLogits` says the outputs are pre-activation. */
export class MetricAccumulator {
  private lossSum = 0;
  private count = 0;
  private readonly sums: number[];

  constructor(
    private readonly metrics: readonly MetricName[],
    private readonly kind: AccuracyKind,
  ) {
    this.sums = metrics.map(() => 0);
  }

  /** Adds one batch: `pred` [rows, width], `target` one-hot/values [rows, width] or labels [rows]. */
  add(loss: number, pred: Float32Array, target: Float32Array, rows: number, isLogits: boolean): void {
    this.lossSum += loss * rows;
    this.count += rows;
    const width = rows === 0 ? 0 : pred.length / rows;
    this.metrics.forEach((m, i) => {
      let s = 0;
      if (m === 'accuracy' || m === 'acc') s = this.correct(pred, target, rows, width, isLogits);
      else {
        // mse / mae per sample: mean over the output width.
        for (let k = 0; k < pred.length; k++) {
          const d = pred[k]! - target[k]!;
          s += (m === 'mse' ? d * d : Math.abs(d)) / width;
        }
      }
      this.sums[i] = this.sums[i]! + s;
    });
  }

  private correct(pred: Float32Array, target: Float32Array, rows: number, width: number, isLogits: boolean): number {
    let correct = 0;
    if (this.kind === 'binary') {
      const threshold = isLogits ? 0 : 0.5;
      for (let k = 0; k < pred.length; k++) if (pred[k]! > threshold === target[k]! > 0.5) correct++;
      return correct / width;
    }
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let j = 1; j < width; j++) if (pred[r * width + j]! > pred[r * width + best]!) best = j;
      let label: number;
      if (this.kind === 'sparse') label = target[r]!;
      else {
        label = 0;
        for (let j = 1; j < width; j++) if (target[r * width + j]! > target[r * width + label]!) label = j;
      }
      if (best === label) correct++;
    }
    return correct;
  }

  /** The epoch's values by Keras name, with an optional prefix (`val_`). */
  result(prefix = ''): Record<string, number> {
    const n = Math.max(1, this.count);
    const out: Record<string, number> = { [`${prefix}loss`]: this.lossSum / n };
    this.metrics.forEach((m, i) => (out[`${prefix}${m}`] = this.sums[i]! / n));
    return out;
  }
}
