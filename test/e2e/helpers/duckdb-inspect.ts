import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** What the `events` table of a stopped server's DuckDB file holds, for ledger checks. */
export interface StoredUuidReport {
  /** Rows in `events` (for the project, when given). */
  rows: number;
  /** Every stored uuid, once. */
  uuids: Set<string>;
  /** Uuids stored more than once (must be empty: dedup is exact). */
  duplicated: string[];
}

/** The DuckDB file in a data directory (`northstar.duckdb` by default; the only `*.duckdb` otherwise). */
function findDuckDbFile(dataDir: string): string {
  const files = readdirSync(dataDir).filter((name) => name.endsWith('.duckdb'));
  const preferred = files.includes('northstar.duckdb') ? 'northstar.duckdb' : files[0];
  if (preferred === undefined) throw new Error(`no .duckdb file in ${dataDir}: ${readdirSync(dataDir).join(', ')}`);
  return path.join(dataDir, preferred);
}

/**
 * Opens the data directory's DuckDB file READ-ONLY (the server must be stopped: DuckDB allows one writer
 * process) and reads the uuids in `events`. Tests may open the file directly: it is the documented contract
 * that `events` holds one row per stored event with its `uuid`.
 */
export async function readStoredUuids(dataDir: string, projectId?: string): Promise<StoredUuidReport> {
  const instance = await DuckDBInstance.create(findDuckDbFile(dataDir), { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const columns = await connection.runAndReadAll(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'",
    );
    const names = new Set(columns.getRowObjectsJS().map((row) => String(row.column_name)));
    const scoped = projectId !== undefined && names.has('project_id');
    const where = scoped ? 'WHERE project_id = $project' : '';
    const params = scoped ? { project: projectId } : {};
    const totals = await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM events ${where}`, params);
    const rows = Number(totals.getRowObjectsJS()[0]?.n ?? 0);
    const all = await connection.runAndReadAll(
      `SELECT uuid::VARCHAR AS uuid, count(*)::BIGINT AS n FROM events ${where} GROUP BY 1`,
      params,
    );
    const uuids = new Set<string>();
    const duplicated: string[] = [];
    for (const row of all.getRowObjectsJS()) {
      const uuid = String(row.uuid);
      uuids.add(uuid);
      if (Number(row.n) > 1) duplicated.push(uuid);
    }
    return { rows, uuids, duplicated };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Runs one read-only query on a stopped server's DuckDB file and returns plain JS rows. */
export async function queryDuckDb(
  dataDir: string,
  sql: string,
  params: Record<string, string | number> = {},
): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(findDuckDbFile(dataDir), { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
