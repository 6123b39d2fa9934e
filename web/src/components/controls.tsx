import type { ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { RANGE_LABELS, RANGE_PRESETS } from '../lib/date-range.js';
import type { RangePreset } from '../lib/date-range.js';
import type { EventNameCount } from '../features/events/api/get-event-names.js';

/** A labelled form control in a page's toolbar. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

/** Props of {@link Select}. */
export interface SelectProps<V extends string> {
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
  testId?: string;
  ariaLabel?: string;
}

/** A native select over typed string values (native: keyboard, screen readers and mobile work for free). */
export function Select<V extends string>({ value, options, onChange, testId, ariaLabel }: SelectProps<V>) {
  return (
    <select
      className="select"
      value={value}
      data-testid={testId}
      aria-label={ariaLabel}
      onChange={(e) => {
        const picked = options.find((o) => o.value === e.target.value);
        if (picked) onChange(picked.value);
      }}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Props of {@link EventSelect}. */
export interface EventSelectProps {
  value: string;
  names: readonly EventNameCount[];
  onChange: (event: string) => void;
  /** Offer "any event" (the empty string) first. */
  allowAny?: boolean;
  testId?: string;
  ariaLabel?: string;
}

/** Picks one of the project's events (most frequent first); keeps a value the project no longer has visible. */
export function EventSelect({ value, names, onChange, allowAny, testId, ariaLabel }: EventSelectProps) {
  const { t } = useI18n();
  const options = names.map((n) => ({ value: n.event, label: n.event }));
  if (value !== '' && !names.some((n) => n.event === value)) options.unshift({ value, label: value });
  if (allowAny) options.unshift({ value: '', label: t('common.anyEvent') });
  return <Select value={value} options={options} onChange={onChange} {...(testId ? { testId } : {})} {...(ariaLabel ? { ariaLabel } : {})} />;
}

/** The date range presets. */
export function RangeSelect({ value, onChange }: { value: RangePreset; onChange: (value: RangePreset) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('range.label')}>
      <Select value={value} options={RANGE_PRESETS.map((p) => ({ value: p, label: t(RANGE_LABELS[p]) }))} onChange={onChange} testId="range-select" />
    </Field>
  );
}

/** A titled white card holding a chart or a table. */
export function Card({ title, children, actions, testId }: { title?: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={testId}>
      {title || actions ? (
        <header className="card-header">
          {title ? <h2>{title}</h2> : null}
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}

/** The page title and its toolbar of controls. */
export function PageHeader({ titleKey, children }: { titleKey: MessageKey; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="page-header">
      <h1 data-testid="page-title">{t(titleKey)}</h1>
      {children ? <div className="toolbar">{children}</div> : null}
    </header>
  );
}
