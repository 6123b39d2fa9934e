import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { migrate } from './migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';

describe('migrate', () => {
  it('creates every table once and is idempotent', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    expect(await migrate(conn, silentLogger)).toBe(LATEST_SCHEMA_VERSION);
    expect(await migrate(conn, silentLogger)).toBe(LATEST_SCHEMA_VERSION);
    const tables = (await conn.runAndReadAll('SELECT table_name FROM duckdb_tables() ORDER BY 1')).getRowsJS().flat();
    expect(tables).toEqual(expect.arrayContaining(['api_keys', 'events', 'feedback', 'items', 'persons', 'projects', 'quarantine', 'schema_migrations']));
    // version 2: monitors and alerts
    expect(tables).toEqual(expect.arrayContaining(['alert_deliveries', 'alerts', 'monitors']));
    // version 4: training jobs
    expect(tables).toContain('training_jobs');
    const versions = (await conn.runAndReadAll('SELECT version FROM schema_migrations')).getRowsJS().flat();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    // no keys or indexes anywhere (WAL-replay safety)
    const constraints = await conn.runAndReadAll(
      "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
    );
    expect(Number(constraints.getRowsJS()[0]?.[0])).toBe(0);
    expect(Number((await conn.runAndReadAll('SELECT count(*) FROM duckdb_indexes()')).getRowsJS()[0]?.[0])).toBe(0);
    conn.closeSync();
    instance.closeSync();
  });

  it('applies only newer migrations, and refuses a file from a newer version', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await migrate(conn, silentLogger);
    const extra = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'add t', statements: ['CREATE TABLE t (x INTEGER)'] }];
    expect(await migrate(conn, silentLogger, extra)).toBe(LATEST_SCHEMA_VERSION + 1);
    await expect(migrate(conn, silentLogger)).rejects.toMatchObject({ code: 'STORE_MIGRATION_FAILED' });
    conn.closeSync();
    instance.closeSync();
  });

  it('upgrades a version-3 file to training jobs (v4) keeping its rows', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    expect(await migrate(conn, silentLogger, MIGRATIONS.filter((m) => m.version <= 3))).toBe(3);
    await conn.run(`INSERT INTO projects VALUES ('p1', 'Shop', 'phc_1', now()::TIMESTAMP, '{}')`);
    expect(await migrate(conn, silentLogger)).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect((await conn.runAndReadAll('SELECT id FROM projects')).getRowsJS().flat()).toEqual(['p1']);
    const cols = (await conn.runAndReadAll("SELECT column_name FROM duckdb_columns() WHERE table_name = 'training_jobs' ORDER BY column_index")).getRowsJS().flat();
    expect(cols).toEqual(expect.arrayContaining(['project_id', 'id', 'status', 'epochs', 'model', 'error', 'model_dir', 'retry_of']));
    expect(Number((await conn.runAndReadAll('SELECT count(*) FROM training_jobs')).getRowsJS()[0]?.[0])).toBe(0);
    conn.closeSync();
    instance.closeSync();
  });

  it('rolls back a failing migration completely', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await migrate(conn, silentLogger);
    const broken = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', statements: ['CREATE TABLE half (x INTEGER)', 'SELECT nope FROM nowhere'] },
    ];
    await expect(migrate(conn, silentLogger, broken)).rejects.toMatchObject({ code: 'STORE_MIGRATION_FAILED' });
    const half = await conn.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'half'");
    expect(Number(half.getRowsJS()[0]?.[0])).toBe(0);
    expect(await migrate(conn, silentLogger)).toBe(LATEST_SCHEMA_VERSION);
    conn.closeSync();
    instance.closeSync();
  });
});
