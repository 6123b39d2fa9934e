import type { InsightService } from '../../core/index.js';
import { duration, num, percent, renderTable } from '../format-table.js';

// Result types come through core's public surface (the CLI does not reach into the store layer).
type InsightResult = Awaited<ReturnType<InsightService['run']>>;
type Of<K extends InsightResult['kind']> = Extract<InsightResult, { kind: K }>;
type TrendResult = Of<'trend'>;
type FunnelResult = Of<'funnel'>;
type FunnelStepResult = FunnelResult['steps'][number];
type RetentionResult = Of<'retention'>;
type PathsResult = Of<'paths'>;
type LifecycleResult = Of<'lifecycle'>;

function trendTable(r: TrendResult): string {
  const labels = r.series.map((s) => (s.breakdownValue === undefined ? s.label : `${s.label} · ${s.breakdownValue ?? '(none)'}`));
  const rows = r.buckets.map((bucket, i) => [bucket.slice(0, r.interval === 'hour' ? 16 : 10), ...r.series.map((s) => num(s.points[i]?.value ?? 0))]);
  rows.push(['total', ...r.series.map((s) => num(s.total))]);
  let text = renderTable([r.interval, ...labels], rows);
  const compared = r.series.filter((s) => s.previous !== undefined);
  if (compared.length > 0) {
    text += '\nCompared to the previous period:\n' + renderTable(
      ['series', 'now', 'before', 'change'],
      compared.map((s, i) => [labels[r.series.indexOf(s)] ?? String(i), num(s.total), num(s.previous?.total), percent(s.previous?.change)]),
    );
  }
  return text;
}

function stepRows(steps: FunnelStepResult[]): string[][] {
  // Numbered by position: the result's own `index` base is the store's business.
  return steps.map((s, i) => [
    String(i + 1), s.label, num(s.count), percent(s.conversionFromFirst), percent(s.conversionFromPrevious), num(s.dropOff),
    duration(s.medianSecondsFromPrevious),
  ]);
}

function funnelTable(r: FunnelResult): string {
  const headers = ['step', 'event', 'users', 'from first', 'from previous', 'dropped', 'median time'];
  let text = renderTable(headers, stepRows(r.steps));
  for (const b of r.breakdowns ?? []) text += `\n${b.breakdownValue ?? '(none)'}\n` + renderTable(headers, stepRows(b.steps));
  return text;
}

function retentionTable(r: RetentionResult): string {
  const periods = Math.max(0, ...r.cohorts.map((c) => c.values.length));
  const unit = r.period === 'day' ? 'day' : 'week';
  const headers = ['cohort', ...(r.cohorts.some((c) => c.breakdownValue !== undefined) ? ['breakdown'] : []), 'users'];
  for (let i = 0; i < periods; i++) headers.push(`${unit} ${i}`);
  const rows = r.cohorts.map((c) => [
    c.cohort.slice(0, 10),
    ...(c.breakdownValue === undefined ? [] : [c.breakdownValue ?? '(none)']),
    num(c.size),
    ...Array.from({ length: periods }, (_, i) => (i < c.values.length ? percent(c.size === 0 ? 0 : (c.values[i] ?? 0) / c.size) : '')),
  ]);
  return renderTable(headers, rows);
}

function pathsTable(r: PathsResult): string {
  const arrow = r.direction === 'next' ? '→' : '←';
  return `${num(r.total)} occurrences of ${r.event}\n` +
    renderTable(['step', 'path', 'count', 'share'], r.edges.map((e) => [String(e.step), `${e.source} ${arrow} ${e.target}`, num(e.count), percent(e.share)]));
}

function lifecycleTable(r: LifecycleResult): string {
  return renderTable(
    [r.interval, 'new', 'returning', 'resurrecting', 'dormant'],
    r.buckets.map((b) => [b.bucket.slice(0, 10), num(b.new), num(b.returning), num(b.resurrecting), num(b.dormant)]),
  );
}

/** A readable table of any insight result (the CLI prints this unless --json). */
export function renderInsight(result: InsightResult): string {
  const range = `${result.kind === 'funnel_actors' ? '' : `${'dateFrom' in result ? result.dateFrom.slice(0, 10) : ''} → ${'dateTo' in result ? result.dateTo.slice(0, 10) : ''}\n`}`;
  switch (result.kind) {
    case 'trend':
      return range + trendTable(result);
    case 'funnel':
      return range + funnelTable(result);
    case 'retention':
      return range + retentionTable(result);
    case 'paths':
      return range + pathsTable(result);
    case 'lifecycle':
      return range + lifecycleTable(result);
    case 'funnel_actors':
      return `${num(result.total)} users ${result.status} step ${result.step}\n` +
        renderTable(['distinct_id', 'first step at', 'reached step'], result.actors.map((a) => [a.distinctId, a.firstStepAt.slice(0, 19), String(a.reachedStep)]));
  }
}
