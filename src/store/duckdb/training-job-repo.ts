import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { NorthstarError } from '../../common/errors.js';
import type { TrainingEpochRecord, TrainingJobQuery, TrainingJobRecord } from '../training-job-records.js';
import { fromTimestamp, optionalNumber, optionalString, parseJsonColumn, requireTimestamp, toJsonText, toTimestampValue } from './duckdb-values.js';
import { inTransaction, jsonList, queryRows, type Row } from './sql-helpers.js';

/**
 * Training-job records (migration 4). A job's row is rewritten whole on every save (delete + insert in one
 * transaction on the writer lane): saves are rare (accept, throttled progress, end), rows are small, and the
 * table has no key by design (see migrations.ts), so "replace" is the one write it needs.
 */

const iso = (value: unknown): string => requireTimestamp(value).toISOString();
const ts = (value: string | null): DuckDBValue => (value === null ? null : toTimestampValue(new Date(value)));

function toRecord(row: Row): TrainingJobRecord {
  return {
    id: String(row['id']),
    projectId: String(row['project_id']),
    kind: String(row['kind']),
    status: String(row['status']),
    startedAt: iso(row['started_at']),
    updatedAt: iso(row['updated_at']),
    finishedAt: fromTimestamp(row['finished_at'])?.toISOString() ?? null,
    target: String(row['target']),
    epochsPlanned: optionalNumber(row['epochs_planned']) ?? 0,
    request: parseJsonColumn<Record<string, unknown>>(row['request'], {}),
    epochs: parseJsonColumn<TrainingEpochRecord[]>(row['epochs'], []),
    logs: parseJsonColumn<string[]>(row['logs'], []),
    model: parseJsonColumn<Record<string, unknown> | null>(row['model'], null),
    error: parseJsonColumn<TrainingJobRecord['error']>(row['error'], null),
    modelDir: optionalString(row['model_dir']),
    retryOf: optionalString(row['retry_of']),
    retriedAs: optionalString(row['retried_as']),
  };
}

/** Inserts or replaces a job by (project, id) (call on the writer lane); NOT_FOUND for an unknown project. */
export async function saveTrainingJob(conn: DuckDBConnection, job: TrainingJobRecord): Promise<void> {
  if (job.id === '') throw new NorthstarError('INVALID_ARGUMENT', 'a training job needs a non-empty id');
  const known = await queryRows(conn, 'SELECT 1 AS x FROM projects WHERE id = $id LIMIT 1', { id: job.projectId });
  if (known.length === 0) throw new NorthstarError('NOT_FOUND', `no project "${job.projectId}"`, { details: { id: job.projectId } });
  await inTransaction(conn, async () => {
    await conn.run('DELETE FROM training_jobs WHERE project_id = $project AND id = $id', { project: job.projectId, id: job.id });
    await conn.run(
      `INSERT INTO training_jobs VALUES ($project, $id, $kind, $status, $started, $updated, $finished::TIMESTAMP, $target,
        $planned, $request, $epochs, $logs, $model::JSON, $error::JSON, $modelDir::VARCHAR, $retryOf::VARCHAR, $retriedAs::VARCHAR)`,
      {
        project: job.projectId,
        id: job.id,
        kind: job.kind,
        status: job.status,
        started: ts(job.startedAt),
        updated: ts(job.updatedAt),
        finished: ts(job.finishedAt),
        target: job.target,
        planned: Math.trunc(job.epochsPlanned),
        request: toJsonText(job.request),
        epochs: toJsonText(job.epochs),
        logs: toJsonText(job.logs),
        model: job.model === null ? null : toJsonText(job.model),
        error: job.error === null ? null : toJsonText(job.error),
        modelDir: job.modelDir,
        retryOf: job.retryOf,
        retriedAs: job.retriedAs,
      },
    );
  });
}

/** One job, if any. */
export async function selectTrainingJob(conn: DuckDBConnection, projectId: string, id: string): Promise<TrainingJobRecord | undefined> {
  const rows = await queryRows(conn, 'SELECT * FROM training_jobs WHERE project_id = $project AND id = $id LIMIT 1', { project: projectId, id });
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** Jobs newest started first (ties: newest id first, uuidv7 ids sort by time). */
export async function selectTrainingJobs(conn: DuckDBConnection, query: TrainingJobQuery): Promise<TrainingJobRecord[]> {
  const where: string[] = [];
  const params: Record<string, DuckDBValue> = { limit: Math.max(0, Math.floor(query.limit)), offset: Math.max(0, Math.floor(query.offset ?? 0)) };
  if (query.projectId !== undefined) {
    where.push('project_id = $project');
    params['project'] = query.projectId;
  }
  if (query.statuses !== undefined) {
    where.push(`status IN (SELECT unnest(${jsonList('statuses')}))`);
    params['statuses'] = JSON.stringify(query.statuses);
  }
  const rows = await queryRows(
    conn,
    `SELECT * FROM training_jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY started_at DESC, id DESC LIMIT $limit OFFSET $offset`,
    params,
  );
  return rows.map(toRecord);
}
