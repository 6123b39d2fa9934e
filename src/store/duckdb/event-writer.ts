import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { NorthstarError, StoreError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type { Logger } from '../../common/logger.js';
import type { NewEvent, WriteBatch, WriteResult } from '../records.js';
import { hashUuids } from './dedup-hashes.js';
import { toJsonText, toTimestampValue, wellFormed } from './duckdb-values.js';
import { inJsonList } from './sql-helpers.js';
import type { SerialLane } from './serial-lane.js';
import type { UuidHashSet } from './uuid-hash-set.js';

/** A batch checked and serialised before it waits for the writer, so its errors stay its own. */
interface PreparedWrite {
  batch: WriteBatch;
  /** `batch.events` with text made well-formed (the same objects when nothing needed fixing). */
  events: NewEvent[];
  propertiesJson: string[];
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

/** Options of {@link EventWriter}. */
export interface EventWriterOptions {
  /** Most events coalesced into one transaction; further waiting batches go into the next one. */
  maxGroupEvents: number;
}

/**
 * The single writer of `events` and `quarantine`, with group commit: batches that arrive while a commit is
 * in flight wait, then all of them go into ONE transaction; each caller gets its own WriteResult once
 * that transaction has committed (DuckDB fsyncs its WAL at commit). A failed commit rejects every batch
 * in it with a retriable STORE_UNAVAILABLE: nothing that failed is ever acknowledged.
 *
 * Dedup on (project, uuid), first write wins, within a batch, across the batches of a group and against
 * the table: {@link UuidHashSet} rules out most uuids in memory; hash hits are confirmed with a query
 * for just those uuids. The set is updated only after the commit succeeded.
 */
export class EventWriter {
  private readonly waiting: PreparedWrite[] = [];
  private scheduled = false;
  private closed = false;
  private commitCount = 0;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly lane: SerialLane,
    private readonly hashes: UuidHashSet,
    private readonly logger: Logger,
    private readonly options: EventWriterOptions,
  ) {}

  /** Transactions committed so far (each may hold several coalesced batches). */
  get commits(): number {
    return this.commitCount;
  }

  /** Queues a batch; resolves after its rows are committed. */
  write(batch: WriteBatch): Promise<WriteResult> {
    if (this.closed) {
      return Promise.reject(new StoreError('STORE_UNAVAILABLE', 'the store is closed', { retriable: false }));
    }
    let prepared: { events: NewEvent[]; propertiesJson: string[] };
    try {
      prepared = prepareBatch(batch);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<WriteResult>((resolve, reject) => {
      this.waiting.push({ batch, ...prepared, resolve, reject });
      this.schedule();
    });
  }

  /** Refuses new batches; the returned promise settles when the queued ones are done. */
  async close(): Promise<void> {
    this.closed = true;
    await this.lane.run(async () => undefined);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    void this.lane.run(async () => {
      this.scheduled = false;
      const group = this.takeGroup();
      if (this.waiting.length > 0) this.schedule();
      if (group.length > 0) await this.commitGroup(group);
    });
  }

  private takeGroup(): PreparedWrite[] {
    let events = 0;
    let count = 0;
    for (const w of this.waiting) {
      if (count > 0 && events + w.batch.events.length > this.options.maxGroupEvents) break;
      events += w.batch.events.length;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async commitGroup(group: PreparedWrite[]): Promise<void> {
    let outcome: { results: WriteResult[]; added: Array<[number, number]> };
    try {
      await this.conn.run('BEGIN TRANSACTION');
      outcome = await this.appendGroup(group);
      await this.conn.run('COMMIT');
      this.commitCount++;
    } catch (error) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error('event write failed; batches rejected', { batches: group.length, error: message });
      const failure = new StoreError('STORE_UNAVAILABLE', `the event write could not be committed: ${message}`, {
        cause: error,
        retriable: true,
      });
      for (const w of group) w.reject(failure);
      return;
    }
    // Only now is the data durable: remember the uuids and acknowledge.
    for (const [hi, lo] of outcome.added) this.hashes.add(hi, lo);
    group.forEach((w, i) => w.resolve(outcome.results[i] as WriteResult));
  }

  private async appendGroup(
    group: PreparedWrite[],
  ): Promise<{ results: WriteResult[]; added: Array<[number, number]> }> {
    // Pass 1: in-group duplicates are certain. Pass 2: hash hits against stored events are only suspects.
    const seen = new Set<string>();
    const verdicts: Uint8Array[] = []; // 0 store, 1 duplicate, 2 suspect
    const hashHi: Uint32Array[] = [];
    const hashLo: Uint32Array[] = [];
    const firstSeen = new Map<string, Array<{ group: number; index: number; uuid: string }>>();
    group.forEach((w, g) => {
      const verdict = new Uint8Array(w.batch.events.length);
      const projectId = w.batch.projectId;
      w.events.forEach((event, i) => {
        const key = `${projectId}\u0000${event.uuid}`;
        if (seen.has(key)) {
          verdict[i] = 1;
          return;
        }
        seen.add(key);
        let list = firstSeen.get(projectId);
        if (list === undefined) firstSeen.set(projectId, (list = []));
        list.push({ group: g, index: i, uuid: event.uuid });
      });
      verdicts.push(verdict);
      hashHi.push(new Uint32Array(w.batch.events.length));
      hashLo.push(new Uint32Array(w.batch.events.length));
    });
    const suspects = new Map<string, Set<string>>();
    for (const [projectId, list] of firstSeen) {
      const { hi, lo } = await hashUuids(this.conn, projectId, list.map((e) => e.uuid));
      list.forEach((entry, k) => {
        const h = hi[k] ?? 0;
        const l = lo[k] ?? 0;
        (hashHi[entry.group] as Uint32Array)[entry.index] = h;
        (hashLo[entry.group] as Uint32Array)[entry.index] = l;
        if (this.hashes.has(h, l)) {
          (verdicts[entry.group] as Uint8Array)[entry.index] = 2;
          let set = suspects.get(projectId);
          if (set === undefined) suspects.set(projectId, (set = new Set()));
          set.add(entry.uuid);
        }
      });
    }
    const stored = await this.confirmStored(suspects);

    const results: WriteResult[] = [];
    const added: Array<[number, number]> = [];
    const events = await this.conn.createAppender('events');
    // Most groups carry no rejects; an idle appender still costs a round trip per commit.
    const quarantine = group.some((w) => w.batch.quarantine.length > 0)
      ? await this.conn.createAppender('quarantine')
      : null;
    try {
      group.forEach((w, g) => {
        const verdict = verdicts[g] as Uint8Array;
        const projectId = w.batch.projectId;
        const duplicateIndices: number[] = [];
        w.events.forEach((event, i) => {
          const v = verdict[i];
          if (v === 1 || (v === 2 && stored.get(projectId)?.has(event.uuid) === true)) {
            duplicateIndices.push(i);
            return;
          }
          appendEvent(events, projectId, event, w.propertiesJson[i] as string);
          added.push([(hashHi[g] as Uint32Array)[i] ?? 0, (hashLo[g] as Uint32Array)[i] ?? 0]);
        });
        for (const q of w.batch.quarantine) {
          if (quarantine === null) break;
          quarantine.appendVarchar(projectId);
          quarantine.appendVarchar(newId('q'));
          quarantine.appendVarchar(wellFormed(q.reason));
          if (q.batchIndex === null) quarantine.appendNull();
          else quarantine.appendInteger(q.batchIndex);
          quarantine.appendVarchar(wellFormed(q.payload));
          if (q.details === undefined) quarantine.appendNull();
          else quarantine.appendVarchar(wellFormed(q.details));
          quarantine.appendTimestamp(toTimestampValue(q.receivedAt));
          quarantine.endRow();
        }
        results.push({
          stored: w.batch.events.length - duplicateIndices.length,
          duplicates: duplicateIndices.length,
          duplicateIndices,
          quarantined: w.batch.quarantine.length,
        });
      });
      events.flushSync();
      quarantine?.flushSync();
    } finally {
      events.closeSync();
      quarantine?.closeSync();
    }
    return { results, added };
  }

  /** Of the suspected uuids, those really in the table, per project. */
  private async confirmStored(suspects: Map<string, Set<string>>): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    for (const [projectId, uuids] of suspects) {
      const reader = await this.conn.runAndReadAll(
        `SELECT DISTINCT uuid FROM events WHERE project_id = $project AND uuid IN ${inJsonList('uuids')}`,
        { project: projectId, uuids: toJsonText([...uuids]) },
      );
      found.set(projectId, new Set(reader.getRowsJS().map((row) => String(row[0]))));
    }
    return found;
  }
}

function appendEvent(
  appender: DuckDBAppender,
  projectId: string,
  event: NewEvent,
  propertiesJson: string,
): void {
  appender.appendVarchar(projectId);
  appender.appendVarchar(event.uuid);
  appender.appendVarchar(event.event);
  appender.appendVarchar(event.distinctId);
  appender.appendTimestamp(toTimestampValue(event.timestamp));
  appender.appendTimestamp(toTimestampValue(event.receivedAt));
  appender.appendVarchar(propertiesJson);
  if (event.sessionId === null) appender.appendNull();
  else appender.appendVarchar(event.sessionId);
  appender.endRow();
}

/**
 * Checks what the table cannot take and serialises properties; throws INVALID_ARGUMENT for this batch only.
 * Text with lone surrogates is made well-formed here, before dedup, so the uuid compared is the one stored.
 */
function prepareBatch(batch: WriteBatch): { events: NewEvent[]; propertiesJson: string[] } {
  const invalid = (message: string, index: number): NorthstarError =>
    new NorthstarError('INVALID_ARGUMENT', `writeEvents: event ${index}: ${message}`, { details: { index } });
  if (typeof batch.projectId !== 'string' || batch.projectId === '') {
    throw new NorthstarError('INVALID_ARGUMENT', 'writeEvents: projectId is required');
  }
  batch.quarantine.forEach((q, i) => {
    if (!(q.receivedAt instanceof Date) || Number.isNaN(q.receivedAt.getTime())) {
      throw new NorthstarError('INVALID_ARGUMENT', `writeEvents: quarantine ${i}: bad receivedAt`, { details: { index: i } });
    }
  });
  const propertiesJson: string[] = [];
  const events = batch.events.map((event, i) => {
    if (typeof event.uuid !== 'string' || event.uuid === '') throw invalid('uuid is empty', i);
    if (typeof event.event !== 'string') throw invalid('event name is not a string', i);
    if (typeof event.distinctId !== 'string') throw invalid('distinctId is not a string', i);
    if (event.sessionId !== null && typeof event.sessionId !== 'string') throw invalid('sessionId is not a string', i);
    if (!(event.timestamp instanceof Date) || Number.isNaN(event.timestamp.getTime())) throw invalid('bad timestamp', i);
    if (!(event.receivedAt instanceof Date) || Number.isNaN(event.receivedAt.getTime())) throw invalid('bad receivedAt', i);
    try {
      propertiesJson.push(toJsonText(event.properties ?? {}, event.propertiesJson));
    } catch (error) {
      throw invalid(`properties are not JSON-serialisable (${String(error)})`, i);
    }
    const clean = {
      uuid: wellFormed(event.uuid),
      event: wellFormed(event.event),
      distinctId: wellFormed(event.distinctId),
      sessionId: event.sessionId === null ? null : wellFormed(event.sessionId),
    };
    const same =
      clean.uuid === event.uuid &&
      clean.event === event.event &&
      clean.distinctId === event.distinctId &&
      clean.sessionId === event.sessionId;
    return same ? event : { ...event, ...clean };
  });
  return { events, propertiesJson };
}
