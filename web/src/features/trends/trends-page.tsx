import { useMemo, useState } from 'react';
import type { TrendResult } from '../../../../src/store/insights/spec.js';
import { EChart } from '../../charts/echart.js';
import { Card, EventSelect, Field, PageHeader, RangeSelect, Select } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { RangePreset } from '../../lib/date-range.js';
import { formatChange, formatNumber } from '../../lib/format.js';
import { useEventNames } from '../events/api/get-event-names.js';
import { usePropertyKeys } from '../events/api/get-property-keys.js';
import { BREAKDOWN_PROPERTIES, NUMERIC_PROPERTIES, orderProperties, preferEvent } from '../events/default-events.js';
import { useProjectId } from '../projects/project-context.js';
import { useTrend } from './api/get-trend.js';
import type { TrendQuery } from './api/get-trend.js';
import { seriesName, trendChartOption } from './trend-chart-option.js';

const MATHS = ['total', 'unique_users', 'sum', 'avg', 'min', 'max'] as const;
type Math = (typeof MATHS)[number];
const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
type Interval = (typeof INTERVALS)[number];

/** Trends: one event over time, by a measure and interval, optionally broken down and compared. */
export function TrendsPage() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const names = useEventNames(projectId);
  const [event, setEvent] = useState<string | null>(null);
  const [math, setMath] = useState<Math>('total');
  const [property, setProperty] = useState<string | null>(null);
  const [interval, setInterval] = useState<Interval>('day');
  const [breakdown, setBreakdown] = useState('');
  const [compare, setCompare] = useState(false);
  const [range, setRange] = useState<RangePreset>('-30d');

  const chosen = event ?? (names.data ? (preferEvent(names.data, ['$pageview']) ?? '') : undefined);
  const needsProperty = math !== 'total' && math !== 'unique_users';
  const keys = usePropertyKeys(projectId, chosen ? chosen : null).data;
  const breakdowns = orderProperties(keys, BREAKDOWN_PROPERTIES);
  // Sum/average only make sense on numbers: offer the known numeric keys the event has, else every key.
  const numeric = keys ? NUMERIC_PROPERTIES.filter((k) => keys.includes(k)) : [...NUMERIC_PROPERTIES];
  const numericOptions = numeric.length > 0 ? numeric : orderProperties(keys, NUMERIC_PROPERTIES);
  const measured = property !== null && numericOptions.includes(property) ? property : (numericOptions[0] ?? NUMERIC_PROPERTIES[0]);
  const spec = useMemo<TrendQuery | undefined>(() => {
    if (chosen === undefined) return undefined;
    return {
      series: [{ event: chosen === '' ? null : chosen, math, ...(needsProperty ? { property: measured } : {}) }],
      interval,
      compare,
      dateFrom: range,
      dateTo: 'now',
      ...(breakdown ? { breakdown } : {}),
    };
  }, [chosen, math, needsProperty, measured, interval, compare, range, breakdown]);
  const trend = useTrend(projectId, spec);

  return (
    <div className="page" data-testid="page-trends">
      <PageHeader titleKey="nav.trends">
        <Field label={t('common.event')}>
          <EventSelect value={chosen ?? ''} names={names.data ?? []} onChange={setEvent} allowAny testId="trend-event" />
        </Field>
        <Field label={t('trends.math')}>
          <Select value={math} options={MATHS.map((m) => ({ value: m, label: t(`trends.math.${m}`) }))} onChange={setMath} testId="trend-math" />
        </Field>
        {needsProperty ? (
          <Field label={t('trends.property')}>
            <Select value={measured} options={numericOptions.map((p) => ({ value: p, label: p }))} onChange={setProperty} testId="trend-property" />
          </Field>
        ) : null}
        <Field label={t('common.interval')}>
          <Select value={interval} options={INTERVALS.map((i) => ({ value: i, label: t(`interval.${i}`) }))} onChange={setInterval} testId="trend-interval" />
        </Field>
        <Field label={t('common.breakdown')}>
          <Select
            value={breakdown}
            options={[{ value: '', label: t('common.noBreakdown') }, ...breakdowns.map((p) => ({ value: p, label: p }))]}
            onChange={setBreakdown}
            testId="trend-breakdown"
          />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="trend-compare" />
          {t('trends.compare')}
        </label>
        <RangeSelect value={range} onChange={setRange} />
      </PageHeader>
      <Card>
        <QueryView query={trend} blockedBy={names} isEmpty={(r) => r.series.every((s) => s.total === 0)}>
          {(result) => (
            <>
              <EChart
                option={trendChartOption(result, { previous: (name) => t('trends.previous', { label: name }), none: t('common.noValue') })}
                height={360}
                label={t('nav.trends')}
                testId="trend-chart"
              />
              <TrendTotals result={result} lang={lang} />
            </>
          )}
        </QueryView>
      </Card>
    </div>
  );
}

function TrendTotals({ result, lang }: { result: TrendResult; lang: 'en' | 'zh-CN' }) {
  const { t } = useI18n();
  const hasCompare = result.series.some((s) => s.previous);
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>{t('trends.series')}</th>
          <th className="num">{t('common.total')}</th>
          {hasCompare ? <th className="num">{t('trends.change')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {result.series.map((s) => {
          const change = s.previous?.change;
          const c = change === null || change === undefined ? null : formatChange(change, lang);
          return (
            <tr key={`${s.seriesIndex}:${String(s.breakdownValue)}`}>
              <td>{seriesName(s, t('common.noValue'))}</td>
              <td className="num">{formatNumber(s.total, lang)}</td>
              {hasCompare ? <td className={`num ${c?.sign === '-' ? 'down' : 'up'}`}>{c ? `${c.sign}${c.pct}` : t('common.none')}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
