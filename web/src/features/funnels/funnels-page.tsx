import { useMemo, useState } from 'react';
import type { FunnelStepResult } from '../../../../src/store/insights/spec.js';
import { EChart } from '../../charts/echart.js';
import { Card, Field, PageHeader, RangeSelect, Select } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { RangePreset } from '../../lib/date-range.js';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format.js';
import { useEventNames } from '../events/api/get-event-names.js';
import { defaultFunnelSteps } from '../events/default-events.js';
import { useProjectId } from '../projects/project-context.js';
import { useFunnel } from './api/get-funnel.js';
import type { FunnelQuery } from './api/get-funnel.js';
import { FunnelActorsPanel } from './funnel-actors-panel.js';
import { funnelChartOption } from './funnel-chart-option.js';
import { FunnelStepsEditor } from './funnel-steps-editor.js';

const WINDOW_DAYS = ['1', '7', '14', '30'] as const;
type WindowDays = (typeof WINDOW_DAYS)[number];

/** Funnels: ordered steps within a conversion window; click a step to list the users behind it. */
export function FunnelsPage() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const names = useEventNames(projectId);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [windowDays, setWindowDays] = useState<WindowDays>('7');
  const [range, setRange] = useState<RangePreset>('-30d');
  const [selected, setSelected] = useState<number | null>(null);

  const steps = picked ?? (names.data ? defaultFunnelSteps(names.data) : undefined);
  const spec = useMemo<FunnelQuery | undefined>(() => {
    if (!steps || steps.length < 2) return undefined;
    return { steps: steps.map((event) => ({ event })), windowSeconds: Number(windowDays) * 86400, dateFrom: range, dateTo: 'now' };
  }, [steps, windowDays, range]);
  const funnel = useFunnel(projectId, spec);

  const change = (next: string[]): void => {
    setPicked(next);
    setSelected(null);
  };

  return (
    <div className="page" data-testid="page-funnels">
      <PageHeader titleKey="nav.funnels">
        <Field label={t('funnels.window')}>
          <Select value={windowDays} options={WINDOW_DAYS.map((d) => ({ value: d, label: t(`funnels.window.${d}`) }))} onChange={setWindowDays} testId="funnel-window" />
        </Field>
        <RangeSelect value={range} onChange={setRange} />
      </PageHeader>
      <Card title={t('funnels.steps')}>
        <FunnelStepsEditor steps={steps ?? []} names={names.data ?? []} onChange={change} />
      </Card>
      <Card>
        {!spec && names.data && names.data.length > 0 ? (
          <p className="muted">{t('funnels.needSteps')}</p>
        ) : (
          <QueryView query={funnel} blockedBy={names} isEmpty={(r) => (r.steps[0]?.count ?? 0) === 0}>
            {(result) => (
              <>
                <EChart
                  option={funnelChartOption(result.steps, (f) => formatPercent(f, lang), t('funnels.dropOff'), t('funnels.count'))}
                  height={320}
                  label={t('nav.funnels')}
                  onClick={(e) => setSelected(e.dataIndex)}
                  clickWholeCategory
                  testId="funnel-chart"
                />
                <p className="muted">{t('funnels.clickHint')}</p>
                <FunnelTable steps={result.steps} selected={selected} onSelect={setSelected} />
              </>
            )}
          </QueryView>
        )}
      </Card>
      {spec && selected !== null && funnel.data?.steps[selected] ? (
        <FunnelActorsPanel funnel={spec} stepIndex={selected} event={funnel.data.steps[selected].event} onClose={() => setSelected(null)} />
      ) : null}
    </div>
  );
}

function FunnelTable({ steps, selected, onSelect }: { steps: readonly FunnelStepResult[]; selected: number | null; onSelect: (i: number) => void }) {
  const { t, lang } = useI18n();
  const last = steps[steps.length - 1];
  return (
    <div className="table-scroll">
      <table className="table" data-testid="funnel-table">
        <thead>
          <tr>
            <th>{t('funnels.step')}</th>
            <th className="num">{t('funnels.count')}</th>
            <th className="num">{t('funnels.fromFirst')}</th>
            <th className="num">{t('funnels.fromPrevious')}</th>
            <th className="num">{t('funnels.dropOff')}</th>
            <th className="num">{t('funnels.medianTime')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i} className={selected === i ? 'clickable selected' : 'clickable'} onClick={() => onSelect(i)} data-testid={`funnel-row-${i}`} tabIndex={0} onKeyDown={(e) => (e.key === 'Enter' ? onSelect(i) : undefined)}>
              <td>
                {i + 1}. {s.label || s.event}
              </td>
              <td className="num" data-testid={`funnel-count-${i}`}>{formatNumber(s.count, lang)}</td>
              <td className="num" data-testid={`funnel-conv-first-${i}`}>{formatPercent(s.conversionFromFirst, lang)}</td>
              <td className="num" data-testid={`funnel-conv-prev-${i}`}>{formatPercent(s.conversionFromPrevious, lang)}</td>
              <td className="num" data-testid={`funnel-dropoff-${i}`}>
                {i === 0 ? t('common.none') : `${formatNumber(s.dropOff, lang)} (${formatPercent(1 - s.conversionFromPrevious, lang)})`}
              </td>
              <td className="num">{i === 0 ? t('common.none') : formatDuration(s.medianSecondsFromPrevious, t)}</td>
            </tr>
          ))}
        </tbody>
        {last ? (
          <tfoot>
            <tr>
              <td>{t('funnels.overall')}</td>
              <td className="num" />
              <td className="num" data-testid="funnel-overall">{formatPercent(last.conversionFromFirst, lang)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
