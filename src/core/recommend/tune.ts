import { createRng } from '../../common/rng.js';
import { rankingMetrics } from '../../ml/recommend/ranking-metrics.js';
import { stratifiedSplit, type SplitIndices } from '../../ml/recommend/splitters.js';
import { prepareSplit, recommendForSplit } from './evaluate.js';
import type { InteractionTable } from './interaction-table.js';
import { createModel, type ModelParams, type ModelSpec } from './model-registry.js';

/** Candidate values per hyper-parameter; the grid is their Cartesian product. */
export type SearchSpace = Record<string, readonly (number | string | boolean)[]>;

/** Default search spaces, small enough to run on two cores in minutes. */
export const SEARCH_SPACES: Record<string, SearchSpace> = {
  ease: { lambda: [100, 200, 300, 500, 800, 1500] },
  edlae: { lambda: [100, 200, 300, 500], dropout: [0.25, 0.5, 0.7, 0.8] },
  als: { factors: [64, 128], regularization: [30, 60], alpha: [3, 12] },
  bpr: { learningRate: [0.01, 0.02, 0.05], regularization: [0.001, 0.005] },
  'itemknn-bm25': { neighbours: [50, 100, 200], bm25K1: [0.5, 1.2, 3] },
  itemknn: { neighbours: [50, 100, 200, 400] },
  sar: { similarity: ['jaccard', 'lift', 'cosine'] },
  // 12 fits of minutes each on MovieLens-100k: --tune with multvae is slow.
  multvae: { hidden: [300, 600], betaCap: [0.2, 0.5, 1], epochs: [30, 50] },
};

/** One tried configuration and its validation score. */
export interface Trial {
  params: ModelParams;
  ndcg: number;
}

/** The search result: every trial and the best parameters. */
export interface TuneResult {
  model: string;
  best: ModelParams;
  bestNdcg: number;
  trials: Trial[];
}

/** Every combination of the space's values. */
export function gridOf(space: SearchSpace): ModelParams[] {
  let grid: ModelParams[] = [{}];
  for (const [key, values] of Object.entries(space)) {
    grid = grid.flatMap((params) => values.map((v) => ({ ...params, [key]: v })));
  }
  return grid;
}

/**
 * Grid search on a validation split carved out of the training rows only (the same per-user stratified
 * 75/25 cut applied to train), scored by nDCG@k. The test rows are never looked at.
 */
export function tuneModel(
  table: InteractionTable,
  trainRows: Int32Array,
  spec: ModelSpec,
  options: { k: number; seed: number; space?: SearchSpace; onTrial?: (t: Trial) => void },
): TuneResult {
  const space = options.space ?? SEARCH_SPACES[spec.name] ?? {};
  const inner = stratifiedSplit(
    Array.from(trainRows, (r) => table.users[r]!),
    table.userIds.length,
    0.75,
    createRng(options.seed + 1),
  );
  const validation: SplitIndices = {
    train: inner.train.map((t) => trainRows[t]!),
    test: inner.test.map((t) => trainRows[t]!),
  };
  const split = prepareSplit(table, validation);
  const trials: Trial[] = [];
  for (const params of gridOf(space)) {
    const model = createModel({ ...spec, params: { ...spec.params, ...params } }, options.seed);
    model.fit(split.train, split.trainTimes === undefined ? {} : { times: split.trainTimes });
    const lists = recommendForSplit(model, split, options.k);
    const trial = { params: { ...spec.params, ...params }, ndcg: rankingMetrics(lists, split.relevant, options.k).ndcg };
    trials.push(trial);
    options.onTrial?.(trial);
  }
  const best = trials.reduce((a, b) => (b.ndcg > a.ndcg ? b : a), trials[0] ?? { params: spec.params, ndcg: 0 });
  return { model: spec.name, best: best.params, bestNdcg: best.ndcg, trials };
}
