import { NorthstarError } from '../../common/errors.js';
import { noProgress, type Progress } from '../../common/progress.js';
import type { CsrMatrix } from '../../ml/recommend/csr-matrix.js';
import type { Recommender } from '../../ml/recommend/recommender.js';
import type { EventStore } from '../../store/event-store.js';
import type { ModelReport } from './evaluate.js';
import { fitInWorker } from './fit-in-worker.js';
import { fitTable, type FittedTable } from './fit-table.js';
import { parseModelSpec } from './model-registry.js';
import { readStoreInteractions, SHOP_EVENT_WEIGHTS } from './store-interactions.js';

/** Options of {@link trainFromStore}. */
export interface TrainFromStoreOptions {
  /** Model spec as on the CLI (`ease`, `als:factors=64`); default EASE up to `maxEaseItems` items, else ALS. */
  model?: string;
  /** Weight per event name (default view 1, cart 3, purchase 5). */
  eventWeights?: Readonly<Record<string, number>>;
  /** Half-life in days of the time decay of interaction weights (default 30; 0 = none). */
  halfLifeDays?: number;
  /** Largest catalogue for which EASE (an items × items dense inverse) is the default (default 5,000). */
  maxEaseItems?: number;
  /** List length of the evaluation (default 10). */
  k?: number;
  /** Seed of random models (default 42). */
  seed?: number;
  /** Events per store page (default 5,000). */
  batchSize?: number;
  /** Reports stages: read events, evaluate, fit. */
  progress?: Progress;
  /** Clock for `trainedAt` (tests pin it). */
  now?: () => Date;
  /** Evaluate and fit in a worker thread so the caller's event loop stays free (the server does; default false). */
  inWorker?: boolean;
}

/** A trained, servable model, before the registry gives it a version. */
export interface TrainedModel {
  /** Model spec as given or chosen (`ease`, `als:factors=64`). */
  modelSpec: string;
  model: Recommender;
  trainedAt: string;
  /** Temporal leave-last-out metrics at k; null when no user had two interactions to split. */
  metrics: ModelReport | null;
  itemIds: readonly string[];
  userIds: readonly string[];
  itemIndex: ReadonlyMap<string, number>;
  userIndex: ReadonlyMap<string, number>;
  /** Category per item index (undefined when unknown). */
  categories: ReadonlyArray<string | undefined>;
  /** Display title per item index (the id when the items table has none). */
  titles: ReadonlyArray<{ en: string; zh: string }>;
  /** The (decayed) users × items training matrix. */
  matrix: CsrMatrix;
  /** Trending score per item (distinct users, 7-day half-life): the cold-start list. */
  trending: Float32Array;
  eventWeights: Readonly<Record<string, number>>;
  halfLifeDays: number;
  /** Latest interaction time in the training data, epoch seconds (the decay reference). */
  dataEnd: number;
  counts: { events: number; users: number; items: number; interactions: number };
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The default model for a catalogue: EASE when its dense item × item inverse is affordable, else ALS. */
export function defaultModelFor(items: number, maxEaseItems = 5000): string {
  return items <= maxEaseItems ? 'ease' : 'als';
}

/**
 * Builds a project's interaction matrix from the store (in pages), evaluates the chosen model on a temporal
 * leave-last-out split, then fits it on every interaction (time-decayed) for serving.
 */
export async function trainFromStore(store: EventStore, projectId: string, options: TrainFromStoreOptions = {}): Promise<TrainedModel> {
  const progress = options.progress ?? noProgress;
  const eventWeights = options.eventWeights ?? SHOP_EVENT_WEIGHTS;
  const halfLifeDays = options.halfLifeDays ?? 30;
  const k = options.k ?? 10;
  const seed = options.seed ?? 42;
  const read = await readStoreInteractions(store, projectId, {
    eventWeights,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    progress: { start: (t, l) => progress.start(t, l), tick: (d, i) => progress.tick(d, i), finish: () => undefined },
  });
  const { table } = read;
  if (table.users.length === 0) {
    throw new NorthstarError('NO_INTERACTIONS', `project ${projectId} has no ${Object.keys(eventWeights).join('/')} events with an item id`, {
      details: { projectId, events: Object.keys(eventWeights) },
    });
  }
  const modelSpec = options.model ?? defaultModelFor(table.itemIds.length, options.maxEaseItems);
  const spec = parseModelSpec(modelSpec);

  // Evaluation and fit are synchronous CPU work: in a worker thread (the server) the event loop stays free;
  // in this thread, queued requests at least run before they start.
  const input = { table, modelSpec, k, seed, halfLifeDays };
  const onStage = (stage: 'evaluate' | 'fit'): void => progress.tick(0, { stage, model: spec.label });
  let fitted: FittedTable;
  if (options.inWorker === true) {
    fitted = await fitInWorker(input, onStage);
  } else {
    await yieldToLoop();
    fitted = fitTable(input, onStage);
  }
  const { model, metrics, trending } = fitted;
  const nUsers = table.userIds.length;
  const nItems = table.itemIds.length;

  let dataEnd = -Infinity;
  for (const t of table.times ?? []) dataEnd = Math.max(dataEnd, t);
  progress.finish({ model: spec.label, ndcg: metrics?.ndcg });
  return {
    modelSpec,
    model,
    trainedAt: (options.now ?? (() => new Date()))().toISOString(),
    metrics,
    itemIds: table.itemIds,
    userIds: table.userIds,
    itemIndex: new Map(table.itemIds.map((id, i) => [id, i])),
    userIndex: new Map(table.userIds.map((id, u) => [id, u])),
    categories: table.itemIds.map((id) => read.categories.get(id)),
    titles: table.itemIds.map((id) => read.titles.get(id) ?? { en: id, zh: id }),
    matrix: fitted.matrix,
    trending,
    eventWeights,
    halfLifeDays,
    dataEnd,
    counts: { events: read.events, users: nUsers, items: nItems, interactions: table.users.length },
  };
}
