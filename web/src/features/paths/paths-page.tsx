import { useMemo, useState } from 'react';
import type { PathsResult } from '../../../../src/store/insights/spec.js';
import type { ChartOption } from '../../charts/echarts-setup.js';
import { PALETTE } from '../../charts/echarts-setup.js';
import { EChart } from '../../charts/echart.js';
import { Card, EventSelect, Field, PageHeader, RangeSelect, Select } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { RangePreset } from '../../lib/date-range.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useEventNames } from '../events/api/get-event-names.js';
import { preferEvent } from '../events/default-events.js';
import { useProjectId } from '../projects/project-context.js';
import { usePaths } from './api/get-paths.js';
import type { PathsQuery } from './api/get-paths.js';
import { nodeEvent, pathsToSankey } from './paths-sankey.js';

type Direction = 'next' | 'previous';
const DEPTHS = ['1', '2', '3', '4', '5'] as const;
type Depth = (typeof DEPTHS)[number];

/** Paths: what users do right after (or before) a chosen event, as a sankey diagram and a table. */
export function PathsPage() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const names = useEventNames(projectId);
  const [event, setEvent] = useState<string | null>(null);
  const [direction, setDirection] = useState<Direction>('next');
  const [depth, setDepth] = useState<Depth>('3');
  const [range, setRange] = useState<RangePreset>('-30d');

  const chosen = event ?? (names.data ? preferEvent(names.data, ['product_viewed', '$pageview']) : undefined);
  const spec = useMemo<PathsQuery | undefined>(
    () => (chosen ? { event: chosen, direction, depth: Number(depth), limit: 8, dateFrom: range, dateTo: 'now' } : undefined),
    [chosen, direction, depth, range],
  );
  const paths = usePaths(projectId, spec);

  return (
    <div className="page" data-testid="page-paths">
      <PageHeader titleKey="nav.paths">
        <Field label={t('paths.event')}>
          <EventSelect value={chosen ?? ''} names={names.data ?? []} onChange={setEvent} testId="paths-event" />
        </Field>
        <Field label={t('paths.direction')}>
          <Select value={direction} options={(['next', 'previous'] as const).map((d) => ({ value: d, label: t(`paths.${d}`) }))} onChange={setDirection} testId="paths-direction" />
        </Field>
        <Field label={t('paths.depth')}>
          <Select value={depth} options={DEPTHS.map((d) => ({ value: d, label: d }))} onChange={setDepth} testId="paths-depth" />
        </Field>
        <RangeSelect value={range} onChange={setRange} />
      </PageHeader>
      <QueryView query={paths} blockedBy={names} isEmpty={(r) => r.edges.length === 0}>
        {(result) => (
          <>
            <Card title={t('paths.total', { n: formatNumber(result.total, lang), event: result.event })}>
              <EChart option={sankeyOption(result)} height={460} label={t('nav.paths')} testId="paths-chart" />
            </Card>
            <Card title={t('paths.topTransitions')}>
              <TransitionsTable result={result} />
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

function sankeyOption(result: PathsResult): ChartOption {
  const graph = pathsToSankey(result);
  const colorOf = new Map<string, string>();
  for (const n of graph.nodes) if (!colorOf.has(n.event)) colorOf.set(n.event, PALETTE[colorOf.size % PALETTE.length] ?? '#4f46e5');
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const d = (Array.isArray(p) ? p[0] : p)?.data as { source?: string; target?: string; value?: number; name?: string } | undefined;
        if (d?.source !== undefined && d.target !== undefined) return `${nodeEvent(d.source)} → ${nodeEvent(d.target)}: ${d.value ?? 0}`;
        return nodeEvent(d?.name ?? '');
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 140,
        top: 16,
        bottom: 16,
        nodeGap: 12,
        emphasis: { focus: 'adjacency' },
        data: graph.nodes.map((n) => ({ name: n.id, itemStyle: { color: colorOf.get(n.event) ?? '#4f46e5' } })),
        links: graph.links,
        label: { formatter: (p) => nodeEvent(p.name) },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      },
    ],
  };
}

function TransitionsTable({ result }: { result: PathsResult }) {
  const { t, lang } = useI18n();
  const rows = [...result.edges].sort((a, b) => a.step - b.step || b.count - a.count).slice(0, 30);
  return (
    <div className="table-scroll">
      <table className="table compact" data-testid="paths-table">
        <thead>
          <tr>
            <th>{t('paths.depth')}</th>
            <th>{t('paths.from')}</th>
            <th>{t('paths.to')}</th>
            <th className="num">{t('paths.count')}</th>
            <th className="num">{t('paths.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={`${e.step}:${e.source}:${e.target}`}>
              <td>{t('paths.stepN', { n: e.step })}</td>
              <td>{e.source}</td>
              <td>{e.target}</td>
              <td className="num">{formatNumber(e.count, lang)}</td>
              <td className="num">{formatPercent(e.share, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
