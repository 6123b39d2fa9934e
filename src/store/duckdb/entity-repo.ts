import type { DuckDBConnection } from '@duckdb/node-api';
import type { ItemRecord, PersonRecord, QuarantineRecord } from '../records.js';
import { fromTimestamp, optionalNumber, optionalString, parseJsonColumn, requireTimestamp, toJsonText, toTimestampValue } from './duckdb-values.js';
import { inJsonList, inTransaction, queryRows, type Row } from './sql-helpers.js';

/**
 * Persons, items and quarantine reads (feedback lives in feedback-repo.ts). Upserts are "read existing, merge in JS, delete, insert"
 * inside one transaction on the writer lane: the tables carry no keys (see migrations.ts), so uniqueness
 * per (project, id) is kept here.
 */

function toPerson(row: Row): PersonRecord {
  const person: PersonRecord = {
    distinctId: String(row['distinct_id']),
    properties: parseJsonColumn<Record<string, unknown>>(row['properties'], {}),
  };
  const first = fromTimestamp(row['first_seen']);
  const last = fromTimestamp(row['last_seen']);
  if (first !== null) person.firstSeen = first;
  if (last !== null) person.lastSeen = last;
  return person;
}

function earlier(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

function later(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * Merges `update` into `base`: `setOnce` keys only where the person has none (`$set_once`), then `properties`
 * as `$set` does (new values win); first-seen keeps the earliest, last-seen the latest.
 */
function mergePerson(base: PersonRecord | undefined, update: PersonRecord): PersonRecord {
  const current = base?.properties ?? {};
  // fromEntries and spreads define own keys, so a "__proto__" key stays data and never sets the prototype.
  const once = Object.fromEntries(Object.entries(update.setOnce ?? {}).filter(([key]) => !Object.hasOwn(current, key)));
  const merged: PersonRecord = { distinctId: update.distinctId, properties: { ...current, ...once, ...update.properties } };
  const first = earlier(base?.firstSeen, update.firstSeen);
  const last = later(base?.lastSeen, update.lastSeen);
  if (first !== undefined) merged.firstSeen = first;
  if (last !== undefined) merged.lastSeen = last;
  return merged;
}

/** Persons of a project by distinct id (unknown ids are left out). */
export async function selectPersons(
  conn: DuckDBConnection,
  projectId: string,
  distinctIds: string[],
): Promise<PersonRecord[]> {
  if (distinctIds.length === 0) return [];
  const rows = await queryRows(
    conn,
    `SELECT * FROM persons WHERE project_id = $project AND distinct_id IN ${inJsonList('ids')}
     ORDER BY distinct_id`,
    { project: projectId, ids: toJsonText(distinctIds) },
  );
  return rows.map(toPerson);
}

/** Inserts or merges persons (call on the writer lane). */
export async function upsertPersons(conn: DuckDBConnection, projectId: string, persons: PersonRecord[]): Promise<void> {
  if (persons.length === 0) return;
  await inTransaction(conn, async () => {
    const ids = [...new Set(persons.map((p) => p.distinctId))];
    const merged = new Map<string, PersonRecord>();
    for (const existing of await selectPersons(conn, projectId, ids)) merged.set(existing.distinctId, existing);
    for (const update of persons) merged.set(update.distinctId, mergePerson(merged.get(update.distinctId), update));
    await conn.run(
      `DELETE FROM persons WHERE project_id = $project AND distinct_id IN ${inJsonList('ids')}`,
      { project: projectId, ids: toJsonText(ids) },
    );
    const appender = await conn.createAppender('persons');
    try {
      for (const person of merged.values()) {
        appender.appendVarchar(projectId);
        appender.appendVarchar(person.distinctId);
        appender.appendVarchar(toJsonText(person.properties));
        if (person.firstSeen === undefined) appender.appendNull();
        else appender.appendTimestamp(toTimestampValue(person.firstSeen));
        if (person.lastSeen === undefined) appender.appendNull();
        else appender.appendTimestamp(toTimestampValue(person.lastSeen));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  });
}

/** Inserts or replaces catalogue items by item id; the last record for an id in the call wins. */
export async function upsertItems(
  conn: DuckDBConnection,
  projectId: string,
  items: ItemRecord[],
  now: Date = new Date(),
): Promise<void> {
  if (items.length === 0) return;
  const latest = new Map<string, ItemRecord>();
  for (const item of items) latest.set(item.itemId, item);
  await inTransaction(conn, async () => {
    await conn.run(`DELETE FROM items WHERE project_id = $project AND item_id IN ${inJsonList('ids')}`, {
      project: projectId,
      ids: toJsonText([...latest.keys()]),
    });
    const appender = await conn.createAppender('items');
    try {
      for (const item of latest.values()) {
        appender.appendVarchar(projectId);
        appender.appendVarchar(item.itemId);
        appender.appendVarchar(toJsonText(item.properties));
        appender.appendTimestamp(toTimestampValue(now));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  });
}

/** A page of items ordered by item id. */
export async function listItems(
  conn: DuckDBConnection,
  projectId: string,
  options: { limit: number; offset?: number },
): Promise<ItemRecord[]> {
  const rows = await queryRows(
    conn,
    'SELECT item_id, properties FROM items WHERE project_id = $project ORDER BY item_id LIMIT $limit OFFSET $offset',
    { project: projectId, limit: Math.max(0, options.limit), offset: Math.max(0, options.offset ?? 0) },
  );
  return rows.map((row) => ({
    itemId: String(row['item_id']),
    properties: parseJsonColumn<Record<string, unknown>>(row['properties'], {}),
  }));
}

/** The most recent quarantined events of a project. */
export async function listQuarantine(
  conn: DuckDBConnection,
  projectId: string,
  options: { limit: number },
): Promise<Array<QuarantineRecord & { id: string }>> {
  const rows = await queryRows(
    conn,
    'SELECT * FROM quarantine WHERE project_id = $project ORDER BY received_at DESC, id LIMIT $limit',
    { project: projectId, limit: Math.max(0, options.limit) },
  );
  return rows.map((row) => {
    const record: QuarantineRecord & { id: string } = {
      id: String(row['id']),
      reason: String(row['reason']),
      batchIndex: optionalNumber(row['batch_index']),
      payload: String(row['payload']),
      receivedAt: requireTimestamp(row['received_at']),
    };
    const details = optionalString(row['details']);
    if (details !== null) record.details = details;
    return record;
  });
}

/** Number of quarantined events of a project. */
export async function countQuarantine(conn: DuckDBConnection, projectId: string): Promise<number> {
  const rows = await queryRows(conn, 'SELECT count(*) AS n FROM quarantine WHERE project_id = $project', {
    project: projectId,
  });
  return Number(rows[0]?.['n'] ?? 0);
}
