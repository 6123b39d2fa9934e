import type { DuckDBConnection } from '@duckdb/node-api';
import { NorthstarError } from '../../common/errors.js';
import type { ApiKeyRecord, ApiKeyScope, Project, ProjectSettings } from '../records.js';
import { parseJsonColumn, requireTimestamp, toJsonText, toTimestampValue } from './duckdb-values.js';
import { queryRows, type Row } from './sql-helpers.js';

/**
 * Projects and API keys. Writers run on the writer connection's lane, so "check unique, then insert" is
 * atomic with respect to every other write (the tables have no UNIQUE constraints by design).
 */

function toProject(row: Row): Project {
  return {
    id: String(row['id']),
    name: String(row['name']),
    token: String(row['token']),
    createdAt: requireTimestamp(row['created_at']).toISOString(),
    settings: parseJsonColumn<ProjectSettings>(row['settings'], {}),
  };
}

function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: String(row['id']),
    projectId: String(row['project_id']),
    label: String(row['label']),
    keyHash: String(row['key_hash']),
    scopes: parseJsonColumn<ApiKeyScope[]>(row['scopes'], []),
    createdAt: requireTimestamp(row['created_at']).toISOString(),
  };
}

/** Inserts a project; ALREADY_EXISTS when its id or token is taken. */
export async function insertProject(
  conn: DuckDBConnection,
  input: Omit<Project, 'createdAt' | 'settings'> & { settings?: ProjectSettings },
  now: Date = new Date(),
): Promise<Project> {
  if (input.id === '' || input.token === '') {
    throw new NorthstarError('INVALID_ARGUMENT', 'a project needs a non-empty id and token');
  }
  const clash = await queryRows(conn, 'SELECT id, token FROM projects WHERE id = $id OR token = $token LIMIT 1', {
    id: input.id,
    token: input.token,
  });
  if (clash.length > 0) {
    const which = clash[0]?.['id'] === input.id ? `id "${input.id}"` : 'token';
    throw new NorthstarError('ALREADY_EXISTS', `a project with this ${which} already exists`, {
      details: { id: input.id },
    });
  }
  const project: Project = {
    id: input.id,
    name: input.name,
    token: input.token,
    createdAt: now.toISOString(),
    settings: input.settings ?? {},
  };
  await conn.run('INSERT INTO projects VALUES ($id, $name, $token, $created, $settings)', {
    id: project.id,
    name: project.name,
    token: project.token,
    created: toTimestampValue(now),
    settings: toJsonText(project.settings),
  });
  return project;
}

/** The project with this id, if any. */
async function selectProject(conn: DuckDBConnection, id: string): Promise<Project | undefined> {
  const rows = await queryRows(conn, 'SELECT * FROM projects WHERE id = $id LIMIT 1', { id });
  return rows[0] === undefined ? undefined : toProject(rows[0]);
}

/** All projects, oldest first. */
export async function selectProjects(conn: DuckDBConnection): Promise<Project[]> {
  const rows = await queryRows(conn, 'SELECT * FROM projects ORDER BY created_at, id');
  return rows.map(toProject);
}

/** Replaces a project's settings; NOT_FOUND when the project does not exist. */
export async function updateSettings(
  conn: DuckDBConnection,
  id: string,
  settings: ProjectSettings,
): Promise<Project> {
  const existing = await selectProject(conn, id);
  if (existing === undefined) throw new NorthstarError('NOT_FOUND', `no project "${id}"`, { details: { id } });
  await conn.run('UPDATE projects SET settings = $settings WHERE id = $id', { id, settings: toJsonText(settings) });
  return { ...existing, settings };
}

/** Stores an API key (hash only); NOT_FOUND for an unknown project, ALREADY_EXISTS for a reused id or hash. */
export async function insertApiKey(
  conn: DuckDBConnection,
  key: Omit<ApiKeyRecord, 'createdAt'>,
  now: Date = new Date(),
): Promise<ApiKeyRecord> {
  if ((await selectProject(conn, key.projectId)) === undefined) {
    throw new NorthstarError('NOT_FOUND', `no project "${key.projectId}"`, { details: { id: key.projectId } });
  }
  const clash = await queryRows(conn, 'SELECT id FROM api_keys WHERE id = $id OR key_hash = $hash LIMIT 1', {
    id: key.id,
    hash: key.keyHash,
  });
  if (clash.length > 0) throw new NorthstarError('ALREADY_EXISTS', 'an API key with this id or secret already exists');
  const record: ApiKeyRecord = { ...key, scopes: [...key.scopes], createdAt: now.toISOString() };
  await conn.run('INSERT INTO api_keys VALUES ($id, $project, $label, $hash, $scopes, $created)', {
    id: record.id,
    project: record.projectId,
    label: record.label,
    hash: record.keyHash,
    scopes: toJsonText(record.scopes),
    created: toTimestampValue(now),
  });
  return record;
}


/** All API keys (to fill the in-memory cache at open). */
export async function selectApiKeys(conn: DuckDBConnection): Promise<ApiKeyRecord[]> {
  const rows = await queryRows(conn, 'SELECT * FROM api_keys ORDER BY created_at, id');
  return rows.map(toApiKey);
}
