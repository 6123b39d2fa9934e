import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { toTimestampValue } from './duckdb-values.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/**
 * Brings the database to the newest migration's version (LATEST_SCHEMA_VERSION): creates `schema_migrations` if needed, then applies
 * every migration newer than the recorded version, each in one transaction with its bookkeeping row.
 * Reopening an up-to-date file does nothing. A file written by a newer Northstar (unknown version) is
 * refused with STORE_MIGRATION_FAILED rather than risk writing rows an old schema does not expect.
 *
 * @returns the version the database is at afterwards.
 */
export async function migrate(
  conn: DuckDBConnection,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  await conn.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
  );
  const reader = await conn.runAndReadAll('SELECT coalesce(max(version), 0)::INTEGER AS v FROM schema_migrations');
  const current = Number(reader.getRowsJS()[0]?.[0] ?? 0);
  if (current > latest) {
    throw new StoreError(
      'STORE_MIGRATION_FAILED',
      `the database is at schema version ${current}, newer than this build knows (${latest})`,
      { details: { current, latest }, hint: 'Run the Northstar version that wrote this data directory, or restore a backup.' },
    );
  }
  const pending = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    try {
      await conn.run('BEGIN TRANSACTION');
      for (const sql of migration.statements) await conn.run(sql);
      await conn.run('INSERT INTO schema_migrations VALUES ($v, $n, $t)', {
        t: toTimestampValue(new Date()),
        v: migration.version,
        n: migration.name,
      });
      await conn.run('COMMIT');
      logger.info('store migration applied', { version: migration.version, name: migration.name });
    } catch (error) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw new StoreError(
        'STORE_MIGRATION_FAILED',
        `schema migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error, details: { version: migration.version } },
      );
    }
  }
  return Math.max(current, pending.at(-1)?.version ?? current);
}
