import type { ChartOption } from '../../charts/echarts-setup.js';
import { EChart } from '../../charts/echart.js';
import { Card, PageHeader } from '../../components/controls.js';
import { EmptyState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import { formatChange, formatNumber } from '../../lib/format.js';
import { useEventNames } from '../events/api/get-event-names.js';
import type { EventNameCount } from '../events/api/get-event-names.js';
import { useProjectId } from '../projects/project-context.js';
import { trendChartOption } from '../trends/trend-chart-option.js';
import { useNorthStar } from './api/get-north-star.js';
import { useOverview } from './api/get-overview.js';
import type { Kpi, Overview } from './overview-model.js';

/** Overview: the north-star metric first (big number and its trend), then the week-over-week key figures. */
export function OverviewPage() {
  const { t } = useI18n();
  const projectId = useProjectId();
  const overview = useOverview(projectId);
  const names = useEventNames(projectId);
  return (
    <div className="page" data-testid="page-overview">
      <PageHeader titleKey="nav.overview" />
      <QueryView query={overview}>
        {(o) =>
          o.kpis.totalEvents === 0 ? (
            <EmptyState>{t('overview.noEvents')}</EmptyState>
          ) : (
            <>
              <NorthStarCard overview={o} />
              <Kpis overview={o} />
            </>
          )
        }
      </QueryView>
      {names.data && names.data.length > 0 ? <TopEvents names={names.data} /> : null}
    </div>
  );
}

function NorthStarCard({ overview }: { overview: Overview }) {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  // Only for the "not defined yet" note: the overview already carries the spec and its result.
  const setting = useNorthStar(projectId);
  const { result } = overview.northStar;
  const first = result.series[0];
  const title = first?.label ?? t('overview.northStar');
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
          <div className="muted small">
            {result.dateFrom.slice(0, 10)} – {result.dateTo.slice(0, 10)}
          </div>
          {setting.data?.isDefault ? <div className="muted small">{t('overview.northStarDefault')}</div> : null}
        </div>
        <div className="north-star-chart">
          <EChart option={trendChartOption(result, { previous: (name) => t('trends.previous', { label: name }), none: t('common.noValue') })} height={240} label={title} testId="north-star-chart" />
        </div>
      </div>
    </Card>
  );
}

function KpiTile({ titleKey, figure, testId }: { titleKey: MessageKey; figure: Kpi; testId: string }) {
  const { t, lang } = useI18n();
  const change = figure.change === null ? null : formatChange(figure.change, lang);
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-title">{t(titleKey)}</div>
      <div className="kpi-value">{formatNumber(figure.last7Days, lang)}</div>
      <div className="kpi-sub muted">{t('overview.last7')}</div>
      <div className={change ? `kpi-change ${change.sign === '-' ? 'down' : 'up'}` : 'kpi-change muted'}>
        {change ? t('overview.change', { sign: change.sign, pct: change.pct }) : t('overview.noChange')}
      </div>
      <div className="kpi-sub muted">
        {t('overview.previous7')}: {formatNumber(figure.previous7Days, lang)}
      </div>
    </div>
  );
}

function Kpis({ overview }: { overview: Overview }) {
  const { t, lang } = useI18n();
  const { kpis } = overview;
  return (
    <Card title={t('overview.kpis')}>
      <div className="kpis">
        <KpiTile titleKey="overview.events" figure={kpis.events} testId="kpi-events" />
        <KpiTile titleKey="overview.uniqueUsers" figure={kpis.uniqueUsers} testId="kpi-users" />
        <div className="kpi" data-testid="kpi-total">
          <div className="kpi-title">{t('overview.totalEvents')}</div>
          <div className="kpi-value">{formatNumber(kpis.totalEvents, lang)}</div>
          <div className="kpi-sub muted">{t('overview.allTime')}</div>
          <div className="kpi-sub muted">
            {t('overview.quarantined')}: {formatNumber(kpis.quarantined, lang)}
          </div>
        </div>
      </div>
    </Card>
  );
}

function topEventsOption(top: readonly EventNameCount[], name: string, format: (n: number) => string): ChartOption {
  const rows = top.slice(0, 8).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.event) },
    series: [{ type: 'bar', name, data: rows.map((r) => r.count), barMaxWidth: 22, label: { show: true, position: 'right', formatter: (p) => format(Number(p.value)) } }],
  };
}

function TopEvents({ names }: { names: readonly EventNameCount[] }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('overview.topEvents')}>
      <EChart option={topEventsOption(names, t('overview.events'), (n) => formatNumber(n, lang))} height={Math.max(160, Math.min(8, names.length) * 34)} label={t('overview.topEvents')} testId="top-events-chart" />
    </Card>
  );
}
