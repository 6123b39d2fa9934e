import { useMemo, useState } from 'react';
import type { RetentionResult } from '../../../../src/store/insights/spec.js';
import type { ChartOption } from '../../charts/echarts-setup.js';
import { EChart } from '../../charts/echart.js';
import { Card, EventSelect, Field, PageHeader, RangeSelect, Select } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { RangePreset } from '../../lib/date-range.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useEventNames } from '../events/api/get-event-names.js';
import { preferEvent } from '../events/default-events.js';
import { useProjectId } from '../projects/project-context.js';
import { useRetention } from './api/get-retention.js';
import type { RetentionQuery } from './api/get-retention.js';
import { cohortRates, heatColor, retentionCurve } from './retention-math.js';

type Period = 'day' | 'week';

/** Retention: cohorts by first occurrence of one event, returning by another; heat-map table and curve. */
export function RetentionPage() {
  const { t } = useI18n();
  const projectId = useProjectId();
  const names = useEventNames(projectId);
  const [start, setStart] = useState<string | null>(null);
  const [ret, setRet] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>('week');
  const [range, setRange] = useState<RangePreset>('-90d');

  const fallback = names.data ? preferEvent(names.data, ['$pageview']) : undefined;
  const startEvent = start ?? fallback;
  const returnEvent = ret ?? fallback;
  const spec = useMemo<RetentionQuery | undefined>(() => {
    if (!startEvent || !returnEvent) return undefined;
    return { startEvent: { event: startEvent }, returnEvent: { event: returnEvent }, period, periods: period === 'week' ? 8 : 14, dateFrom: range, dateTo: 'now' };
  }, [startEvent, returnEvent, period, range]);
  const retention = useRetention(projectId, spec);

  return (
    <div className="page" data-testid="page-retention">
      <PageHeader titleKey="nav.retention">
        <Field label={t('retention.startEvent')}>
          <EventSelect value={startEvent ?? ''} names={names.data ?? []} onChange={setStart} testId="retention-start" />
        </Field>
        <Field label={t('retention.returnEvent')}>
          <EventSelect value={returnEvent ?? ''} names={names.data ?? []} onChange={setRet} testId="retention-return" />
        </Field>
        <Field label={t('retention.period')}>
          <Select value={period} options={(['day', 'week'] as const).map((p) => ({ value: p, label: t(`interval.${p}`) }))} onChange={setPeriod} testId="retention-period" />
        </Field>
        <RangeSelect value={range} onChange={setRange} />
      </PageHeader>
      <QueryView query={retention} blockedBy={names} isEmpty={(r) => r.cohorts.every((c) => c.size === 0)}>
        {(result) => (
          <>
            <Card title={t('retention.curve')}>
              <EChart option={curveOption(result, (n) => t(`retention.periodN.${result.period}`, { n }), t('retention.retained'))} height={280} label={t('retention.curve')} testId="retention-chart" />
            </Card>
            <Card title={t('retention.table')}>
              <CohortTable result={result} />
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

function curveOption(result: RetentionResult, periodName: (n: number) => string, seriesName: string): ChartOption {
  const curve = retentionCurve(result.cohorts);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(Number(v) * 100).toFixed(1)}%` },
    grid: { left: 48, right: 24, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: curve.map((_, i) => periodName(i)), boundaryGap: false },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [{ type: 'line', name: seriesName, data: curve, smooth: 0.2, areaStyle: { opacity: 0.12 } }],
  };
}

function CohortTable({ result }: { result: RetentionResult }) {
  const { t, lang } = useI18n();
  const periods = Math.max(0, ...result.cohorts.map((c) => c.values.length));
  return (
    <div className="table-scroll">
      <table className="table heatmap" data-testid="retention-table">
        <thead>
          <tr>
            <th>{t('retention.cohort')}</th>
            <th className="num">{t('retention.size')}</th>
            {Array.from({ length: periods }, (_, i) => (
              <th key={i} className="num">
                {t(`retention.periodN.${result.period}`, { n: i })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* Cohorts nobody entered (before the data starts) would only be rows of blanks. */}
          {result.cohorts.filter((c) => c.size > 0).map((c) => {
            const rates = cohortRates(c);
            return (
              <tr key={`${c.cohort}:${String(c.breakdownValue)}`}>
                <td>{c.cohort.slice(0, 10)}</td>
                <td className="num">{formatNumber(c.size, lang)}</td>
                {Array.from({ length: periods }, (_, i) => {
                  const rate = rates[i];
                  if (rate === undefined || rate === null) return <td key={i} className="num empty-cell" />;
                  return (
                    <td key={i} className="num heat" style={heatColor(rate)} title={formatNumber(c.values[i] ?? 0, lang)}>
                      {formatPercent(rate, lang)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
