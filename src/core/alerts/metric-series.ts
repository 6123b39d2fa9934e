import { NorthstarError } from '../../common/errors.js';
import type { EventStore } from '../../store/event-store.js';
import { addIntervalUtc, isoOf, truncateUtc } from '../../store/insights/date-range.js';
import type { FunnelResult, Interval, RetentionResult, TrendResult } from '../../store/insights/spec.js';
import type { MonitorSpec } from './monitor-spec.js';

/**
 * A monitored metric on a regular grid of complete buckets. Rates keep numerator and denominator apart so root
 * causes can be computed for them (a rate is not additive over breakdown values; its parts are).
 */
export interface MetricSeries {
  /** Bucket starts, ISO-8601 UTC, oldest first; the bucket holding `now` is never included (incomplete). */
  buckets: string[];
  numerator: number[];
  /** Null for additive metrics (counts, sums). */
  denominator: number[] | null;
  /** numerator / denominator (NaN where the denominator is 0), or the numerator. */
  values: number[];
  /** What `minVolume` is compared with: the denominator of a rate, the value of an additive metric. */
  volume: number[];
}

/** A series provider registered by another feature (e.g. the daily sentiment index). */
export type SeriesProvider = (
  projectId: string,
  request: { interval: Interval; buckets: string[]; now: Date; params: Record<string, unknown> },
) => Promise<Array<{ bucket: string; value: number }>>;

/** What computing a series needs. */
export interface SeriesDeps {
  store: EventStore;
  providers: ReadonlyMap<string, SeriesProvider>;
}

/** The grid of complete buckets a monitor looks at for `now`. */
export function bucketGrid(monitor: Pick<MonitorSpec, 'interval' | 'history'>, now: Date): { buckets: string[]; from: number; to: number } {
  const to = truncateUtc(now.getTime(), monitor.interval);
  const from = addIntervalUtc(to, monitor.interval, -monitor.history);
  const buckets: string[] = [];
  for (let b = from; b < to; b = addIntervalUtc(b, monitor.interval, 1)) buckets.push(isoOf(b));
  return { buckets, from, to };
}

function ratio(num: number, den: number): number {
  return den > 0 ? num / den : Number.NaN;
}

/** Builds a {@link MetricSeries} from per-bucket parts (missing buckets count as 0). */
export function makeSeries(buckets: string[], num: Map<string, number>, den: Map<string, number> | null): MetricSeries {
  const numerator = buckets.map((b) => num.get(b) ?? 0);
  if (den === null) return { buckets, numerator, denominator: null, values: [...numerator], volume: [...numerator] };
  const denominator = buckets.map((b) => den.get(b) ?? 0);
  return { buckets, numerator, denominator, values: numerator.map((n, i) => ratio(n, denominator[i]!)), volume: [...denominator] };
}

/** The series of the monitor, total and (when `breakdown` is given) per value of that property. */
export interface ComputedSeries {
  total: MetricSeries;
  byValue?: Array<{ value: string | null; series: MetricSeries }>;
}

const keyOf = (v: string | null | undefined): string => (v === null || v === undefined ? '\u0000null' : `v:${v}`);
const valueOf = (k: string): string | null => (k === '\u0000null' ? null : k.slice(2));

/** Groups parts per breakdown value and builds one series per value. */
function perValue(
  buckets: string[],
  parts: Map<string, { num: Map<string, number>; den: Map<string, number> | null }>,
): Array<{ value: string | null; series: MetricSeries }> {
  return [...parts.entries()].map(([k, p]) => ({ value: valueOf(k), series: makeSeries(buckets, p.num, p.den) }));
}

function dateRange(from: number, to: number): { dateFrom: string; dateTo: string } {
  // A date-time dateTo includes that instant: one millisecond before the next bucket ends the range exactly.
  return { dateFrom: isoOf(from), dateTo: isoOf(to - 1) };
}

/**
 * Computes the monitor's series over `history` complete buckets before `now`; with `breakdown`, also per value of
 * that event property (top `limit` values by volume). Providers have no breakdown.
 */
export async function computeSeries(
  deps: SeriesDeps,
  projectId: string,
  monitor: MonitorSpec,
  now: Date,
  breakdown?: { property: string; limit: number },
): Promise<ComputedSeries> {
  const grid = bucketGrid(monitor, now);
  const { buckets } = grid;
  const source = monitor.source;
  const range = dateRange(grid.from, grid.to);
  const breakdownFields = breakdown === undefined ? {} : { breakdown: breakdown.property, breakdownLimit: breakdown.limit };
  switch (source.kind) {
    case 'trend':
    case 'conversion': {
      const series =
        source.kind === 'trend'
          ? [source.spec.series[source.seriesIndex] ?? source.spec.series[0]!]
          : [
              { ...source.from, filters: [...source.from.filters, ...source.filters], math: source.math },
              { ...source.to, filters: [...source.to.filters, ...source.filters], math: source.math },
            ];
      const filters = source.kind === 'trend' ? source.spec.filters : [];
      const result = (await deps.store.runInsight(
        projectId,
        { kind: 'trend', series, filters, interval: monitor.interval, compare: false, breakdownLimit: 10, ...range, ...breakdownFields },
        now,
      )) as TrendResult;
      const parts = new Map<string, { num: Map<string, number>; den: Map<string, number> | null }>();
      for (const s of result.series) {
        const k = keyOf(s.breakdownValue);
        const part = parts.get(k) ?? { num: new Map<string, number>(), den: source.kind === 'conversion' ? new Map<string, number>() : null };
        parts.set(k, part);
        // Conversion: series 0 is `from` (denominator), series 1 is `to` (numerator).
        const target = source.kind === 'trend' || s.seriesIndex === 1 ? part.num : part.den!;
        for (const p of s.points) target.set(p.bucket, (target.get(p.bucket) ?? 0) + p.value);
      }
      return finish(buckets, parts, breakdown !== undefined, source.kind === 'conversion');
    }
    case 'funnel': {
      const parts = new Map<string, { num: Map<string, number>; den: Map<string, number> | null }>();
      // One funnel per bucket: users entering the funnel in that bucket, converting within the window.
      for (const bucket of buckets) {
        const start = Date.parse(bucket);
        const end = addIntervalUtc(start, monitor.interval, 1);
        const result = (await deps.store.runInsight(projectId, { kind: 'funnel', ...source.spec, ...dateRange(start, end), breakdownLimit: 10, ...breakdownFields }, now)) as FunnelResult;
        const groups = breakdown === undefined ? [{ breakdownValue: undefined, steps: result.steps }] : (result.breakdowns ?? []);
        for (const g of groups) {
          const k = keyOf(g.breakdownValue);
          const part = parts.get(k) ?? { num: new Map<string, number>(), den: new Map<string, number>() };
          parts.set(k, part);
          part.den!.set(bucket, g.steps[0]?.count ?? 0);
          part.num.set(bucket, g.steps.at(-1)?.count ?? 0);
        }
      }
      return finish(buckets, parts, breakdown !== undefined, true);
    }
    case 'retention': {
      const period = monitor.interval === 'week' ? 'week' : 'day';
      const result = (await deps.store.runInsight(
        projectId,
        { kind: 'retention', ...source.spec, period, periods: source.periodIndex + 1, ...range, breakdownLimit: 10, ...breakdownFields },
        now,
      )) as RetentionResult;
      const parts = new Map<string, { num: Map<string, number>; den: Map<string, number> | null }>();
      for (const c of result.cohorts) {
        // A cohort whose period N has not ended yet has no retention value: leave it out (NaN in the series).
        const periodEnd = addIntervalUtc(Date.parse(c.cohort), monitor.interval, source.periodIndex + 1);
        if (periodEnd > grid.to) continue;
        const k = keyOf(c.breakdownValue);
        const part = parts.get(k) ?? { num: new Map<string, number>(), den: new Map<string, number>() };
        parts.set(k, part);
        const cohort = isoOf(Date.parse(c.cohort));
        part.den!.set(cohort, (part.den!.get(cohort) ?? 0) + c.size);
        part.num.set(cohort, (part.num.get(cohort) ?? 0) + (c.values[source.periodIndex] ?? 0));
      }
      return finish(buckets, parts, breakdown !== undefined, true);
    }
    case 'provider': {
      const provider = deps.providers.get(source.name);
      if (provider === undefined) {
        throw new NorthstarError('NOT_FOUND', `no series provider "${source.name}"`, {
          details: { provider: source.name, known: [...deps.providers.keys()] },
          hint: 'Use a provider name listed in docs/alerts.md ("Series sources").',
        });
      }
      const points = await provider(projectId, { interval: monitor.interval, buckets, now, params: source.params });
      const values = new Map<string, number>();
      for (const p of points) {
        const iso = Number.isNaN(Date.parse(p.bucket)) ? undefined : isoOf(Date.parse(p.bucket));
        // Duplicate buckets from a provider: the last one wins (defined, documented).
        if (iso !== undefined) values.set(iso, p.value);
      }
      const series = makeSeries(buckets, values, null);
      // A provider's missing bucket is missing (NaN), not zero: a sentiment index of 0 would be a real value.
      series.values = buckets.map((b) => values.get(b) ?? Number.NaN);
      series.numerator = [...series.values];
      series.volume = buckets.map((b) => (values.has(b) ? Number.POSITIVE_INFINITY : 0));
      return { total: series };
    }
  }
}

function finish(
  buckets: string[],
  parts: Map<string, { num: Map<string, number>; den: Map<string, number> | null }>,
  withBreakdown: boolean,
  isRate: boolean,
): ComputedSeries {
  const num = new Map<string, number>();
  const den = isRate ? new Map<string, number>() : null;
  for (const p of parts.values()) {
    for (const [b, v] of p.num) num.set(b, (num.get(b) ?? 0) + v);
    if (den !== null && p.den !== null) for (const [b, v] of p.den) den.set(b, (den.get(b) ?? 0) + v);
  }
  const total = makeSeries(buckets, num, den);
  return withBreakdown ? { total, byValue: perValue(buckets, parts) } : { total };
}
