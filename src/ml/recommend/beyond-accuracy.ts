import { type CsrMatrix, columnCounts, nnz, transpose } from './csr-matrix.js';

/**
 * Beyond-accuracy metrics of a set of recommendation lists, following Microsoft Recommenders'
 * definitions: catalogue coverage, novelty (self-information of recommended items) and intra-list
 * diversity (1 − cosine co-occurrence similarity, averaged over pairs within a list).
 */
export interface BeyondAccuracy {
  /** Distinct recommended items ÷ items in the catalogue. */
  coverage: number;
  /** Mean of −log2(users who had the item ÷ users) over recommended items (higher = less obvious). */
  novelty: number;
  /** Mean over lists of the mean pairwise 1 − cos(i, j) on binary user vectors of the training matrix. */
  diversity: number;
}

/** Fraction of the catalogue that appears in at least one list. */
export function catalogueCoverage(lists: readonly ArrayLike<number>[], nItems: number): number {
  if (nItems === 0) return 0;
  const seen = new Uint8Array(nItems);
  let distinct = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i] as number;
      if (seen[item] === 0) {
        seen[item] = 1;
        distinct++;
      }
    }
  }
  return distinct / nItems;
}

/**
 * Mean self-information of recommended items, −log2(p(i)) with p(i) the share of training users who
 * interacted with i. Items never seen in training are skipped (their information is unbounded).
 */
export function novelty(lists: readonly ArrayLike<number>[], train: CsrMatrix): number {
  const counts = columnCounts(train);
  let total = 0;
  let n = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const c = counts[list[i] as number] ?? 0;
      if (c === 0) continue;
      total += -Math.log2(c / train.nRows);
      n++;
    }
  }
  return n === 0 ? 0 : total / n;
}

/**
 * Intra-list diversity: for each list, the mean over item pairs of 1 − |U_i ∩ U_j| / sqrt(|U_i|·|U_j|),
 * where U_i are the training users of item i; then the mean over lists with at least two items.
 */
export function intraListDiversity(lists: readonly ArrayLike<number>[], train: CsrMatrix): number {
  const byItem = transpose(train);
  const counts = columnCounts(train);
  const mark = new Int32Array(train.nRows).fill(-1);
  let total = 0;
  let listsCounted = 0;
  for (const list of lists) {
    const len = list.length;
    if (len < 2) continue;
    let pairSum = 0;
    let pairs = 0;
    for (let a = 0; a < len; a++) {
      const i = list[a] as number;
      for (let p = byItem.indptr[i]!; p < byItem.indptr[i + 1]!; p++) mark[byItem.indices[p]!] = a;
      for (let b = a + 1; b < len; b++) {
        const j = list[b] as number;
        let common = 0;
        for (let p = byItem.indptr[j]!; p < byItem.indptr[j + 1]!; p++) if (mark[byItem.indices[p]!] === a) common++;
        const denom = Math.sqrt((counts[i] ?? 0) * (counts[j] ?? 0));
        pairSum += 1 - (denom === 0 ? 0 : common / denom);
        pairs++;
      }
      // Clear the marks so the next anchor starts clean even if it reuses position a.
      for (let p = byItem.indptr[i]!; p < byItem.indptr[i + 1]!; p++) mark[byItem.indices[p]!] = -1;
    }
    total += pairSum / pairs;
    listsCounted++;
  }
  return listsCounted === 0 ? 0 : total / listsCounted;
}

/** All three beyond-accuracy metrics in one call. */
export function beyondAccuracy(lists: readonly ArrayLike<number>[], train: CsrMatrix): BeyondAccuracy {
  return {
    coverage: catalogueCoverage(lists, train.nCols),
    novelty: nnz(train) === 0 ? 0 : novelty(lists, train),
    diversity: intraListDiversity(lists, train),
  };
}
