import { DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import type { PrintedQuery } from '../src/store/insights/printer.js';

/**
 * A real in-memory DuckDB with the events table (DDL as the store creates it), for the insight compiler's
 * tests and benchmarks. Test-only: src/ never imports the driver outside store/duckdb/.
 */
export interface TestEvent {
  event: string;
  distinctId: string;
  /** ISO text or epoch ms. */
  timestamp: string | number;
  properties?: Record<string, unknown>;
  sessionId?: string | null;
  uuid?: string;
  projectId?: string;
}

export const EVENTS_DDL = `CREATE TABLE events(project_id VARCHAR, uuid VARCHAR, event VARCHAR, distinct_id VARCHAR,
  timestamp TIMESTAMP, received_at TIMESTAMP, properties JSON, session_id VARCHAR)`;

/** An open test database. */
export interface InsightTestDb {
  connection: DuckDBConnection;
  insert(events: readonly TestEvent[], projectId?: string): Promise<void>;
  run(query: PrintedQuery): Promise<Array<Record<string, unknown>>>;
  close(): void;
}

/** Opens a fresh in-memory database with an empty events table. */
export async function openInsightTestDb(): Promise<InsightTestDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(EVENTS_DDL);
  let counter = 0;
  return {
    connection,
    async insert(events, projectId = 'p1') {
      if (events.length === 0) return;
      const appender = await connection.createAppender('events');
      for (const e of events) {
        counter += 1;
        const ts = typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp.endsWith('Z') ? e.timestamp : `${e.timestamp}Z`);
        const micros = new DuckDBTimestampValue(BigInt(ts) * 1000n);
        appender.appendVarchar(e.projectId ?? projectId);
        appender.appendVarchar(e.uuid ?? `u${String(counter).padStart(8, '0')}`);
        appender.appendVarchar(e.event);
        appender.appendVarchar(e.distinctId);
        appender.appendTimestamp(micros);
        appender.appendTimestamp(micros);
        appender.appendVarchar(JSON.stringify(e.properties ?? {}));
        if (e.sessionId === undefined || e.sessionId === null) appender.appendNull();
        else appender.appendVarchar(e.sessionId);
        appender.endRow();
      }
      appender.closeSync();
    },
    async run(query) {
      const reader = await connection.runAndReadAll(query.sql, query.params);
      return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
