import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, averageScores, classificationReport, confusionMatrix, f1Score, formatClassificationReport, perClassScores } from './classification.js';

// Reference values computed by hand (and matching scikit-learn's classification_report for these labels).
const yTrue = [0, 1, 2, 2, 2, 0, 1, 1];
const yPred = [0, 2, 2, 2, 1, 0, 1, 0];

describe('classification metrics', () => {
  it('confusion matrix and accuracy', () => {
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [2, 0, 0],
      [1, 1, 1],
      [0, 1, 2],
    ]);
    expect(accuracy(yTrue, yPred)).toBe(5 / 8);
  });

  it('per-class and averaged precision / recall / F1', () => {
    const per = perClassScores(yTrue, yPred);
    expect(per[0]).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
    expect(per[1]!.precision).toBeCloseTo(0.5);
    expect(per[1]!.recall).toBeCloseTo(1 / 3);
    expect(per[1]!.f1).toBeCloseTo(0.4);
    expect(per[2]!.f1).toBeCloseTo(2 / 3);
    const macro = averageScores(yTrue, yPred, 'macro');
    expect(macro.f1).toBeCloseTo((0.8 + 0.4 + 2 / 3) / 3);
    const weighted = averageScores(yTrue, yPred, 'weighted');
    expect(weighted.f1).toBeCloseTo((0.8 * 2 + 0.4 * 3 + (2 / 3) * 3) / 8);
    expect(f1Score(yTrue, yPred, 'micro')).toBeCloseTo(5 / 8);
  });

  it('scores a class that is never predicted as 0, not NaN', () => {
    const per = perClassScores([0, 1, 1], [0, 0, 0]);
    expect(per[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
  });

  it('builds a report with labels and a scikit-learn style table', () => {
    const r = classificationReport(yTrue, yPred, ['cat', 'dog', 'bird']);
    expect(r.perClass.map((c) => c.label)).toEqual(['cat', 'dog', 'bird']);
    expect(r.accuracy).toBe(0.625);
    const text = formatClassificationReport(r);
    expect(text).toMatch(/cat\s+0\.6667\s+1\.0000\s+0\.8000\s+2/);
    expect(text).toMatch(/weighted avg/);
  });

  it('argmaxRows picks each row maximum', () => {
    expect(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.4, 0.1], 3)).toEqual([1, 0]);
  });

  it('rejects mismatched lengths and non-integer labels', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/labels/);
    expect(() => accuracy([0.5], [0])).toThrow(/integers/);
  });
});
