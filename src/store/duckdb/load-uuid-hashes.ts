import type { DuckDBConnection } from '@duckdb/node-api';
import { UuidHashSet } from './uuid-hash-set.js';

/**
 * Builds the dedup hash set from the stored events, streaming (project_id, uuid) chunk by chunk so memory
 * stays at one chunk of strings plus the typed arrays, whatever the table size.
 */
export async function loadUuidHashes(conn: DuckDBConnection): Promise<UuidHashSet> {
  const countReader = await conn.runAndReadAll('SELECT count(*) FROM events');
  const total = Number(countReader.getRowsJS()[0]?.[0] ?? 0);
  const set = new UuidHashSet(total);
  if (total === 0) return set;
  const result = await conn.stream('SELECT project_id, uuid FROM events');
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const projects = chunk.getColumnValues(0);
    const uuids = chunk.getColumnValues(1);
    for (let i = 0; i < uuids.length; i++) set.add(String(projects[i]), String(uuids[i]));
  }
  return set;
}
