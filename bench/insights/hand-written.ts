/**
 * Hand-written DuckDB SQL for the benchmark's funnel and retention, written independently of the compiler
 * (different plans: ASOF joins, "latest start" windows, per-user lists), each with a function that formats
 * its rows exactly as the benchmark formats the compiled result, so answers compare as strings.
 */

/** One hand-written query and how to read its answer. */
export interface HandQuery {
  name: string;
  sql: string;
  /** True when it answers the whole question (counts and medians), not just a part of it. */
  fullAnswer: boolean;
  answer(rows: Array<Record<string, unknown>>): string;
}

const RANGE = `project_id = 'bench' AND timestamp >= TIMESTAMP '2026-01-05' AND timestamp < TIMESTAMP '2026-03-01'`;
const WINDOW_MS = 7 * 86400 * 1000;

const n = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number.NaN);
const med = (v: unknown): string => (v === null || v === undefined ? '-' : n(v).toFixed(3));

function funnelAnswer(rows: Array<Record<string, unknown>>): string {
  const r = rows[0] ?? {};
  return `${n(r.c1)}@- ${n(r.c2)}@${med(r.m2)} ${n(r.c3)}@${med(r.m3)}`;
}

/** Funnels: greedy earliest next step per step-1 event through two ASOF joins, then the best attempt per user. */
const asofFunnel: HandQuery = {
  name: 'ASOF joins',
  fullAnswer: true,
  sql: `
WITH ev AS (
  SELECT distinct_id, epoch_ms(timestamp) AS ts, event FROM events
  WHERE ${RANGE} AND event IN ('view_item', 'add_to_cart', 'purchase')
),
s1 AS (SELECT distinct_id, ts FROM ev WHERE event = 'view_item'),
s2 AS (SELECT distinct_id, ts FROM ev WHERE event = 'add_to_cart'),
s3 AS (SELECT distinct_id, ts FROM ev WHERE event = 'purchase'),
a2 AS (SELECT s1.distinct_id, s1.ts AS t1, s2.ts AS t2 FROM s1 ASOF LEFT JOIN s2 ON s1.distinct_id = s2.distinct_id AND s2.ts >= s1.ts),
a3 AS (SELECT a2.distinct_id, t1, t2, s3.ts AS t3 FROM a2 ASOF LEFT JOIN s3 ON a2.distinct_id = s3.distinct_id AND s3.ts >= a2.t2),
lv AS (
  SELECT distinct_id, t1, t2, t3,
         CASE WHEN t2 IS NULL THEN 1 WHEN t3 - t1 <= ${WINDOW_MS} THEN 3 WHEN t2 - t1 <= ${WINDOW_MS} THEN 2 ELSE 1 END AS level
  FROM a3
),
pu AS (
  SELECT distinct_id, max(level) AS level, arg_max(t1, level * 10000000000000 - t1) AS t1,
         arg_max(t2, level * 10000000000000 - t1) AS t2, arg_max(t3, level * 10000000000000 - t1) AS t3
  FROM lv GROUP BY distinct_id
)
SELECT count(*) AS c1, count(*) FILTER (WHERE level >= 2) AS c2, count(*) FILTER (WHERE level >= 3) AS c3,
       median((t2 - t1) / 1000.0) FILTER (WHERE level >= 2) AS m2, median((t3 - t2) / 1000.0) FILTER (WHERE level >= 3) AS m3
FROM pu`,
  answer: funnelAnswer,
};

/** Funnels, counts only: for each step row the latest step-1 start that can reach it (as windowFunnel does). */
const latestStartFunnel: HandQuery = {
  name: 'latest-start windows',
  fullAnswer: false,
  sql: `
WITH ev AS (
  SELECT distinct_id, epoch_ms(timestamp) AS ts,
         CASE event WHEN 'view_item' THEN 1 WHEN 'add_to_cart' THEN 2 ELSE 3 END AS step
  FROM events WHERE ${RANGE} AND event IN ('view_item', 'add_to_cart', 'purchase')
),
p1 AS (
  SELECT *, max(CASE WHEN step = 1 THEN ts END) OVER (PARTITION BY distinct_id ORDER BY ts, step ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS a2
  FROM ev
),
p2 AS (
  SELECT *, max(CASE WHEN step = 2 AND ts - a2 <= ${WINDOW_MS} THEN a2 END) OVER (PARTITION BY distinct_id ORDER BY ts, step ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS a3
  FROM p1
)
SELECT count(DISTINCT distinct_id) FILTER (WHERE step = 1) AS c1,
       count(DISTINCT distinct_id) FILTER (WHERE step = 2 AND ts - a2 <= ${WINDOW_MS}) AS c2,
       count(DISTINCT distinct_id) FILTER (WHERE step = 3 AND ts - a3 <= ${WINDOW_MS}) AS c3
FROM p2`,
  answer: (rows) => {
    const r = rows[0] ?? {};
    return `${n(r.c1)} ${n(r.c2)} ${n(r.c3)}`;
  },
};

const WEEK_MS = 7 * 86400 * 1000;
const RANGE_START = Date.parse('2026-01-05T00:00:00Z');
const RANGE_END = Date.parse('2026-03-01T00:00:00Z');

/** Formats (cohort, index, users) rows like the benchmark: all weekly cohorts, values cut at the range end. */
function retentionAnswer(rows: Array<Record<string, unknown>>): string {
  const out: string[] = [];
  for (let c = RANGE_START; c < RANGE_END; c += WEEK_MS) {
    const visible = Math.max(1, Math.min(8, Math.ceil((RANGE_END - c) / WEEK_MS)));
    const values = new Array<number>(visible).fill(0);
    for (const r of rows) {
      const cohort = r.c instanceof Date ? r.c.getTime() : n(r.c);
      const i = n(r.i);
      if (cohort === c && i < visible) values[i] = n(r.users);
    }
    out.push(`${new Date(c).toISOString().slice(0, 10)}:${values.join(',')}`);
  }
  return out.join(' ');
}

/** Retention: first sign-up week per user, distinct purchase weeks, joined. */
const joinRetention: HandQuery = {
  name: 'first-week join',
  fullAnswer: true,
  sql: `
WITH f AS (
  SELECT distinct_id, epoch_ms(date_trunc('week', min(timestamp))) AS c FROM events
  WHERE ${RANGE} AND event = 'signup' GROUP BY distinct_id
),
r AS (SELECT DISTINCT distinct_id, epoch_ms(date_trunc('week', timestamp)) AS w FROM events WHERE ${RANGE} AND event = 'purchase')
SELECT c, 0 AS i, count(*) AS users FROM f GROUP BY c
UNION ALL
SELECT c, (w - c) // ${WEEK_MS} AS i, count(*) AS users FROM f JOIN r USING (distinct_id)
WHERE w > c AND w < c + ${8 * WEEK_MS} GROUP BY c, i`,
  answer: retentionAnswer,
};

/** Retention in one scan: per user the first sign-up week and the list of purchase weeks, unnested. */
const listRetention: HandQuery = {
  name: 'one scan + lists',
  fullAnswer: true,
  sql: `
WITH u AS (
  SELECT distinct_id,
         epoch_ms(date_trunc('week', min(timestamp) FILTER (WHERE event = 'signup'))) AS c,
         list(DISTINCT epoch_ms(date_trunc('week', timestamp))) FILTER (WHERE event = 'purchase') AS ws
  FROM events WHERE ${RANGE} AND event IN ('signup', 'purchase') GROUP BY distinct_id
)
SELECT c, 0 AS i, count(*) AS users FROM u WHERE c IS NOT NULL GROUP BY c
UNION ALL
SELECT c, (w - c) // ${WEEK_MS} AS i, count(*) AS users
FROM (SELECT c, unnest(ws) AS w FROM u WHERE c IS NOT NULL)
WHERE w > c AND w < c + ${8 * WEEK_MS} GROUP BY c, i`,
  answer: retentionAnswer,
};

/** The funnel peers, fastest expected first. */
export const HAND_FUNNELS: readonly HandQuery[] = [asofFunnel, latestStartFunnel];
/** The retention peers. */
export const HAND_RETENTIONS: readonly HandQuery[] = [joinRetention, listRetention];
