/**
 * Classification metrics over integer labels (scikit-learn conventions: a class with no predicted or no
 * true samples scores 0 rather than NaN; micro averages pool the counts of every class).
 */
import { NorthstarError } from '../../common/errors.js';

/** Averaging strategies for precision, recall and F1. */
export type Average = 'macro' | 'micro' | 'weighted';

/** Precision, recall, F1 and support for one class or an average. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

function check(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length !== yPred.length) throw new NorthstarError('NN_INVALID_DATA', `yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isInteger(yTrue[i]) || !Number.isInteger(yPred[i]) || yTrue[i]! < 0 || yPred[i]! < 0) {
      throw new NorthstarError('NN_INVALID_DATA', `labels must be non-negative integers (index ${i}: ${yTrue[i]}, ${yPred[i]})`);
    }
  }
}

function classCount(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses?: number): number {
  let max = -1;
  for (let i = 0; i < yTrue.length; i++) max = Math.max(max, yTrue[i]!, yPred[i]!);
  return Math.max(numClasses ?? 0, max + 1);
}

/** Fraction of positions where the labels agree. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check(yTrue, yPred);
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++;
  return yTrue.length === 0 ? 0 : ok / yTrue.length;
}

/** matrix[true][predicted] counts. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses?: number): number[][] {
  check(yTrue, yPred);
  const k = classCount(yTrue, yPred, numClasses);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]!]![yPred[i]!]!++;
  return m;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Per-class precision, recall, F1 and support. */
export function perClassScores(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses?: number): ClassScores[] {
  const m = confusionMatrix(yTrue, yPred, numClasses);
  return m.map((row, c) => {
    const tp = row[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = m.reduce((a, r) => a + r[c]!, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { precision, recall, f1: f1Of(precision, recall), support };
  });
}

/** Averaged precision, recall and F1. */
export function averageScores(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, average: Average, numClasses?: number): ClassScores {
  const per = perClassScores(yTrue, yPred, numClasses);
  const total = per.reduce((a, s) => a + s.support, 0);
  if (average === 'micro') {
    // Single-label multi-class: pooled TP = correct, pooled FP = pooled FN = wrong, so all equal accuracy.
    const m = confusionMatrix(yTrue, yPred, numClasses);
    const tp = m.reduce((a, row, c) => a + row[c]!, 0);
    const p = ratio(tp, yTrue.length);
    return { precision: p, recall: p, f1: p, support: total };
  }
  const weights = per.map((s) => (average === 'weighted' ? ratio(s.support, total) : 1 / Math.max(1, per.length)));
  const avg = (k: 'precision' | 'recall' | 'f1'): number => per.reduce((a, s, i) => a + s[k] * weights[i]!, 0);
  return { precision: avg('precision'), recall: avg('recall'), f1: avg('f1'), support: total };
}

/** Precision for one averaging mode (or per class with `'none'`). */
export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, average: Average = 'macro'): number {
  return averageScores(yTrue, yPred, average).precision;
}

/** Recall for one averaging mode. */
export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, average: Average = 'macro'): number {
  return averageScores(yTrue, yPred, average).recall;
}

/** F1 for one averaging mode. */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, average: Average = 'macro'): number {
  return averageScores(yTrue, yPred, average).f1;
}

/** Everything `northstar evaluate --json` prints. */
export interface ClassificationReport {
  labels: string[];
  perClass: Array<ClassScores & { label: string }>;
  accuracy: number;
  macro: ClassScores;
  micro: ClassScores;
  weighted: ClassScores;
  confusionMatrix: number[][];
}

/** A full report; `labels` names the classes (default "0", "1", ...). */
export function classificationReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, labels?: readonly string[]): ClassificationReport {
  const k = classCount(yTrue, yPred, labels?.length);
  const names = Array.from({ length: k }, (_, i) => labels?.[i] ?? String(i));
  return {
    labels: names,
    perClass: perClassScores(yTrue, yPred, k).map((s, i) => ({ label: names[i]!, ...s })),
    accuracy: accuracy(yTrue, yPred),
    macro: averageScores(yTrue, yPred, 'macro', k),
    micro: averageScores(yTrue, yPred, 'micro', k),
    weighted: averageScores(yTrue, yPred, 'weighted', k),
    confusionMatrix: confusionMatrix(yTrue, yPred, k),
  };
}

/** The report as scikit-learn's text table. */
export function formatClassificationReport(r: ClassificationReport, digits = 4): string {
  const w = Math.max(12, ...r.labels.map((l) => l.length + 2));
  const num = (v: number): string => v.toFixed(digits).padStart(10);
  const row = (name: string, s: ClassScores): string => name.padStart(w) + num(s.precision) + num(s.recall) + num(s.f1) + String(s.support).padStart(10);
  const lines = [' '.repeat(w) + 'precision'.padStart(10) + 'recall'.padStart(10) + 'f1-score'.padStart(10) + 'support'.padStart(10), ''];
  for (const c of r.perClass) lines.push(row(c.label, c));
  lines.push('', 'accuracy'.padStart(w) + ' '.repeat(20) + num(r.accuracy) + String(r.macro.support).padStart(10));
  lines.push(row('macro avg', r.macro), row('weighted avg', r.weighted));
  return lines.join('\n');
}

/** Index of the largest value in each row of a [rows, cols] buffer (predicted classes from scores). */
export function argmaxRows(values: ArrayLike<number>, cols: number): number[] {
  const rows = cols === 0 ? 0 : values.length / cols;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (values[r * cols + j]! > values[r * cols + best]!) best = j;
    out.push(best);
  }
  return out;
}
