import { useMemo, useState } from 'react';
import type { LifecycleResult } from '../../../../src/store/insights/spec.js';
import type { ChartOption } from '../../charts/echarts-setup.js';
import { EChart } from '../../charts/echart.js';
import { Card, EventSelect, Field, PageHeader, RangeSelect, Select } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import type { RangePreset } from '../../lib/date-range.js';
import { formatBucket } from '../../lib/format.js';
import { useEventNames } from '../events/api/get-event-names.js';
import { preferEvent } from '../events/default-events.js';
import { useProjectId } from '../projects/project-context.js';
import { useLifecycle } from './api/get-lifecycle.js';
import type { LifecycleQuery } from './api/get-lifecycle.js';

type Interval = 'day' | 'week' | 'month';
const STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
const COLORS: Record<(typeof STATUSES)[number], string> = { new: '#4f46e5', returning: '#10b981', resurrecting: '#f59e0b', dormant: '#ef4444' };

/** Lifecycle: active users per interval split into new, returning, resurrecting, and (negative) dormant. */
export function LifecyclePage() {
  const { t } = useI18n();
  const projectId = useProjectId();
  const names = useEventNames(projectId);
  const [event, setEvent] = useState<string | null>(null);
  const [interval, setInterval] = useState<Interval>('week');
  const [range, setRange] = useState<RangePreset>('-90d');

  const chosen = event ?? (names.data ? (preferEvent(names.data, ['$pageview']) ?? '') : undefined);
  const spec = useMemo<LifecycleQuery | undefined>(
    () => (chosen === undefined ? undefined : { event: chosen === '' ? null : chosen, interval, dateFrom: range, dateTo: 'now' }),
    [chosen, interval, range],
  );
  const lifecycle = useLifecycle(projectId, spec);

  return (
    <div className="page" data-testid="page-lifecycle">
      <PageHeader titleKey="nav.lifecycle">
        <Field label={t('common.event')}>
          <EventSelect value={chosen ?? ''} names={names.data ?? []} onChange={setEvent} allowAny testId="lifecycle-event" />
        </Field>
        <Field label={t('common.interval')}>
          <Select value={interval} options={(['day', 'week', 'month'] as const).map((i) => ({ value: i, label: t(`interval.${i}`) }))} onChange={setInterval} testId="lifecycle-interval" />
        </Field>
        <RangeSelect value={range} onChange={setRange} />
      </PageHeader>
      <Card>
        <QueryView query={lifecycle} blockedBy={names} isEmpty={(r) => r.buckets.every((b) => b.new + b.returning + b.resurrecting === 0 && b.dormant === 0)}>
          {(result) => <EChart option={lifecycleOption(result, (k) => t(k))} height={380} label={t('nav.lifecycle')} testId="lifecycle-chart" />}
        </QueryView>
        <p className="muted">{t('lifecycle.explain')}</p>
      </Card>
    </div>
  );
}

function lifecycleOption(result: LifecycleResult, label: (key: MessageKey) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 24, top: 24, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: result.buckets.map((b) => formatBucket(b.bucket, result.interval)) },
    yAxis: { type: 'value' },
    // One stack: ECharts stacks positive and negative values separately, so dormant hangs below the axis.
    series: STATUSES.map((status) => ({
      type: 'bar' as const,
      name: label(`lifecycle.${status}`),
      stack: 'users',
      itemStyle: { color: COLORS[status] },
      data: result.buckets.map((b) => (status === 'dormant' ? -Math.abs(b.dormant) : b[status])),
    })),
  };
}
