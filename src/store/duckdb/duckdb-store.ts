import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from '../../common/errors.js';
import { silentLogger, type Logger } from '../../common/logger.js';
import type { EventStore } from '../event-store.js';
import type { InsightResultFor, InsightSpec } from '../insights/spec.js';
import type { ProjectSettings, WriteBatch } from '../records.js';
import * as entities from './entity-repo.js';
import * as reads from './event-reads.js';
import { EventWriter } from './event-writer.js';
import * as feedback from './feedback-repo.js';
import { loadUuidHashes } from './dedup-hashes.js';
import { MetadataCache } from './metadata-cache.js';
import { migrate } from './migrate.js';
import * as monitors from './monitor-repo.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import * as projects from './project-repo.js';
import { runInsightQueries } from './run-insight.js';
import { SerialLane } from './serial-lane.js';
import * as trainingJobs from './training-job-repo.js';

/** Options of {@link createDuckDbStore}; defaults are merged once here. */
export interface DuckDbStoreOptions {
  /** Database file (created when missing), or `:memory:`. */
  path: string;
  logger?: Logger;
  /** DuckDB `memory_limit` (e.g. `2GB`). Default `1GB`: bounded so WAL replay after a crash fits. */
  memoryLimit?: string;
  /** DuckDB worker threads. Default 2. */
  threads?: number;
  /** Most events coalesced into one commit. Default 50,000. */
  maxGroupEvents?: number;
  /** Read connections; reads (insights above all) run in parallel across them. Default 2. */
  readers?: number;
}

/**
 * Opens the embedded DuckDB store: applies migrations, loads the dedup hash set, and returns an
 * {@link EventStore}. All writes go through one connection and one lane (writeEvents with group commit);
 * reads use a second connection and see only committed data.
 */
export async function createDuckDbStore(options: DuckDbStoreOptions): Promise<EventStore> {
  const logger = options.logger ?? silentLogger;
  const db = await openDatabase({
    path: options.path,
    memoryLimit: options.memoryLimit ?? '1GB',
    threads: options.threads ?? 2,
    readers: options.readers ?? 2,
  });
  try {
    const version = await migrate(db.writer, logger);
    const started = Date.now();
    const hashes = await loadUuidHashes(db.writer);
    logger.info('store opened', {
      path: options.path,
      schemaVersion: version,
      events: hashes.size,
      dedupBytes: hashes.byteLength,
      loadMs: Date.now() - started,
    });
    const cache = await MetadataCache.load(db.writer);
    const writeLane = new SerialLane();
    const writer = new EventWriter(db.writer, writeLane, hashes, logger, {
      maxGroupEvents: options.maxGroupEvents ?? 50_000,
    });
    return new DuckDbStore(db, writeLane, writer, cache, logger);
  } catch (error) {
    db.writer.closeSync();
    for (const reader of db.readers) reader.closeSync();
    db.instance.closeSync();
    db.release();
    throw error;
  }
}

class DuckDbStore implements EventStore {
  readonly backend = 'duckdb' as const;
  private readonly readLanes: Array<{ lane: SerialLane; conn: DuckDBConnection }>;
  private closed = false;

  constructor(
    private readonly db: OpenDatabase,
    private readonly writeLane: SerialLane,
    private readonly writer: EventWriter,
    private readonly cache: MetadataCache,
    private readonly logger: Logger,
  ) {
    this.readLanes = db.readers.map((conn) => ({ lane: new SerialLane(), conn }));
  }

  private write<T>(work: (conn: OpenDatabase['writer']) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    return this.writeLane.run(() => work(this.db.writer));
  }

  /** Runs a read on the least busy read connection. */
  private read<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    let best = this.readLanes[0];
    for (const candidate of this.readLanes) if (best === undefined || candidate.lane.pending < best.lane.pending) best = candidate;
    if (best === undefined) return Promise.reject(closedError());
    const { lane, conn } = best;
    return lane.run(() => work(conn));
  }

  /** Answers from the metadata cache, failing like any other call once closed. */
  private cached<T>(answer: () => T): Promise<T> {
    return this.closed ? Promise.reject(closedError()) : Promise.resolve(answer());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writer.close();
    this.closed = true;
    await Promise.all(this.readLanes.map(({ lane }) => lane.run(async () => undefined)));
    await this.writeLane.run(async () => {
      try {
        await this.db.writer.run('CHECKPOINT');
      } catch (error) {
        this.logger.warn('checkpoint on close failed; the WAL will be replayed on next open', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
    for (const reader of this.db.readers) reader.closeSync();
    this.db.writer.closeSync();
    this.db.instance.closeSync();
    this.db.release();
  }

  createProject(project: Parameters<EventStore['createProject']>[0]): ReturnType<EventStore['createProject']> {
    return this.write(async (conn) => {
      const created = await projects.insertProject(conn, project);
      this.cache.putProject(created);
      return created;
    });
  }
  getProject(id: string): ReturnType<EventStore['getProject']> {
    return this.cached(() => this.cache.project(id));
  }
  findProjectByToken(token: string): ReturnType<EventStore['findProjectByToken']> {
    return this.cached(() => this.cache.projectByToken(token));
  }
  listProjects(): ReturnType<EventStore['listProjects']> {
    return this.cached(() => this.cache.allProjects());
  }
  updateProjectSettings(id: string, settings: ProjectSettings): ReturnType<EventStore['updateProjectSettings']> {
    return this.write(async (conn) => {
      const updated = await projects.updateSettings(conn, id, settings);
      this.cache.putProject(updated);
      return updated;
    });
  }
  createApiKey(key: Parameters<EventStore['createApiKey']>[0]): ReturnType<EventStore['createApiKey']> {
    return this.write(async (conn) => {
      const created = await projects.insertApiKey(conn, key);
      this.cache.putApiKey(created);
      return created;
    });
  }
  findApiKeyByHash(keyHash: string): ReturnType<EventStore['findApiKeyByHash']> {
    return this.cached(() => this.cache.apiKeyByHash(keyHash));
  }

  writeEvents(batch: WriteBatch): ReturnType<EventStore['writeEvents']> {
    if (this.closed) return Promise.reject(closedError());
    return this.writer.write(batch);
  }
  upsertPersons(...args: Parameters<EventStore['upsertPersons']>): Promise<void> {
    return this.write((conn) => entities.upsertPersons(conn, ...args));
  }
  upsertItems(...args: Parameters<EventStore['upsertItems']>): Promise<void> {
    return this.write((conn) => entities.upsertItems(conn, ...args));
  }
  insertFeedback(...args: Parameters<EventStore['insertFeedback']>): ReturnType<EventStore['insertFeedback']> {
    return this.write((conn) => feedback.insertFeedback(conn, ...args));
  }

  countEvents(projectId: string): Promise<number> {
    return this.read((conn) => reads.countEvents(conn, projectId));
  }
  readEvents(...args: Parameters<EventStore['readEvents']>): ReturnType<EventStore['readEvents']> {
    return this.read((conn) => reads.readEvents(conn, ...args));
  }
  listEventNames(projectId: string): ReturnType<EventStore['listEventNames']> {
    return this.read((conn) => reads.listEventNames(conn, projectId));
  }
  listPropertyKeys(projectId: string, event?: string): Promise<string[]> {
    return this.read((conn) => reads.listPropertyKeys(conn, projectId, event));
  }
  listQuarantine(...args: Parameters<EventStore['listQuarantine']>): ReturnType<EventStore['listQuarantine']> {
    return this.read((conn) => entities.listQuarantine(conn, ...args));
  }
  countQuarantine(projectId: string): Promise<number> {
    return this.read((conn) => entities.countQuarantine(conn, projectId));
  }
  getPersons(...args: Parameters<EventStore['getPersons']>): ReturnType<EventStore['getPersons']> {
    return this.read((conn) => entities.selectPersons(conn, ...args));
  }
  listItems(...args: Parameters<EventStore['listItems']>): ReturnType<EventStore['listItems']> {
    return this.read((conn) => entities.listItems(conn, ...args));
  }
  existingFeedbackIds(...args: Parameters<EventStore['existingFeedbackIds']>): ReturnType<EventStore['existingFeedbackIds']> {
    return this.read((conn) => feedback.existingFeedbackIds(conn, ...args));
  }
  listFeedback(...args: Parameters<EventStore['listFeedback']>): ReturnType<EventStore['listFeedback']> {
    return this.read((conn) => feedback.listFeedback(conn, ...args));
  }
  countFeedback(...args: Parameters<EventStore['countFeedback']>): ReturnType<EventStore['countFeedback']> {
    return this.read((conn) => feedback.countFeedback(conn, ...args));
  }
  summarizeFeedback(...args: Parameters<EventStore['summarizeFeedback']>): ReturnType<EventStore['summarizeFeedback']> {
    return this.read((conn) => feedback.summarizeFeedback(conn, ...args));
  }

  runInsight<S extends InsightSpec>(projectId: string, spec: S, now?: Date): Promise<InsightResultFor<S['kind']>> {
    return this.read((conn) => runInsightQueries(conn, projectId, spec, now ?? new Date()));
  }

  saveMonitor(...args: Parameters<EventStore['saveMonitor']>): ReturnType<EventStore['saveMonitor']> {
    return this.write((conn) => monitors.saveMonitor(conn, ...args));
  }
  getMonitor(...args: Parameters<EventStore['getMonitor']>): ReturnType<EventStore['getMonitor']> {
    return this.read((conn) => monitors.selectMonitor(conn, ...args));
  }
  listMonitors(projectId?: string): ReturnType<EventStore['listMonitors']> {
    return this.read((conn) => monitors.selectMonitors(conn, projectId));
  }
  deleteMonitor(...args: Parameters<EventStore['deleteMonitor']>): ReturnType<EventStore['deleteMonitor']> {
    return this.write((conn) => monitors.deleteMonitor(conn, ...args));
  }
  recordMonitorRun(...args: Parameters<EventStore['recordMonitorRun']>): ReturnType<EventStore['recordMonitorRun']> {
    return this.write((conn) => monitors.recordMonitorRun(conn, ...args));
  }
  openAlert(...args: Parameters<EventStore['openAlert']>): ReturnType<EventStore['openAlert']> {
    return this.write((conn) => monitors.openAlert(conn, ...args));
  }
  updateAlert(...args: Parameters<EventStore['updateAlert']>): ReturnType<EventStore['updateAlert']> {
    return this.write((conn) => monitors.updateAlert(conn, ...args));
  }
  getAlert(...args: Parameters<EventStore['getAlert']>): ReturnType<EventStore['getAlert']> {
    return this.read((conn) => monitors.selectAlert(conn, ...args));
  }
  listAlerts(...args: Parameters<EventStore['listAlerts']>): ReturnType<EventStore['listAlerts']> {
    return this.read((conn) => monitors.selectAlerts(conn, ...args));
  }
  appendDelivery(...args: Parameters<EventStore['appendDelivery']>): ReturnType<EventStore['appendDelivery']> {
    return this.write((conn) => monitors.insertDelivery(conn, ...args));
  }
  listDeliveries(...args: Parameters<EventStore['listDeliveries']>): ReturnType<EventStore['listDeliveries']> {
    return this.read((conn) => monitors.selectDeliveries(conn, ...args));
  }

  saveTrainingJob(...args: Parameters<EventStore['saveTrainingJob']>): ReturnType<EventStore['saveTrainingJob']> {
    return this.write((conn) => trainingJobs.saveTrainingJob(conn, ...args));
  }
  getTrainingJob(...args: Parameters<EventStore['getTrainingJob']>): ReturnType<EventStore['getTrainingJob']> {
    return this.read((conn) => trainingJobs.selectTrainingJob(conn, ...args));
  }
  listTrainingJobs(...args: Parameters<EventStore['listTrainingJobs']>): ReturnType<EventStore['listTrainingJobs']> {
    return this.read((conn) => trainingJobs.selectTrainingJobs(conn, ...args));
  }
}

function closedError(): StoreError {
  return new StoreError('STORE_UNAVAILABLE', 'the store is closed', { retriable: false });
}
