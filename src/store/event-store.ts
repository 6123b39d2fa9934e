import type { FeedbackFilter, FeedbackGroupBy, FeedbackSummaryRow } from './feedback-records.js';
import type { InsightResultFor, InsightSpec } from './insights/spec.js';
import type {
  ApiKeyRecord,
  FeedbackRecord,
  ItemRecord,
  PersonRecord,
  Project,
  ProjectSettings,
  QuarantineRecord,
  StoredEvent,
  WriteBatch,
  WriteResult,
} from './records.js';
import type { AlertDeliveryRecord, AlertQuery, AlertRecord, AlertUpdate, MonitorRecord } from './monitor-records.js';
import type { TrainingJobQuery, TrainingJobRecord } from './training-job-records.js';

/**
 * The only way in and out of data (ARCHITECTURE.md "Store"). Implementations: `duckdb/` (embedded default)
 * and `clickhouse/` (scale-out). Every method that touches project data takes the project id and every
 * query it runs carries the project predicate. One conformance suite (`event-store.conformance.ts`) holds
 * all implementations to the same behaviour.
 */
export interface EventStore {
  /** `duckdb` or `clickhouse`: which dialect the insight compiler prints for this store. */
  readonly backend: 'duckdb' | 'clickhouse';

  /** Flushes and closes; further calls fail. */
  close(): Promise<void>;

  // projects and keys ----------------------------------------------------------------------------------
  createProject(project: Omit<Project, 'createdAt' | 'settings'> & { settings?: ProjectSettings }): Promise<Project>;
  getProject(id: string): Promise<Project | undefined>;
  findProjectByToken(token: string): Promise<Project | undefined>;
  listProjects(): Promise<Project[]>;
  updateProjectSettings(id: string, settings: ProjectSettings): Promise<Project>;
  createApiKey(key: Omit<ApiKeyRecord, 'createdAt'>): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;

  // writes -------------------------------------------------------------------------------------------
  /**
   * Stores events and quarantine rows atomically and durably (resolves after commit + fsync). Exact dedup on
   * (project, uuid): an event whose uuid is already stored, or repeated earlier in the same batch, is not
   * stored again (first write wins) and is reported in `duplicateIndices`.
   */
  writeEvents(batch: WriteBatch): Promise<WriteResult>;
  /** Inserts or merges person properties (identify / $set); merges keep first-seen. */
  upsertPersons(projectId: string, persons: PersonRecord[]): Promise<void>;
  upsertItems(projectId: string, items: ItemRecord[]): Promise<void>;
  insertFeedback(projectId: string, feedback: FeedbackRecord[]): Promise<{ stored: number; duplicates: number }>;
  /** Which of `ids` are already stored as feedback of the project (lets callers skip analysing duplicates). */
  existingFeedbackIds(projectId: string, ids: string[]): Promise<Set<string>>;

  // reads ------------------------------------------------------------------------------------------------
  countEvents(projectId: string): Promise<number>;
  /**
   * Events in timestamp order (for training jobs and export), in pages; `distinctId` keeps one user's events;
   * `receivedSince` (inclusive) keeps events that arrived at or after that server time, whatever their timestamp.
   */
  readEvents(
    projectId: string,
    options: { after?: Date; before?: Date; receivedSince?: Date; events?: string[]; distinctId?: string; limit: number; offset?: number },
  ): Promise<StoredEvent[]>;
  listEventNames(projectId: string): Promise<Array<{ event: string; count: number }>>;
  listPropertyKeys(projectId: string, event?: string): Promise<string[]>;
  listQuarantine(projectId: string, options: { limit: number }): Promise<Array<QuarantineRecord & { id: string }>>;
  countQuarantine(projectId: string): Promise<number>;
  getPersons(projectId: string, distinctIds: string[]): Promise<PersonRecord[]>;
  listItems(projectId: string, options: { limit: number; offset?: number }): Promise<ItemRecord[]>;
  /** A page of feedback, newest first (ties by id), narrowed by `filter`. */
  listFeedback(projectId: string, options: { limit: number; offset?: number; filter?: FeedbackFilter }): Promise<FeedbackRecord[]>;
  /** How many feedback items match `filter`. */
  countFeedback(projectId: string, filter?: FeedbackFilter): Promise<number>;
  /** Feedback volume and sentiment-label counts per UTC day (and group), oldest first. */
  summarizeFeedback(projectId: string, options: { filter?: FeedbackFilter; groupBy?: FeedbackGroupBy }): Promise<FeedbackSummaryRow[]>;

  /** Runs a validated insight spec. `now` anchors relative dates (tests pass a fixed one). */
  runInsight<S extends InsightSpec>(projectId: string, spec: S, now?: Date): Promise<InsightResultFor<S['kind']>>;

  // monitors and alerts (docs/alerts.md) ----------------------------------------------------------------
  /** Inserts or replaces a monitor by (project, id); NOT_FOUND for an unknown project. */
  saveMonitor(monitor: MonitorRecord): Promise<MonitorRecord>;
  getMonitor(projectId: string, id: string): Promise<MonitorRecord | undefined>;
  /** Monitors of one project (or of every project when `projectId` is undefined), oldest first. */
  listMonitors(projectId?: string): Promise<MonitorRecord[]>;
  /** Deletes a monitor (its alerts stay as history); false when there was none. */
  deleteMonitor(projectId: string, id: string): Promise<boolean>;
  /** Records the outcome of a scan on the monitor row. */
  recordMonitorRun(projectId: string, id: string, run: { at: string; status: string; error: string | null }): Promise<void>;
  /**
   * Opens an alert unless one already exists for the same (project, monitor, period), whatever its status:
   * then that one is returned with `created: false` (de-duplication is atomic with the insert).
   */
  openAlert(alert: AlertRecord): Promise<{ alert: AlertRecord; created: boolean }>;
  /** Changes an alert's status/details; NOT_FOUND when there is no such alert. */
  updateAlert(projectId: string, id: string, update: AlertUpdate): Promise<AlertRecord>;
  getAlert(projectId: string, id: string): Promise<AlertRecord | undefined>;
  /** Alerts newest period first (then newest opened). */
  listAlerts(projectId: string, query: AlertQuery): Promise<AlertRecord[]>;
  appendDelivery(delivery: AlertDeliveryRecord): Promise<void>;
  /** The delivery log of one alert, oldest first. */
  listDeliveries(projectId: string, alertId: string): Promise<AlertDeliveryRecord[]>;

  // model training jobs (docs/nn.md "Jobs survive restarts") ---------------------------------------------
  /** Inserts or replaces a training job by (project, id), durably; NOT_FOUND for an unknown project. */
  saveTrainingJob(job: TrainingJobRecord): Promise<void>;
  getTrainingJob(projectId: string, id: string): Promise<TrainingJobRecord | undefined>;
  /** Training jobs newest started first, of one project or (recovery) of all. */
  listTrainingJobs(query: TrainingJobQuery): Promise<TrainingJobRecord[]>;
}
