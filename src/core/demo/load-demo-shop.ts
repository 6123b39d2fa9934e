import { noProgress, type Progress } from '../../common/progress.js';
import type { EventStore } from '../../store/event-store.js';
import type { NewEvent } from '../../store/records.js';
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
}

/** What {@link loadDemoShop} did. `apiKey` is set only when it created the project (secrets are shown once). */
export interface LoadDemoShopResult {
  projectId: string;
  token: string;
  apiKey?: string;
  created: boolean;
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
 * date is reused (unless `end` is given), so reloading on a later day regenerates the very same events.
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
      const fb = await store.insertFeedback(projectId, chunk.feedback);
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
  settings.demo = { seed: plan.seed, users: plan.users.length, days: plan.days, end: isoDate(plan.calendar.end) };
  await store.updateProjectSettings(projectId, settings);
  progress.finish({ stored: totals.stored, duplicates: totals.duplicates });

  const result: LoadDemoShopResult = {
    projectId,
    token,
    created: existing === undefined,
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
