import { NorthstarError } from '../../common/errors.js';
import { topK } from '../../ml/recommend/top-k.js';
import type { EventStore } from '../../store/event-store.js';
import type { StoredEvent } from '../../store/records.js';
import { trendingFromStore } from './fallback-trending.js';
import { servingScorer, type ServingScorer } from './item-scorer.js';
import { parseModelSpec } from './model-registry.js';
import { rankForUser, trendingList, type RecommendedItem } from './rank-for-user.js';
import { createServingRegistry, type ModelVersion, type ModelVersionSummary } from './serving-registry.js';
import { PURCHASE_EVENTS, SHOP_EVENT_WEIGHTS } from './store-interactions.js';
import { trainFromStore, type TrainFromStoreOptions } from './train-from-store.js';
import { createTrainingJobs, type TrainingJob } from './training-jobs.js';
import { userRowFromEvents } from './user-row.js';

/** Why a list looks the way it does. */
export type ListReason = 'personalized' | 'cold_start' | 'no_model' | 'no_events' | 'not_personal_model';

/** Answer of {@link RecommendationService.recommendFor}. */
export interface RecommendationList {
  projectId: string;
  distinctId: string;
  reason: ListReason;
  model: { version: number; name: string } | null;
  /** A training job of the project is running (the list comes from the previous version or the fallback). */
  training: boolean;
  items: RecommendedItem[];
}

/** Options of one recommendation request. */
export interface RecommendRequest {
  /** List length, 1-100 (default 10). */
  k?: number;
  /** Leave out what the user bought (default true). */
  excludePurchased?: boolean;
  /** Only items of this category. */
  category?: string;
  /** 0-1: MMR re-ranking that spreads the list over categories (default 0, by score only). */
  diversity?: number;
}

/** Answer of {@link RecommendationService.similarItems}. */
export interface SimilarItems {
  projectId: string;
  itemId: string;
  model: { version: number; name: string };
  /** `model`: the model's item-item weights or factor cosine; `same_category`: trending in the item's category. */
  method: 'model' | 'same_category';
  items: Array<{ itemId: string; score: number; category: string | null }>;
}

/** Training options the API and CLI may pass. */
export type TrainRequest = Pick<TrainFromStoreOptions, 'model' | 'eventWeights' | 'halfLifeDays' | 'maxEaseItems' | 'k' | 'seed' | 'batchSize'>;

/** Recommendations of every project: training jobs, versions, and serving. */
export interface RecommendationService {
  /** Starts a training job (or returns the project's running one). A bad model spec is INVALID_ARGUMENT at once. */
  startTraining(projectId: string, request?: TrainRequest): TrainingJob;
  /** Trains and waits; the job's failure is thrown. */
  train(projectId: string, request?: TrainRequest): Promise<ModelVersionSummary>;
  job(projectId: string, jobId: string): TrainingJob;
  models(projectId: string): { active: number | null; versions: ModelVersionSummary[]; training: TrainingJob | null };
  activate(projectId: string, version: number): ModelVersionSummary;
  recommendFor(projectId: string, distinctId: string, request?: RecommendRequest): Promise<RecommendationList>;
  similarItems(projectId: string, itemId: string, options?: { k?: number }): Promise<SimilarItems>;
}

/** Options of {@link createRecommendationService}. */
export interface RecommendationServiceOptions {
  store: EventStore;
  now?: () => Date;
  /** Event property holding the item id (default `product_id`). */
  itemProperty?: string;
  purchaseEvents?: readonly string[];
  /** A user's latest events kept per request (default 2,000; at most five times as many are read). */
  maxUserEvents?: number;
  /** Versions kept per project (default 3: an EASE version of 5,000 items holds 100 MB). */
  keepVersions?: number;
  /** Folder where trained versions are saved and read back after a restart (server: `<dataDir>/recommend`); in memory only without it. */
  modelsDir?: string;
  /**
   * Evaluate and fit in a worker thread (default true), so requests are answered while a model trains; false
   * fits on this thread between yields (embedding hosts without worker support).
   */
  fitInWorker?: boolean;
}

/** Checks k (1-100) and returns it. */
export function checkK(k: number | undefined, fallback = 10): number {
  const value = k ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new NorthstarError('INVALID_ARGUMENT', `k must be an integer from 1 to 100, got ${String(k)}`, { details: { k } });
  }
  return value;
}

/** Wires jobs, the version registry and serving over a store. */
export function createRecommendationService(options: RecommendationServiceOptions): RecommendationService {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const itemProperty = options.itemProperty ?? 'product_id';
  const purchaseEvents = options.purchaseEvents ?? PURCHASE_EVENTS;
  const maxUserEvents = options.maxUserEvents ?? 2000;
  const registry = createServingRegistry({
    ...(options.keepVersions === undefined ? {} : { keep: options.keepVersions }),
    ...(options.modelsDir === undefined ? {} : { dir: options.modelsDir }),
  });
  const jobs = createTrainingJobs(now);
  const scorers = new WeakMap<ModelVersion, ServingScorer>();
  const scorerOf = (m: ModelVersion): ServingScorer => {
    let s = scorers.get(m);
    if (s === undefined) scorers.set(m, (s = servingScorer(m.model)));
    return s;
  };
  const modelRef = (m: ModelVersion) => ({ version: m.version, name: m.modelSpec });

  /** The user's latest `maxUserEvents` events of these names (pages in time order; at most 5× that many read). */
  async function userEvents(projectId: string, distinctId: string, names: string[]): Promise<StoredEvent[]> {
    let out: StoredEvent[] = [];
    const page = Math.min(1000, maxUserEvents);
    for (let offset = 0; offset < 5 * maxUserEvents; offset += page) {
      const rows = await store.readEvents(projectId, { distinctId, events: names, limit: page, offset });
      out = out.length + rows.length > maxUserEvents ? [...out, ...rows].slice(-maxUserEvents) : [...out, ...rows];
      if (rows.length < page) break;
    }
    return out;
  }

  const service: RecommendationService = {
    startTraining(projectId, request = {}) {
      if (request.model !== undefined) parseModelSpec(request.model);
      return jobs.start(projectId, async (progress) => {
        const trained = await trainFromStore(store, projectId, { ...request, progress, now, inWorker: options.fitInWorker ?? true });
        const version = registry.add(projectId, trained).version;
        await registry.saved(projectId);
        return version;
      });
    },
    async train(projectId, request = {}) {
      const job = service.startTraining(projectId, request);
      const done = await jobs.wait(job.id);
      if (done.error !== null) throw new NorthstarError(done.error.code, done.error.message);
      return registry.list(projectId).find((v) => v.version === done.version)!;
    },
    job: (projectId, jobId) => jobs.get(projectId, jobId),
    models(projectId) {
      const versions = registry.list(projectId);
      return { active: versions.find((v) => v.active)?.version ?? null, versions, training: jobs.running(projectId) ?? null };
    },
    activate: (projectId, version) => registry.activate(projectId, version),

    async recommendFor(projectId, distinctId, request = {}) {
      const k = checkK(request.k);
      if (distinctId === '' || distinctId.length > 200) {
        throw new NorthstarError('INVALID_ARGUMENT', 'distinct_id must be 1-200 characters', { details: { distinctId } });
      }
      const diversity = request.diversity ?? 0;
      if (!(diversity >= 0 && diversity <= 1)) {
        throw new NorthstarError('INVALID_ARGUMENT', `diversity must be between 0 and 1, got ${diversity}`, { details: { diversity } });
      }
      const rank = { k, excludePurchased: request.excludePurchased ?? true, category: request.category, diversity };
      const training = jobs.running(projectId) !== undefined;
      const model = registry.active(projectId);
      const base = { projectId, distinctId, training };
      if (model === undefined) {
        const weights = SHOP_EVENT_WEIGHTS;
        const events = rank.excludePurchased ? await userEvents(projectId, distinctId, [...purchaseEvents]) : [];
        const bought = new Set(events.flatMap((e) => (typeof e.properties[itemProperty] === 'string' ? [e.properties[itemProperty] as string] : [])));
        const items = await trendingFromStore(store, projectId, { k, category: request.category, eventWeights: weights, itemProperty, exclude: bought });
        const reason: ListReason = items.length === 0 && (await store.countEvents(projectId)) === 0 ? 'no_events' : 'no_model';
        return { ...base, reason, model: null, items };
      }
      const events = await userEvents(projectId, distinctId, Object.keys(model.eventWeights));
      const row = userRowFromEvents(model, events, { itemProperty, purchaseEvents });
      const scorer = scorerOf(model);
      if (row.items.length === 0) {
        return { ...base, reason: 'cold_start', model: modelRef(model), items: trendingList(model, rank, row.purchased) };
      }
      if (scorer.itemItem === undefined) {
        return { ...base, reason: 'not_personal_model', model: modelRef(model), items: trendingList(model, rank, rank.excludePurchased ? row.purchased : []) };
      }
      const items = rankForUser(model, scorer, row, model.userIndex.get(distinctId), rank);
      return { ...base, reason: 'personalized', model: modelRef(model), items };
    },

    async similarItems(projectId, itemId, opts = {}) {
      const k = checkK(opts.k);
      const model = registry.active(projectId);
      if (model === undefined) {
        throw new NorthstarError('NOT_FOUND', `project ${projectId} has no trained recommendation model yet`, {
          hint: 'Train one with POST /api/projects/:id/recommendations/train.',
          details: { projectId },
        });
      }
      const i = model.itemIndex.get(itemId);
      if (i === undefined) {
        throw new NorthstarError('NOT_FOUND', `item ${itemId} is not known to model version ${model.version}`, {
          hint: 'Items appear after they have interactions and the model is retrained.',
          details: { projectId, itemId, version: model.version },
        });
      }
      const scorer = scorerOf(model);
      const category = model.categories[i];
      if (scorer.similarRow === undefined) {
        const items = trendingList(model, { k: k + 1, excludePurchased: false, category }, Int32Array.of(i)).slice(0, k);
        return { projectId, itemId, model: modelRef(model), method: 'same_category', items: items.map(({ itemId: id, score, category: c }) => ({ itemId: id, score, category: c })) };
      }
      const row = new Float32Array(model.itemIds.length);
      scorer.similarRow(i, row);
      for (let j = 0; j < row.length; j++) if (!(row[j]! > 0)) row[j] = Number.NEGATIVE_INFINITY;
      const ranked = topK(row, k, Int32Array.of(i));
      const items = Array.from(ranked.items, (j, r) => ({ itemId: model.itemIds[j]!, score: ranked.scores[r]!, category: model.categories[j] ?? null }));
      return { projectId, itemId, model: modelRef(model), method: 'model', items };
    },
  };
  return service;
}
