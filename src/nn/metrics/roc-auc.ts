/** ROC-AUC by the rank statistic (ties get average ranks), binary and one-vs-rest. */
import { NorthstarError } from '../../common/errors.js';

/**
 * Area under the ROC curve for binary labels (1 = positive) and scores: the probability that a random
 * positive scores above a random negative, ties counting half. Throws when only one class is present.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = yTrue.length;
  if (scores.length !== n) throw new NorthstarError('NN_INVALID_DATA', `yTrue has ${n} labels but scores has ${scores.length}`);
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (yTrue[idx[k]!] === 1) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new NorthstarError('NN_INVALID_DATA', 'ROC-AUC needs both positive and negative samples');
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * One-vs-rest ROC-AUC for class labels and a [rows, classes] probability buffer, averaged `macro` or
 * `weighted` by support; classes absent from yTrue are skipped (as scikit-learn would refuse them).
 */
export function rocAucOvr(yTrue: ArrayLike<number>, probs: ArrayLike<number>, classes: number, average: 'macro' | 'weighted' = 'macro'): number {
  let total = 0;
  let weight = 0;
  for (let c = 0; c < classes; c++) {
    const y = Array.from(yTrue, (v) => (v === c ? 1 : 0));
    const support = y.reduce((a: number, b) => a + b, 0);
    if (support === 0 || support === y.length) continue;
    const s = Array.from({ length: yTrue.length }, (_, r) => probs[r * classes + c]!);
    const w = average === 'weighted' ? support : 1;
    total += w * rocAuc(y, s);
    weight += w;
  }
  if (weight === 0) throw new NorthstarError('NN_INVALID_DATA', 'ROC-AUC needs at least two classes present');
  return total / weight;
}
