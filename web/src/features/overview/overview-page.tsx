import type { ChartOption } from '../../charts/echarts-setup.js';
import { EChart } from '../../charts/echart.js';
import { Card, PageHeader } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import { formatChange, formatNumber } from '../../lib/format.js';
import { useProjectId } from '../projects/project-context.js';
import { trendChartOption } from '../trends/trend-chart-option.js';
import { useNorthStar } from './api/get-north-star.js';
import { useOverview } from './api/get-overview.js';
import type { NorthStar, Overview, WeekOverWeek } from './overview-model.js';

/** Overview: the north-star metric first (big number and its trend), then the week-over-week key figures. */
export function OverviewPage() {
  const projectId = useProjectId();
  const northStar = useNorthStar(projectId);
  const overview = useOverview(projectId);
  return (
    <div className="page" data-testid="page-overview">
      <PageHeader titleKey="nav.overview" />
      <QueryView query={northStar} isEmpty={(n) => n.result.series.length === 0}>
        {(n) => <NorthStarCard northStar={n} />}
      </QueryView>
      <QueryView query={overview} isEmpty={(o) => o.events.last7 + o.events.previous7 === 0 && (o.events.total ?? 0) === 0}>
        {(o) => <Kpis overview={o} />}
      </QueryView>
    </div>
  );
}

function NorthStarCard({ northStar }: { northStar: NorthStar }) {
  const { t, lang } = useI18n();
  const first = northStar.result.series[0];
  const title = northStar.name ?? first?.label ?? t('overview.northStar');
  return (
    <Card testId="north-star">
      <div className="north-star">
        <div className="north-star-figure">
          <div className="eyebrow">★ {t('overview.northStar')}</div>
          <div className="north-star-name">{title}</div>
          <div className="big-number" data-testid="north-star-value">
            {formatNumber(first?.total ?? 0, lang)}
          </div>
          <div className="muted">{t('overview.northStarTotal')}</div>
          {northStar.isDefault ? <div className="muted small">{t('overview.northStarDefault')}</div> : null}
        </div>
        <div className="north-star-chart">
          <EChart option={trendChartOption(northStar.result, (name) => t('trends.previous', { label: name }))} height={240} label={title} testId="north-star-chart" />
        </div>
      </div>
    </Card>
  );
}

function Kpi({ titleKey, figure, testId }: { titleKey: MessageKey; figure: WeekOverWeek; testId: string }) {
  const { t, lang } = useI18n();
  const change = figure.change === null ? null : formatChange(figure.change, lang);
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-title">{t(titleKey)}</div>
      <div className="kpi-value">{formatNumber(figure.last7, lang)}</div>
      <div className="kpi-sub muted">{t('overview.last7')}</div>
      <div className={change ? `kpi-change ${change.sign === '-' ? 'down' : 'up'}` : 'kpi-change muted'}>
        {change ? t('overview.change', { sign: change.sign, pct: change.pct }) : t('overview.noChange')}
      </div>
      <div className="kpi-sub muted">
        {t('overview.previous7')}: {formatNumber(figure.previous7, lang)}
      </div>
    </div>
  );
}

function topEventsOption(top: Overview['topEvents'], name: string): ChartOption {
  const rows = top.slice(0, 8).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.event) },
    series: [{ type: 'bar', name, data: rows.map((r) => r.count), barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
}

function Kpis({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const range = overview.firstEventAt && overview.lastEventAt ? t('overview.dataRange', { from: overview.firstEventAt.slice(0, 10), to: overview.lastEventAt.slice(0, 10) }) : null;
  return (
    <>
      <Card title={t('overview.kpis')} actions={range ? <span className="muted small">{range}</span> : undefined}>
        <div className="kpis">
          <Kpi titleKey="overview.events" figure={overview.events} testId="kpi-events" />
          <Kpi titleKey="overview.uniqueUsers" figure={overview.users} testId="kpi-users" />
        </div>
      </Card>
      {overview.topEvents.length > 0 ? (
        <Card title={t('overview.topEvents')}>
          <EChart option={topEventsOption(overview.topEvents, t('overview.events'))} height={260} label={t('overview.topEvents')} testId="top-events-chart" />
        </Card>
      ) : null}
    </>
  );
}
