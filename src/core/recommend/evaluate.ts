import { createRng } from '../../common/rng.js';
import { NorthstarError } from '../../common/errors.js';
import { beyondAccuracy } from '../../ml/recommend/beyond-accuracy.js';
import { type CsrMatrix, columnCounts, rowIndices } from '../../ml/recommend/csr-matrix.js';
import { buildInteractionMatrix } from '../../ml/recommend/interaction-matrix.js';
import { rankingMetrics } from '../../ml/recommend/ranking-metrics.js';
import type { Recommender } from '../../ml/recommend/recommender.js';
import { leaveLastOut, randomSplit, stratifiedSplit, type SplitIndices } from '../../ml/recommend/splitters.js';
import { topK } from '../../ml/recommend/top-k.js';
import type { InteractionTable } from './interaction-table.js';
import { createModel, type ModelSpec } from './model-registry.js';

/** Evaluation protocols: `msr` (Microsoft Recommenders' 75/25 per-user stratified), `random` 80/20, `temporal` leave-last-out. */
export type Protocol = 'msr' | 'random' | 'temporal';

/** One model's results. */
export interface ModelReport {
  model: string;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  novelty: number;
  diversity: number;
  trainSeconds: number;
  config: Record<string, number | string | boolean>;
}

/** A train/test split ready for models: the training matrix and each test user's relevant items. */
export interface PreparedSplit {
  train: CsrMatrix;
  trainTimes: Float64Array | undefined;
  testUsers: Int32Array;
  relevant: Set<number>[];
  /** Items with no training interaction: no model can know them, so they are never recommended. */
  coldItems: Int32Array;
}

/** Splits a table under a protocol (seeded). */
export function splitTable(table: InteractionTable, protocol: Protocol, seed: number): SplitIndices {
  const rng = createRng(seed);
  switch (protocol) {
    case 'msr':
      return stratifiedSplit(table.users, table.userIds.length, 0.75, rng);
    case 'random':
      return randomSplit(table.users.length, 0.8, rng);
    case 'temporal':
      if (table.times === undefined) {
        throw new NorthstarError('INVALID_ARGUMENT', 'the temporal protocol needs a time column', {
          hint: 'Pass --time-col, or use --protocol msr or random.',
        });
      }
      return leaveLastOut(table.users, table.times, table.userIds.length);
  }
}

/** Builds the training matrix and relevance sets from a split. */
export function prepareSplit(table: InteractionTable, split: SplitIndices): PreparedSplit {
  const nUsers = table.userIds.length;
  const nItems = table.itemIds.length;
  const built = buildInteractionMatrix(table, nUsers, nItems, { subset: split.train });
  const byUser = new Map<number, Set<number>>();
  for (const r of split.test) {
    const u = table.users[r]!;
    let set = byUser.get(u);
    if (set === undefined) byUser.set(u, (set = new Set()));
    set.add(table.items[r]!);
  }
  const testUsers = Int32Array.from([...byUser.keys()].sort((a, b) => a - b));
  const counts = columnCounts(built.matrix);
  const cold: number[] = [];
  counts.forEach((c, i) => c === 0 && cold.push(i));
  return {
    train: built.matrix,
    trainTimes: built.times,
    testUsers,
    relevant: Array.from(testUsers, (u) => byUser.get(u)!),
    coldItems: Int32Array.from(cold),
  };
}

/** Top-k lists of a fitted model for the split's test users (seen and cold items removed). */
export function recommendForSplit(model: Recommender, split: PreparedSplit, k: number): Int32Array[] {
  const scores = new Float32Array(split.train.nCols);
  return Array.from(split.testUsers, (u) => {
    model.scoreUser(u, scores);
    for (const i of split.coldItems) scores[i] = Number.NEGATIVE_INFINITY;
    return topK(scores, k, rowIndices(split.train, u)).items;
  });
}

/** Fits one model on the split and measures it. */
export function evaluateModel(spec: ModelSpec, split: PreparedSplit, k: number, seed: number): ModelReport {
  const model = createModel(spec, seed);
  const start = performance.now();
  model.fit(split.train, split.trainTimes === undefined ? {} : { times: split.trainTimes });
  const trainSeconds = (performance.now() - start) / 1000;
  const lists = recommendForSplit(model, split, k);
  const acc = rankingMetrics(lists, split.relevant, k);
  const beyond = beyondAccuracy(lists, split.train);
  return {
    model: spec.label,
    precision: acc.precision,
    recall: acc.recall,
    ndcg: acc.ndcg,
    map: acc.map,
    hitRate: acc.hitRate,
    coverage: beyond.coverage,
    novelty: beyond.novelty,
    diversity: beyond.diversity,
    trainSeconds,
    config: model.getConfig(),
  };
}

/** Options of {@link evaluateModels}. */
export interface EvaluateOptions {
  protocol: Protocol;
  k: number;
  models: readonly ModelSpec[];
  seed: number;
  /** Called after each model, for progress output. */
  onModel?: (report: ModelReport) => void;
}

/** Splits once and evaluates every model on the same split. */
export function evaluateModels(table: InteractionTable, options: EvaluateOptions): ModelReport[] {
  if (!Number.isInteger(options.k) || options.k < 1 || options.k > 1000) {
    throw new NorthstarError('INVALID_ARGUMENT', `k must be an integer from 1 to 1000, got ${options.k}`, { details: { k: options.k } });
  }
  const split = prepareSplit(table, splitTable(table, options.protocol, options.seed));
  if (split.testUsers.length === 0) {
    throw new NorthstarError('NO_INTERACTIONS', 'the split left no test interactions; every user has a single row', {
      hint: 'Temporal and msr protocols need users with at least two interactions.',
    });
  }
  return options.models.map((spec) => {
    const report = evaluateModel(spec, split, options.k, options.seed);
    options.onModel?.(report);
    return report;
  });
}
