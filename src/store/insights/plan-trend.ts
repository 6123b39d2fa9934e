import { NorthstarError } from '../../common/errors.js';
import { call, cte, fromEvents, ident, int, sql, type SqlNode } from './ast.js';
import { topBreakdown, OTHER_BREAKDOWN } from './breakdown.js';
import { enumerateBuckets, isoOf, resolveDateRange, type DateRange } from './date-range.js';
import { inRange, matchSelector, propertyNumber, propertyText } from './filters.js';
import type { InsightPlan, PlanContext } from './plan-types.js';
import { printQuery } from './printer.js';
import { num, numOrNull, resultSet, text, type Rows } from './rows.js';
import type { SeriesPoint, TrendResult, TrendSpec } from './spec.js';

type Series = TrendSpec['series'][number];

/** Bucket value of the row that carries the whole-range aggregate (no real bucket starts at -1 ms). */
const TOTAL_BUCKET = -1;

function aggregate(series: Series): SqlNode {
  switch (series.math) {
    case 'total':
      return sql`count(*)`;
    case 'unique_users':
      return call('countDistinct', [ident('distinct_id')]);
    default:
      if (series.property === undefined) {
        throw new NorthstarError('QUERY_INVALID', `math ${series.math} needs a property`, { details: { math: series.math } });
      }
      return sql`${{ kind: 'fragment', parts: [`${series.math}(`, ')'], children: [ident('v')] }}`;
  }
}

/** The rows of one series in a range: ts, distinct_id, numeric value, raw breakdown value. */
function baseRows(spec: TrendSpec, series: Series, range: DateRange, projectId: string): SqlNode {
  const value = series.property === undefined ? call('nullDouble', []) : propertyNumber(series.property);
  const breakdown = spec.breakdown === undefined ? sql`NULL` : propertyText(spec.breakdown);
  const where = [inRange(range.from, range.to), matchSelector(series), matchSelectorFilters(spec)];
  return sql`SELECT timestamp AS ts, distinct_id, ${value} AS v, ${breakdown} AS bd_raw FROM ${fromEvents(projectId, where)} AS e`;
}

function matchSelectorFilters(spec: TrendSpec): SqlNode {
  return matchSelector({ event: null, filters: spec.filters });
}

/**
 * One query per (series, period): per-bucket aggregate plus one whole-range row (bucket -1) so `total` is
 * the same math over the range (unique users counted once). Breakdown values are chosen on the current
 * range, so the previous period is split the same way.
 */
function seriesQuery(spec: TrendSpec, series: Series, range: DateRange, current: DateRange, projectId: string): SqlNode {
  const base = cte('base', baseRows(spec, series, range, projectId));
  const agg = call('toDouble', [aggregate(series)]);
  const bucket = call('toDouble', [call('epochMs', [call('truncate', [ident('ts')], spec.interval)])]);
  const totalBucket = call('toDouble', [int(TOTAL_BUCKET)]);
  if (spec.breakdown === undefined) {
    return sql`SELECT ${bucket} AS bucket, ${agg} AS value FROM ${base} AS b GROUP BY bucket UNION ALL SELECT ${totalBucket} AS bucket, ${agg} AS value FROM ${base} AS b`;
  }
  const topSource = range === current ? base : cte('top_base', baseRows(spec, series, current, projectId));
  const mapped = topBreakdown(ident('bd_raw'), topSource, spec.breakdownLimit);
  const rows = cte('mapped', sql`SELECT ts, distinct_id, v, ${mapped} AS breakdown FROM ${base} AS b`);
  return sql`SELECT ${bucket} AS bucket, breakdown, ${agg} AS value FROM ${rows} AS r GROUP BY bucket, breakdown UNION ALL SELECT ${totalBucket} AS bucket, breakdown, ${agg} AS value FROM ${rows} AS r GROUP BY breakdown`;
}

interface Collected {
  breakdown: string | null;
  points: Map<number, number>;
  total: number;
}

function collect(rows: Rows, hasBreakdown: boolean): Map<string, Collected> {
  const out = new Map<string, Collected>();
  for (const row of rows) {
    const breakdown = hasBreakdown ? text(row, 'breakdown') : null;
    const key = breakdown === null ? '\u0000null' : breakdown;
    let entry = out.get(key);
    if (!entry) {
      entry = { breakdown, points: new Map(), total: 0 };
      out.set(key, entry);
    }
    const bucket = num(row, 'bucket');
    const value = numOrNull(row, 'value') ?? 0;
    if (bucket === TOTAL_BUCKET) entry.total = value;
    else entry.points.set(bucket, value);
  }
  return out;
}

function points(buckets: readonly number[], values: Map<number, number> | undefined): SeriesPoint[] {
  return buckets.map((b) => ({ bucket: isoOf(b), value: values?.get(b) ?? 0 }));
}

function order(a: Collected, b: Collected): number {
  const rank = (c: Collected): number => (c.breakdown === null ? 2 : c.breakdown === OTHER_BREAKDOWN ? 1 : 0);
  return rank(a) - rank(b) || b.total - a.total || String(a.breakdown).localeCompare(String(b.breakdown));
}

/**
 * Trend: per series one query (two with `compare`). Buckets are zero-filled in `assemble`; breakdown entries
 * are ordered by total (descending), then `$other`, then the no-value group.
 */
export function planTrend(spec: TrendSpec, ctx: PlanContext): InsightPlan<'trend'> {
  const range = resolveDateRange(spec, ctx.now);
  const span = range.to.getTime() - range.from.getTime();
  const previous: DateRange = { from: new Date(range.from.getTime() - span), to: range.from };
  const buckets = enumerateBuckets(range, spec.interval);
  const previousBuckets = spec.compare ? enumerateBuckets(previous, spec.interval) : [];
  const hasBreakdown = spec.breakdown !== undefined;

  const queries = spec.series.flatMap((series) => {
    const current = printQuery(seriesQuery(spec, series, range, range, ctx.projectId), ctx.dialect);
    if (!spec.compare) return [current];
    return [current, printQuery(seriesQuery(spec, series, previous, range, ctx.projectId), ctx.dialect)];
  });

  const assemble = (rows: ReadonlyArray<Rows>): TrendResult => {
    const stride = spec.compare ? 2 : 1;
    const series = spec.series.flatMap((s, seriesIndex) => {
      const current = collect(resultSet(rows, seriesIndex * stride), hasBreakdown);
      const before = spec.compare ? collect(resultSet(rows, seriesIndex * stride + 1), hasBreakdown) : undefined;
      if (!hasBreakdown && current.size === 0) current.set('\u0000null', { breakdown: null, points: new Map(), total: 0 });
      const label = s.label ?? s.event ?? 'All events';
      return [...current.entries()]
        .sort((a, b) => order(a[1], b[1]))
        .map(([key, entry]) => {
          const item: TrendResult['series'][number] = {
            seriesIndex,
            label,
            points: points(buckets, entry.points),
            total: entry.total,
          };
          if (hasBreakdown) item.breakdownValue = entry.breakdown;
          if (before) {
            const prev = before.get(key);
            const prevTotal = prev?.total ?? 0;
            item.previous = {
              points: points(previousBuckets, prev?.points),
              total: prevTotal,
              change: prevTotal === 0 ? null : (entry.total - prevTotal) / prevTotal,
            };
          }
          return item;
        });
    });
    return { kind: 'trend', interval: spec.interval, dateFrom: range.from.toISOString(), dateTo: range.to.toISOString(), buckets: buckets.map(isoOf), series };
  };

  return { queries, assemble };
}
