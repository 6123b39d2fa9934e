import { NorthstarError } from '../../common/errors.js';
import type { EventStore } from '../../store/event-store.js';
import {
  insightSpecSchema,
  trendSpecSchema,
  type InsightResult,
  type InsightSpec,
  type TrendResult,
  type TrendSpec,
  type TrendSpecInput,
} from '../../store/insights/spec.js';
import { DEFAULT_NORTH_STAR } from './north-star.js';

/** Insight kinds, as they appear in spec `kind` fields. */
export type InsightKind = InsightSpec['kind'];

/** The overview page: the north-star series first, then KPIs for the last 7 days against the 7 before. */
export interface Overview {
  northStar: { spec: TrendSpec; result: TrendResult };
  kpis: {
    events: Kpi;
    uniqueUsers: Kpi;
    /** All events ever stored for the project. */
    totalEvents: number;
    /** Events rejected at ingestion and kept in quarantine. */
    quarantined: number;
  };
}

/** A KPI over the last 7 days with the previous 7 days; `change` is the relative change (null when previous is 0). */
export interface Kpi {
  last7Days: number;
  previous7Days: number;
  change: number | null;
}

/** Insights and the north-star metric of a project. */
export interface InsightService {
  /**
   * Validates `body` as a spec of `kind` (the `kind` field may be omitted; when present it must match) and runs
   * it. QUERY_INVALID lists zod's issues.
   */
  run(projectId: string, kind: InsightKind, body: unknown, now?: Date): Promise<InsightResult>;
  /** The project's north-star trend spec (the default one when the project never set its own). */
  getNorthStar(projectId: string): Promise<{ spec: TrendSpec; isDefault: boolean }>;
  /** Validates and stores a trend spec as the project's north star. */
  setNorthStar(projectId: string, body: unknown): Promise<TrendSpec>;
  overview(projectId: string, now?: Date): Promise<Overview>;
}

/** Validates `body` as a spec of `kind`, where `kind` may be omitted from the body. */
export function parseSpec(kind: InsightKind, body: unknown): InsightSpec {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NorthstarError('QUERY_INVALID', `the ${kind} spec must be a JSON object`);
  }
  const given = (body as Record<string, unknown>)['kind'];
  if (given !== undefined && given !== kind) {
    throw new NorthstarError('QUERY_INVALID', `the body says kind "${String(given)}" but the route is for "${kind}"`);
  }
  const parsed = insightSpecSchema.safeParse({ ...body, kind });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw new NorthstarError('QUERY_INVALID', `invalid ${kind} spec${first ? `: ${first.path || '(root)'}: ${first.message}` : ''}`, {
      details: { issues },
    });
  }
  return parsed.data;
}

function kpi(last: number, previous: number): Kpi {
  return { last7Days: last, previous7Days: previous, change: previous === 0 ? null : (last - previous) / previous };
}

/** Creates the {@link InsightService}: a thin use-case over `store.runInsight` and project settings. */
export function createInsightService(deps: { store: EventStore }): InsightService {
  const { store } = deps;

  async function project(projectId: string) {
    const found = await store.getProject(projectId);
    if (found === undefined) throw new NorthstarError('NOT_FOUND', `no project "${projectId}"`, { details: { id: projectId } });
    return found;
  }

  async function getNorthStar(projectId: string): Promise<{ spec: TrendSpec; isDefault: boolean }> {
    const stored: TrendSpecInput | undefined = (await project(projectId)).settings.northStar;
    const parsed = trendSpecSchema.safeParse(stored ?? DEFAULT_NORTH_STAR);
    // A stored spec that no longer validates (older version) falls back to the default instead of breaking the overview.
    if (!parsed.success) return { spec: trendSpecSchema.parse(DEFAULT_NORTH_STAR), isDefault: true };
    return { spec: parsed.data, isDefault: stored === undefined };
  }

  return {
    run: (projectId, kind, body, now) => project(projectId).then(() => store.runInsight(projectId, parseSpec(kind, body), now)),
    getNorthStar,
    async setNorthStar(projectId, body) {
      const spec = parseSpec('trend', body) as TrendSpec;
      const current = await project(projectId);
      await store.updateProjectSettings(projectId, { ...current.settings, northStar: spec });
      return spec;
    },
    async overview(projectId, now) {
      const { spec } = await getNorthStar(projectId);
      const kpiSpec = trendSpecSchema.parse({
        kind: 'trend',
        series: [
          { event: null, math: 'total', label: 'Events' },
          { event: null, math: 'unique_users', label: 'Unique users' },
        ],
        interval: 'day',
        dateFrom: '-7d',
        dateTo: 'now',
        compare: true,
      });
      const [northStar, kpis, totalEvents, quarantined] = await Promise.all([
        store.runInsight(projectId, spec, now),
        store.runInsight(projectId, kpiSpec, now),
        store.countEvents(projectId),
        store.countQuarantine(projectId),
      ]);
      const series = (i: number): Kpi => {
        const s = kpis.series.find((x) => x.seriesIndex === i);
        return kpi(s?.total ?? 0, s?.previous?.total ?? 0);
      };
      return { northStar: { spec, result: northStar }, kpis: { events: series(0), uniqueUsers: series(1), totalEvents, quarantined } };
    },
  };
}
