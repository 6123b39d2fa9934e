import { noProgress, type Progress } from '../../common/progress.js';
import type { EventStore } from '../../store/event-store.js';
import type { FeedbackRecord, NewEvent, Project } from '../../store/records.js';
import { analyseRecord, createFeedbackAnalyzer, type FeedbackAnalyzer } from '../feedback/feedback-analyzer.js';
import type { ProjectService } from '../projects/project-service.js';
import { isoDate } from './demo-calendar.js';
import {
  demoShopMetadata,
  planDemoShop,
  simulateDemoShop,
  type DemoShopMetadata,
  type DemoShopOptions,
} from './generate-demo-shop.js';

/** The project the demo shop goes into unless told otherwise. */
export const DEMO_PROJECT_ID = 'demo-shop';

/** Options of {@link loadDemoShop}. */
export interface LoadDemoShopOptions extends DemoShopOptions {
  projectId?: string;
  /** Events per `writeEvents` call. Default 5,000. */
  batchSize?: number;
  /** Reports users simulated (total = users). */
  progress?: Progress;
  /** Clock for timing (tests and benchmarks may pass their own). */
  now?: () => number;
  /**
   * Analyses review and support texts before storing them (language, sentiment, aspects, topics, keywords), as
   * the feedback API does; default: the product's analyzer (shipped sentiment model). Pass `false` to store raw.
   */
  feedbackAnalyzer?: FeedbackAnalyzer | false;
}

/** What {@link loadDemoShop} did. `apiKey` is set only when it created the project (secrets are shown once). */
export interface LoadDemoShopResult {
  projectId: string;
  token: string;
  apiKey?: string;
  created: boolean;
  /**
   * True when the project already held this very demo (same seed, users, days, products and end date, and the
   * recorded event count in the store): nothing was generated or written, and the counts below are zero.
   */
  alreadyLoaded: boolean;
  events: { generated: number; stored: number; duplicates: number };
  persons: number;
  items: number;
  feedback: { stored: number; duplicates: number };
  /** Wall time of generation + load, milliseconds. */
  elapsedMs: number;
  metadata: DemoShopMetadata;
}

/**
 * Generates the demo shop and writes it into `projectId` (default `demo-shop`, created when missing), streaming
 * chunks of users into the store while the next chunk is simulated. Idempotent: event and feedback ids are
 * deterministic, so a second load stores nothing new. When the project already holds a demo, its recorded end
 * date is reused (unless `end` is given), so reloading on a later day regenerates the very same events. A rerun
 * of the demo the project already holds completely (recorded settings match, event count equals the recorded
 * one) returns at once with `alreadyLoaded`; a partial load (interrupted, or events missing) is completed
 * through dedup.
 */
export async function loadDemoShop(
  deps: { store: EventStore; projects: ProjectService },
  options: LoadDemoShopOptions = {},
): Promise<LoadDemoShopResult> {
  const { store, projects } = deps;
  const clock = options.now ?? Date.now;
  const started = clock();
  const projectId = options.projectId ?? DEMO_PROJECT_ID;
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const progress = options.progress ?? noProgress;

  const existing = await store.getProject(projectId);
  let token: string;
  let apiKey: string | undefined;
  if (existing === undefined) {
    const created = await projects.create('Demo Shop', { id: projectId });
    token = created.token;
    apiKey = created.apiKey;
  } else {
    token = existing.token;
  }
  const recordedEnd = existing?.settings.demo?.end;
  const planOptions: DemoShopOptions = { ...options };
  if (options.end === undefined && recordedEnd !== undefined) planOptions.end = recordedEnd;
  const plan = planDemoShop(planOptions);
  const demo = { seed: plan.seed, users: plan.users.length, days: plan.days, end: isoDate(plan.calendar.end), products: plan.products.length };

  const loaded = existing === undefined ? undefined : await completeLoad(store, projectId, existing.settings.demo, demo);
  if (loaded !== undefined) {
    const names = (await store.listEventNames(projectId)).map((n) => n.event);
    return {
      projectId,
      token,
      created: false,
      alreadyLoaded: true,
      events: { generated: 0, stored: 0, duplicates: 0 },
      persons: 0,
      items: 0,
      feedback: { stored: 0, duplicates: 0 },
      elapsedMs: clock() - started,
      metadata: demoShopMetadata(plan, loaded, names),
    };
  }

  let analyzer: FeedbackAnalyzer | undefined;
  // the analyzer (model + jieba dictionary) loads on the first chunk that has feedback, not before
  const analyse = (records: FeedbackRecord[]): FeedbackRecord[] => {
    if (options.feedbackAnalyzer === false || records.length === 0) return records;
    analyzer ??= options.feedbackAnalyzer ?? createFeedbackAnalyzer();
    const a = analyzer;
    return records.map((r) => analyseRecord(a, r));
  };
  await store.upsertItems(projectId, plan.items);
  const totals = { generated: 0, stored: 0, duplicates: 0, persons: 0, fbStored: 0, fbDuplicates: 0 };
  const names = new Set<string>();
  const writeEvents = async (events: NewEvent[]): Promise<void> => {
    for (let i = 0; i < events.length; i += batchSize) {
      const result = await store.writeEvents({ projectId, events: events.slice(i, i + batchSize), quarantine: [] });
      totals.stored += result.stored;
      totals.duplicates += result.duplicates;
    }
  };

  progress.start(plan.users.length, 'demo shop');
  // One write in flight while the next chunk is simulated: DuckDB works on its own threads meanwhile.
  let inFlight: Promise<void> = Promise.resolve();
  for (const chunk of simulateDemoShop(plan)) {
    await inFlight;
    totals.generated += chunk.events.length;
    for (const e of chunk.events) names.add(e.event);
    inFlight = (async () => {
      await writeEvents(chunk.events);
      await store.upsertPersons(projectId, chunk.persons);
      const fb = await store.insertFeedback(projectId, analyse(chunk.feedback));
      totals.fbStored += fb.stored;
      totals.fbDuplicates += fb.duplicates;
      totals.persons += chunk.persons.length;
      progress.tick(chunk.persons.length, { events: totals.generated });
    })();
  }
  await inFlight;

  const metadata = demoShopMetadata(plan, totals.generated, names);
  const project = await store.getProject(projectId);
  const settings = { ...(project?.settings ?? {}) };
  // A new demo project gets the shop's north star; an existing one keeps whatever its owner chose since.
  if (existing === undefined || settings.northStar === undefined) settings.northStar = metadata.northStar;
  // Written last, after every chunk: its presence with `events` means a load of this demo completed.
  settings.demo = { ...demo, events: totals.generated };
  await store.updateProjectSettings(projectId, settings);
  progress.finish({ stored: totals.stored, duplicates: totals.duplicates });

  const result: LoadDemoShopResult = {
    projectId,
    token,
    created: existing === undefined,
    alreadyLoaded: false,
    events: { generated: totals.generated, stored: totals.stored, duplicates: totals.duplicates },
    persons: totals.persons,
    items: plan.items.length,
    feedback: { stored: totals.fbStored, duplicates: totals.fbDuplicates },
    elapsedMs: clock() - started,
    metadata,
  };
  if (apiKey !== undefined) result.apiKey = apiKey;
  return result;
}

/**
 * The recorded event count when `recorded` describes the same demo as `wanted` and the project holds exactly
 * that many events; otherwise undefined (load, through dedup). Counting is one aggregate, far cheaper than
 * regenerating the events only to find them all duplicates.
 */
async function completeLoad(
  store: EventStore,
  projectId: string,
  recorded: NonNullable<Project['settings']['demo']> | undefined,
  wanted: { seed: number; users: number; days: number; end: string; products: number },
): Promise<number | undefined> {
  if (recorded?.events === undefined) return undefined;
  const same =
    recorded.seed === wanted.seed &&
    recorded.users === wanted.users &&
    recorded.days === wanted.days &&
    recorded.end === wanted.end &&
    recorded.products === wanted.products;
  if (!same) return undefined;
  return (await store.countEvents(projectId)) === recorded.events ? recorded.events : undefined;
}
