/**
 * The DuckDB schema as an ordered list of migrations. Each one runs in its own transaction together with
 * the row that records it in `schema_migrations`, so a crash mid-migration leaves the previous version.
 *
 * Deliberately no PRIMARY KEY, UNIQUE or index anywhere: DuckDB's WAL replay after a kill has failed on
 * indexed tables in the field (duckdb/duckdb#18732, #22044). Uniqueness is enforced in code; one writer
 * process owns the file. Append new migrations at the end; never edit a published one.
 */

/** One schema step. `version` is 1-based and strictly increasing. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** All migrations, oldest first. docs/store.md documents the resulting schema. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `CREATE TABLE projects (
        id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        token VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        settings JSON NOT NULL
      )`,
      `CREATE TABLE api_keys (
        id VARCHAR NOT NULL,
        project_id VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        key_hash VARCHAR NOT NULL,
        scopes JSON NOT NULL,
        created_at TIMESTAMP NOT NULL
      )`,
      `CREATE TABLE events (
        project_id VARCHAR NOT NULL,
        uuid VARCHAR NOT NULL,
        event VARCHAR NOT NULL,
        distinct_id VARCHAR NOT NULL,
        timestamp TIMESTAMP NOT NULL,
        received_at TIMESTAMP NOT NULL,
        properties JSON,
        session_id VARCHAR
      )`,
      `CREATE TABLE persons (
        project_id VARCHAR NOT NULL,
        distinct_id VARCHAR NOT NULL,
        properties JSON,
        first_seen TIMESTAMP,
        last_seen TIMESTAMP
      )`,
      `CREATE TABLE items (
        project_id VARCHAR NOT NULL,
        item_id VARCHAR NOT NULL,
        properties JSON,
        updated_at TIMESTAMP NOT NULL
      )`,
      `CREATE TABLE feedback (
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        distinct_id VARCHAR,
        text VARCHAR NOT NULL,
        rating DOUBLE,
        lang VARCHAR,
        created_at TIMESTAMP NOT NULL,
        sentiment DOUBLE,
        sentiment_label VARCHAR,
        topics JSON,
        properties JSON
      )`,
      `CREATE TABLE quarantine (
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        batch_index INTEGER,
        payload VARCHAR NOT NULL,
        details VARCHAR,
        received_at TIMESTAMP NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'monitors and alerts',
    statements: [
      `CREATE TABLE monitors (
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        enabled BOOLEAN NOT NULL,
        definition JSON NOT NULL,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        last_run_at TIMESTAMP,
        last_run_status VARCHAR,
        last_run_error VARCHAR
      )`,
      `CREATE TABLE alerts (
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        monitor_id VARCHAR NOT NULL,
        period TIMESTAMP NOT NULL,
        status VARCHAR NOT NULL,
        severity VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        opened_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        acknowledged_at TIMESTAMP,
        resolved_at TIMESTAMP,
        resolution VARCHAR,
        details JSON NOT NULL
      )`,
      `CREATE TABLE alert_deliveries (
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        alert_id VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        attempt INTEGER NOT NULL,
        ok BOOLEAN NOT NULL,
        http_status INTEGER,
        error VARCHAR,
        attempted_at TIMESTAMP NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'feedback analysis columns',
    statements: [
      'ALTER TABLE feedback ADD COLUMN sentiment_confidence DOUBLE',
      'ALTER TABLE feedback ADD COLUMN aspects JSON',
      'ALTER TABLE feedback ADD COLUMN keywords JSON',
    ],
  },
  {
    version: 4,
    name: 'training jobs',
    statements: [
      `CREATE TABLE training_jobs (
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        target VARCHAR NOT NULL,
        epochs_planned INTEGER NOT NULL,
        request JSON NOT NULL,
        epochs JSON NOT NULL,
        logs JSON NOT NULL,
        model JSON,
        error JSON,
        model_dir VARCHAR,
        retry_of VARCHAR,
        retried_as VARCHAR
      )`,
    ],
  },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
