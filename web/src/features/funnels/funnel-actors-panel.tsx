import { useEffect, useRef, useState } from 'react';
import { Card } from '../../components/controls.js';
import { QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { formatNumber } from '../../lib/format.js';
import { useProjectId } from '../projects/project-context.js';
import { useFunnelActors } from './api/get-funnel-actors.js';
import type { FunnelQuery } from './api/get-funnel.js';

const PAGE_SIZE = 50;

/** Props of {@link FunnelActorsPanel}. */
export interface FunnelActorsPanelProps {
  funnel: FunnelQuery;
  /** 0-based index of the chosen step. */
  stepIndex: number;
  event: string;
  onClose: () => void;
}

/** The drill-down: the users who reached a step, or who reached the one before and dropped. */
export function FunnelActorsPanel({ funnel, stepIndex, event, onClose }: FunnelActorsPanelProps) {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const [status, setStatus] = useState<'completed' | 'dropped'>('completed');
  // Nobody can drop "before" the first step, so step 1 only lists those who entered.
  const effective = stepIndex === 0 ? 'completed' : status;
  const actors = useFunnelActors(projectId, { funnel, step: stepIndex + 1, status: effective, limit: PAGE_SIZE });
  const anchor = useRef<HTMLDivElement>(null);
  // Opening a step's list below the chart should not leave the user wondering where it went.
  useEffect(() => {
    anchor.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  }, [stepIndex]);

  return (
    <div ref={anchor}>
      <Card
        title={t('funnels.actorsTitle', { n: stepIndex + 1, event })}
        testId="funnel-actors"
        actions={
          <div className="card-actions">
            <div className="segmented" role="group">
              {(['completed', 'dropped'] as const).map((s) => (
                <button key={s} type="button" className={effective === s ? 'btn seg active' : 'btn seg'} disabled={s === 'dropped' && stepIndex === 0} aria-pressed={effective === s} onClick={() => setStatus(s)} data-testid={`actors-${s}`}>
                  {t(`funnels.${s}`)}
                </button>
              ))}
            </div>
            <button type="button" className="btn ghost" onClick={onClose}>
              {t('funnels.close')}
            </button>
          </div>
        }
      >
        <QueryView query={actors} isEmpty={(r) => r.actors.length === 0}>
          {(result) => (
            <>
              <p className="muted" data-testid="actors-total">
                {t('funnels.actorsTotal', { n: formatNumber(result.total, lang) })} · {t('funnels.shownOf', { shown: formatNumber(result.actors.length, lang), total: formatNumber(result.total, lang) })}
              </p>
              <div className="table-scroll actors-scroll">
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('funnels.distinctId')}</th>
                      <th>{t('funnels.firstStepAt')}</th>
                      <th className="num">{t('funnels.reachedStep')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.actors.map((a) => (
                      <tr key={a.distinctId} data-testid="actor-row">
                        <td className="mono">{a.distinctId}</td>
                        <td>{new Date(a.firstStepAt).toLocaleString(lang)}</td>
                        <td className="num">{a.reachedStep}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryView>
      </Card>
    </div>
  );
}
