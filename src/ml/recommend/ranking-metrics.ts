/**
 * Top-k ranking metrics, defined exactly as Microsoft Recommenders' `python_evaluation.py` computes them
 * (precision_at_k, recall_at_k, ndcg_at_k with binary relevance, map_at_k), so figures compare with its
 * published MovieLens table. Every test item is relevant; averages run over the evaluated users.
 */

/** Per-run averages of the accuracy metrics. */
export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  /** Number of users averaged over. */
  users: number;
}

/** The metrics of one user's list against that user's relevant items. */
export interface UserRankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hit: number;
}

/**
 * Metrics of one ranked list. `relevant` holds the user's test items (any order, no duplicates).
 * - precision = hits / k (so fewer than k recommendations cap the reachable precision, as in Spark and MSR);
 * - recall = hits / |relevant|;
 * - nDCG = Σ_hits 1/ln(1+rank) ÷ Σ_{i≤min(|relevant|,k)} 1/ln(1+i) (the log base cancels);
 * - MAP@k = Σ_{j-th hit at rank r} (j / r) ÷ min(|relevant|, k).
 */
export function userRankingMetrics(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): UserRankingMetrics {
  const n = Math.min(k, recommended.length);
  let hits = 0;
  let dcg = 0;
  let ap = 0;
  for (let r = 0; r < n; r++) {
    if (relevant.has(recommended[r] as number)) {
      hits++;
      dcg += 1 / Math.log(2 + r);
      ap += hits / (r + 1);
    }
  }
  const size = relevant.size;
  if (size === 0) return { precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 };
  let idcg = 0;
  const ideal = Math.min(size, k);
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log(2 + i);
  return {
    precision: hits / k,
    recall: hits / size,
    ndcg: dcg / idcg,
    map: ap / ideal,
    hit: hits > 0 ? 1 : 0,
  };
}

/**
 * Averages over users. `recommendations[u]` and `relevant[u]` belong to the same user; users whose
 * relevant set is empty are not evaluated (they have nothing to find).
 */
export function rankingMetrics(
  recommendations: readonly ArrayLike<number>[],
  relevant: readonly ReadonlySet<number>[],
  k: number,
): RankingMetrics {
  if (recommendations.length !== relevant.length) throw new RangeError('recommendations and relevant differ in length');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const sum = { precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 };
  let users = 0;
  for (let u = 0; u < relevant.length; u++) {
    const rel = relevant[u]!;
    if (rel.size === 0) continue;
    const m = userRankingMetrics(recommendations[u]!, rel, k);
    sum.precision += m.precision;
    sum.recall += m.recall;
    sum.ndcg += m.ndcg;
    sum.map += m.map;
    sum.hit += m.hit;
    users++;
  }
  const d = users === 0 ? 1 : users;
  return {
    precision: sum.precision / d,
    recall: sum.recall / d,
    ndcg: sum.ndcg / d,
    map: sum.map / d,
    hitRate: sum.hit / d,
    users,
  };
}
