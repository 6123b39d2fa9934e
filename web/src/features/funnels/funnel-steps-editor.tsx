import { EventSelect } from '../../components/controls.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { EventNameCount } from '../events/api/get-event-names.js';

/** Props of {@link FunnelStepsEditor}. */
export interface FunnelStepsEditorProps {
  steps: readonly string[];
  names: readonly EventNameCount[];
  onChange: (steps: string[]) => void;
}

const MAX_STEPS = 10;

/** The ordered list of step events: change, add (up to 10, as the spec allows) and remove (down to 2). */
export function FunnelStepsEditor({ steps, names, onChange }: FunnelStepsEditorProps) {
  const { t } = useI18n();
  const replace = (index: number, event: string): void => onChange(steps.map((s, i) => (i === index ? event : s)));
  return (
    <ol className="steps-editor" aria-label={t('funnels.steps')}>
      {steps.map((step, i) => (
        <li key={i} className="step-row">
          {i > 0 ? <span className="step-arrow" aria-hidden="true">→</span> : null}
          <span className="step-number">{i + 1}</span>
          <EventSelect value={step} names={names} onChange={(e) => replace(i, e)} testId={`funnel-step-${i}`} ariaLabel={`${t('funnels.step')} ${i + 1}`} />
          {steps.length > 2 ? (
            <button type="button" className="btn icon" aria-label={t('funnels.removeStep', { n: i + 1 })} title={t('funnels.removeStep', { n: i + 1 })} onClick={() => onChange(steps.filter((_, j) => j !== i))}>
              ×
            </button>
          ) : null}
        </li>
      ))}
      {steps.length < MAX_STEPS ? (
        <li className="step-row">
          <button type="button" className="btn ghost" onClick={() => onChange([...steps, names[0]?.event ?? steps[steps.length - 1] ?? ''])} data-testid="funnel-add-step">
            + {t('funnels.addStep')}
          </button>
        </li>
      ) : null}
    </ol>
  );
}
