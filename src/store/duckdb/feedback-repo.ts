import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { NorthstarError } from '../../common/errors.js';
import type { FeedbackAspect, FeedbackFilter, FeedbackGroupBy, FeedbackSummaryRow } from '../feedback-records.js';
import type { FeedbackRecord } from '../records.js';
import { optionalNumber, optionalString, parseJsonColumn, requireTimestamp, toJsonText, toTimestampValue } from './duckdb-values.js';
import { inJsonList, inTransaction, queryRows, type Row } from './sql-helpers.js';

/**
 * Feedback rows: idempotent inserts (first write of an id wins), filtered pages, counts and daily summaries.
 * Every filter value is a bound parameter; property keys are checked against a strict pattern before they reach
 * a JSON path.
 */

const PROPERTY_KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]{0,99}$/u;

/** WHERE clause and parameters for a project and a {@link FeedbackFilter}. */
export function feedbackWhere(projectId: string, filter: FeedbackFilter = {}): { sql: string; params: Record<string, DuckDBValue> } {
  const parts = ['project_id = $project'];
  const params: Record<string, DuckDBValue> = { project: projectId };
  const list = (column: string, name: string, values: string[] | undefined): void => {
    if (values === undefined) return;
    parts.push(`${column} IN ${inJsonList(name)}`);
    params[name] = JSON.stringify(values);
  };
  list('lang', 'langs', filter.langs);
  list('source', 'sources', filter.sources);
  list('sentiment_label', 'labels', filter.sentimentLabels);
  list('distinct_id', 'distinctIds', filter.distinctIds);
  list('id', 'ids', filter.ids);
  if (filter.topic !== undefined) {
    parts.push(`list_contains(CAST(coalesce(topics, '[]') AS VARCHAR[]), $topic)`);
    params['topic'] = filter.topic;
  }
  if (filter.negativeAspect !== undefined) {
    parts.push(
      `list_contains(list_transform(from_json(coalesce(aspects, '[]'), '[{"aspect":"VARCHAR","label":"VARCHAR"}]'), a -> a.aspect || ':' || a.label), $negAspect || ':negative')`,
    );
    params['negAspect'] = filter.negativeAspect;
  }
  if (filter.since !== undefined) {
    parts.push('created_at >= $since');
    params['since'] = toTimestampValue(filter.since);
  }
  if (filter.until !== undefined) {
    parts.push('created_at < $until');
    params['until'] = toTimestampValue(filter.until);
  }
  if (filter.search !== undefined && filter.search.length > 0) {
    parts.push('contains(lower(text), lower($search))');
    params['search'] = filter.search;
  }
  Object.entries(filter.properties ?? {}).forEach(([key, value], i) => {
    if (!PROPERTY_KEY.test(key)) throw new NorthstarError('INVALID_ARGUMENT', `feedback property filter key "${key}" is not a valid property name`);
    parts.push(`json_extract_string(properties, $pk${i}) = $pv${i}`);
    params[`pk${i}`] = `$."${key}"`;
    params[`pv${i}`] = value;
  });
  return { sql: parts.join(' AND '), params };
}

/** Inserts feedback; an id already stored (or repeated in the call) is skipped and counted as duplicate. */
export async function insertFeedback(
  conn: DuckDBConnection,
  projectId: string,
  feedback: FeedbackRecord[],
): Promise<{ stored: number; duplicates: number }> {
  if (feedback.length === 0) return { stored: 0, duplicates: 0 };
  for (const f of feedback) {
    if (!(f.createdAt instanceof Date) || Number.isNaN(f.createdAt.getTime())) {
      throw new NorthstarError('INVALID_ARGUMENT', `feedback ${f.id}: createdAt is not a valid date`);
    }
  }
  return inTransaction(conn, async () => {
    const seen = await existingFeedbackIds(conn, projectId, feedback.map((f) => f.id));
    const appender = await conn.createAppender('feedback');
    let stored = 0;
    try {
      for (const f of feedback) {
        if (seen.has(f.id)) continue;
        seen.add(f.id);
        stored++;
        const text = (v: string | null | undefined): void =>
          v === null || v === undefined ? appender.appendNull() : appender.appendVarchar(v);
        const num = (v: number | null | undefined): void =>
          v === null || v === undefined ? appender.appendNull() : appender.appendDouble(v);
        const json = (v: unknown): void => text(v === undefined || v === null ? null : toJsonText(v));
        appender.appendVarchar(projectId);
        appender.appendVarchar(f.id);
        appender.appendVarchar(f.source);
        text(f.distinctId);
        appender.appendVarchar(f.text);
        num(f.rating);
        text(f.lang);
        appender.appendTimestamp(toTimestampValue(f.createdAt));
        num(f.sentiment);
        text(f.sentimentLabel);
        json(f.topics);
        json(f.properties);
        // schema v3 columns, in their ALTER TABLE order
        num(f.sentimentConfidence);
        json(f.aspects);
        json(f.keywords);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return { stored, duplicates: feedback.length - stored };
  });
}

/** The subset of `ids` already stored for the project. */
export async function existingFeedbackIds(conn: DuckDBConnection, projectId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows(conn, `SELECT DISTINCT id FROM feedback WHERE project_id = $project AND id IN ${inJsonList('ids')}`, {
    project: projectId,
    ids: toJsonText([...new Set(ids)]),
  });
  return new Set(rows.map((row) => String(row['id'])));
}

function toFeedback(row: Row): FeedbackRecord {
  const record: FeedbackRecord = {
    id: String(row['id']),
    source: String(row['source']),
    distinctId: optionalString(row['distinct_id']),
    text: String(row['text']),
    rating: optionalNumber(row['rating']),
    lang: optionalString(row['lang']),
    createdAt: requireTimestamp(row['created_at']),
    sentiment: optionalNumber(row['sentiment']),
    sentimentLabel: optionalString(row['sentiment_label']),
    topics: parseJsonColumn<string[] | null>(row['topics'], null),
  };
  // the schema-v3 analysis fields appear only when set, so rows written without analysis read back as written
  const confidence = optionalNumber(row['sentiment_confidence']);
  if (confidence !== null) record.sentimentConfidence = confidence;
  const aspects = parseJsonColumn<FeedbackAspect[] | null>(row['aspects'], null);
  if (aspects !== null) record.aspects = aspects;
  const keywords = parseJsonColumn<string[] | null>(row['keywords'], null);
  if (keywords !== null) record.keywords = keywords;
  if (row['properties'] !== null && row['properties'] !== undefined) {
    record.properties = parseJsonColumn<Record<string, unknown>>(row['properties'], {});
  }
  return record;
}

/** A page of feedback matching `filter`, newest first (ties by id). */
export async function listFeedback(
  conn: DuckDBConnection,
  projectId: string,
  options: { limit: number; offset?: number; filter?: FeedbackFilter },
): Promise<FeedbackRecord[]> {
  const where = feedbackWhere(projectId, options.filter);
  const rows = await queryRows(conn, `SELECT * FROM feedback WHERE ${where.sql} ORDER BY created_at DESC, id LIMIT $limit OFFSET $offset`, {
    ...where.params,
    limit: Math.max(0, options.limit),
    offset: Math.max(0, options.offset ?? 0),
  });
  return rows.map(toFeedback);
}

/** How many feedback items match `filter`. */
export async function countFeedback(conn: DuckDBConnection, projectId: string, filter?: FeedbackFilter): Promise<number> {
  const where = feedbackWhere(projectId, filter);
  const rows = await queryRows(conn, `SELECT count(*) AS n FROM feedback WHERE ${where.sql}`, where.params);
  return Number(rows[0]?.['n'] ?? 0);
}

/** Volume and sentiment per UTC day (and group), oldest day first, groups by name (NULL last). */
export async function summarizeFeedback(
  conn: DuckDBConnection,
  projectId: string,
  options: { filter?: FeedbackFilter; groupBy?: FeedbackGroupBy },
): Promise<FeedbackSummaryRow[]> {
  const where = feedbackWhere(projectId, options.filter);
  const params = { ...where.params };
  const groupBy = options.groupBy ?? 'none';
  let group = 'NULL';
  if (groupBy === 'source') group = 'source';
  else if (groupBy === 'lang') group = 'lang';
  else if (typeof groupBy === 'object') {
    if (!PROPERTY_KEY.test(groupBy.property)) throw new NorthstarError('INVALID_ARGUMENT', `feedback group property "${groupBy.property}" is not a valid property name`);
    group = 'json_extract_string(properties, $groupPath)';
    params['groupPath'] = `$."${groupBy.property}"`;
  }
  const rows = await queryRows(
    conn,
    `SELECT strftime(CAST(created_at AS DATE), '%Y-%m-%d') AS day, ${group} AS grp, count(*) AS n,
            count(*) FILTER (WHERE sentiment_label = 'negative') AS neg,
            count(*) FILTER (WHERE sentiment_label = 'neutral') AS neu,
            count(*) FILTER (WHERE sentiment_label = 'positive') AS pos,
            avg(sentiment) AS mean
       FROM feedback WHERE ${where.sql}
      GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`,
    params,
  );
  return rows.map((r) => ({
    day: String(r['day']),
    group: optionalString(r['grp']),
    count: Number(r['n']),
    negative: Number(r['neg']),
    neutral: Number(r['neu']),
    positive: Number(r['pos']),
    meanScore: optionalNumber(r['mean']),
  }));
}
