import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { StoredEvent } from '../records.js';
import { optionalString, parseJsonColumn, requireTimestamp, toJsonText, toTimestampValue } from './duckdb-values.js';
import { inJsonList, queryRows, type Row } from './sql-helpers.js';

/** Reads of the `events` table. Every query carries the project predicate. */

function toStoredEvent(row: Row): StoredEvent {
  return {
    projectId: String(row['project_id']),
    uuid: String(row['uuid']),
    event: String(row['event']),
    distinctId: String(row['distinct_id']),
    timestamp: requireTimestamp(row['timestamp']),
    receivedAt: requireTimestamp(row['received_at']),
    properties: parseJsonColumn<Record<string, unknown>>(row['properties'], {}),
    sessionId: optionalString(row['session_id']),
  };
}

/** Number of stored events of a project. */
export async function countEvents(conn: DuckDBConnection, projectId: string): Promise<number> {
  const rows = await queryRows(conn, 'SELECT count(*) AS n FROM events WHERE project_id = $project', {
    project: projectId,
  });
  return Number(rows[0]?.['n'] ?? 0);
}

/** Options of {@link readEvents}: `after` is inclusive, `before` exclusive. */
export interface ReadEventsOptions {
  after?: Date;
  before?: Date;
  /** Only events received at or after this server time (late arrivals included, whatever their timestamp). */
  receivedSince?: Date;
  events?: string[];
  /** Only this user's events (serving rebuilds a user's row from them). */
  distinctId?: string;
  limit: number;
  offset?: number;
}

/** A page of events in (timestamp, uuid) order, a total order so pages never overlap or skip. */
export async function readEvents(
  conn: DuckDBConnection,
  projectId: string,
  options: ReadEventsOptions,
): Promise<StoredEvent[]> {
  if (options.events?.length === 0) return []; // DuckDB cannot bind an empty untyped list; nothing matches anyway
  const where = ['project_id = $project'];
  const params: Record<string, DuckDBValue> = {
    project: projectId,
    limit: Math.max(0, Math.floor(options.limit)),
    offset: Math.max(0, Math.floor(options.offset ?? 0)),
  };
  if (options.after !== undefined) {
    where.push('timestamp >= $after');
    params['after'] = toTimestampValue(options.after);
  }
  if (options.before !== undefined) {
    where.push('timestamp < $before');
    params['before'] = toTimestampValue(options.before);
  }
  if (options.receivedSince !== undefined) {
    where.push('received_at >= $receivedSince');
    params['receivedSince'] = toTimestampValue(options.receivedSince);
  }
  if (options.distinctId !== undefined) {
    where.push('distinct_id = $distinct');
    params['distinct'] = options.distinctId;
  }
  if (options.events !== undefined) {
    where.push(`event IN ${inJsonList('events')}`);
    params['events'] = toJsonText(options.events);
  }
  const rows = await queryRows(
    conn,
    `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY timestamp, uuid LIMIT $limit OFFSET $offset`,
    params,
  );
  return rows.map(toStoredEvent);
}

/** Event names of a project with their counts, most frequent first. */
export async function listEventNames(
  conn: DuckDBConnection,
  projectId: string,
): Promise<Array<{ event: string; count: number }>> {
  const rows = await queryRows(
    conn,
    'SELECT event, count(*) AS n FROM events WHERE project_id = $project GROUP BY event ORDER BY n DESC, event',
    { project: projectId },
  );
  return rows.map((row) => ({ event: String(row['event']), count: Number(row['n']) }));
}

/** How many recent events {@link listPropertyKeys} samples: enough for the UI, bounded on big tables. */
const PROPERTY_KEY_SAMPLE = 10_000;

/** Top-level property keys seen in the most recent events (optionally of one event name), sorted. */
export async function listPropertyKeys(
  conn: DuckDBConnection,
  projectId: string,
  event?: string,
): Promise<string[]> {
  const params: Record<string, DuckDBValue> = { project: projectId, sample: PROPERTY_KEY_SAMPLE };
  let filter = '';
  if (event !== undefined) {
    filter = ' AND event = $event';
    params['event'] = event;
  }
  const rows = await queryRows(
    conn,
    `SELECT DISTINCT unnest(json_keys(properties)) AS k FROM (
       SELECT properties FROM events WHERE project_id = $project${filter} AND properties IS NOT NULL
       ORDER BY timestamp DESC LIMIT $sample
     ) ORDER BY k`,
    params,
  );
  return rows.map((row) => String(row['k']));
}
