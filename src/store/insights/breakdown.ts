import { int, sql, type SqlNode } from './ast.js';

/** The value that stands for every breakdown value outside the top N. */
export const OTHER_BREAKDOWN = '$other';

/**
 * Maps a raw breakdown column to its reported value: NULL stays NULL (events without the property form
 * their own group), the `limit` most frequent non-null values (by rows of `source`, ties by value) stay as
 * they are, everything else becomes `$other`. `source` is a relation (a `cte` node or a parenthesised
 * subquery) exposing `column`.
 */
export function topBreakdown(column: SqlNode, source: SqlNode, limit: number): SqlNode {
  return sql`CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} IN (SELECT ${column} FROM ${source} AS top_src WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT ${int(limit)}) THEN ${column} ELSE '$other' END`;
}
