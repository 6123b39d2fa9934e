import { useState } from 'react';
import type { AlertView } from '../../../../src/core/index.js';
import { EChart } from '../../charts/echart.js';
import { Card, PageHeader } from '../../components/controls.js';
import { EmptyState, ErrorState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { Language } from '../../i18n/translate.js';
import { formatBucket, formatNumber, formatPercent } from '../../lib/format.js';
import { useProjectId } from '../projects/project-context.js';
import { alertChartOption } from './alert-chart-option.js';
import { useAlert, useAlertAction, useAlerts } from './api/get-alerts.js';
import { MonitorsCard } from './monitors-card.js';

const SEVERITY_COLOR = { info: '#64748b', warning: '#f59e0b', critical: '#ef4444' } as const;

/** A metric value: a percentage for rates, a number otherwise; a dash when missing. */
export function formatMetric(value: number | null, isRate: boolean, lang: Language): string {
  if (value === null) return '—';
  return isRate ? formatPercent(value, lang) : formatNumber(Math.round(value * 100) / 100, lang);
}

/** The Alerts page: alert list, the chosen alert's chart, band and contributors with ack/resolve, and monitors. */
export function AlertsPage() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const alerts = useAlerts(projectId);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? alerts.data?.alerts[0]?.id ?? null;

  return (
    <div className="page" data-testid="page-alerts">
      <PageHeader titleKey="nav.alerts" />
      <Card title={t('alerts.list')} testId="alerts-list">
        <QueryView query={alerts}>
          {(data) =>
            data.alerts.length === 0 ? (
              <EmptyState>{t('alerts.none')}</EmptyState>
            ) : (
              <div className="table-scroll">
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('alerts.col.severity')}</th>
                      <th>{t('alerts.col.status')}</th>
                      <th>{t('alerts.col.monitor')}</th>
                      <th>{t('alerts.col.period')}</th>
                      <th className="num">{t('alerts.col.change')}</th>
                      <th>{t('alerts.col.cause')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.alerts.map((a) => (
                      <tr key={a.id} className={a.id === selected ? 'clickable selected' : 'clickable'} onClick={() => setChosen(a.id)} data-testid={`alert-row-${a.id}`}>
                        <td>
                          <span className="recs-badge" style={{ background: SEVERITY_COLOR[a.severity] }} data-testid="alert-severity">
                            {t(`alerts.severity.${a.severity}`)}
                          </span>
                        </td>
                        <td data-testid="alert-status">{t(`alerts.status.${a.status}`)}</td>
                        <td>{a.details.monitorName}</td>
                        <td data-testid="alert-period">{formatBucket(a.period, a.details.interval)}</td>
                        <td className="num">{a.details.relativeChange === null ? '—' : `${a.details.relativeChange > 0 ? '+' : '-'}${formatPercent(Math.abs(a.details.relativeChange), lang)}`}</td>
                        <td>{a.details.contributors[0] ? `${a.details.contributors[0].dimension} = ${a.details.contributors[0].value ?? t('common.noValue')}` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
      </Card>
      {selected === null ? null : <AlertDetailCard projectId={projectId} alertId={selected} />}
      <MonitorsCard projectId={projectId} />
    </div>
  );
}

function AlertDetailCard({ projectId, alertId }: { projectId: string; alertId: string }) {
  const { t, lang } = useI18n();
  const alert = useAlert(projectId, alertId);
  const action = useAlertAction(projectId);
  return (
    <Card title={t('alerts.detail')} testId="alert-detail">
      <QueryView query={alert}>
        {(a) => (
          <>
            <div className="toolbar">
              <strong data-testid="alert-title">{a.details.monitorName} · {formatBucket(a.period, a.details.interval)}</strong>
              <span data-testid="alert-detail-status">{t(`alerts.status.${a.status}`)}{a.resolution ? ` (${t(a.resolution === 'auto' ? 'alerts.resolvedBy.auto' : 'alerts.resolvedBy.manual')})` : ''}</span>
              <button className="btn" type="button" disabled={a.status !== 'open' || action.isPending} onClick={() => action.mutate({ alertId: a.id, action: 'ack' })} data-testid="alert-ack">
                {t('alerts.ack')}
              </button>
              <button className="btn primary" type="button" disabled={a.status === 'resolved' || action.isPending} onClick={() => action.mutate({ alertId: a.id, action: 'resolve' })} data-testid="alert-resolve">
                {t('alerts.resolve')}
              </button>
            </div>
            {action.isError ? <ErrorState error={action.error} /> : null}
            <p data-testid="alert-summary">
              {t('alerts.summary', {
                actual: formatMetric(a.details.actual, a.details.isRate, lang),
                expected: formatMetric(a.details.expected, a.details.isRate, lang),
                lower: formatMetric(a.details.lower, a.details.isRate, lang),
                upper: formatMetric(a.details.upper, a.details.isRate, lang),
              })}
            </p>
            <EChart
              option={alertChartOption(a, { actual: t('alerts.chart.actual'), expected: t('alerts.chart.expected'), band: t('alerts.chart.band'), anomaly: t('alerts.chart.anomaly') })}
              height={320}
              label={t('alerts.detail')}
              testId="alert-chart"
            />
            <h3>{t('alerts.contributors')}</h3>
            <ContributorsTable alert={a} lang={lang} />
            {a.deliveries.length > 0 ? (
              <>
                <h3>{t('alerts.deliveries')}</h3>
                <ul className="muted">
                  {a.deliveries.map((d) => (
                    <li key={d.id}>{`${d.channel} (${d.kind}) #${d.attempt}: ${d.ok ? 'ok' : (d.error ?? 'failed')}`}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </QueryView>
    </Card>
  );
}

function ContributorsTable({ alert, lang }: { alert: AlertView; lang: Language }) {
  const { t } = useI18n();
  const rows = alert.details.contributors;
  if (rows.length === 0) return <p className="muted">{t('alerts.noContributors')}</p>;
  return (
    <div className="table-scroll">
      <table className="table compact" data-testid="alert-contributors">
        <thead>
          <tr>
            <th>{t('alerts.col.dimension')}</th>
            <th>{t('alerts.col.value')}</th>
            <th className="num">{t('alerts.col.actual')}</th>
            <th className="num">{t('alerts.col.expected')}</th>
            <th className="num">{t('alerts.col.explains')}</th>
            <th className="num">{t('alerts.col.surprise')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={`${c.dimension}:${c.value ?? ''}`} data-testid="contributor-row">
              <td>{c.dimension}</td>
              <td>{c.value ?? t('common.noValue')}</td>
              <td className="num">{formatMetric(c.actual, alert.details.isRate, lang)}</td>
              <td className="num">{formatMetric(c.expected, alert.details.isRate, lang)}</td>
              <td className="num">{formatPercent(c.contribution, lang)}</td>
              <td className="num">{c.surprise.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
