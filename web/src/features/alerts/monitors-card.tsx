import { useState } from 'react';
import type { FormEvent } from 'react';
import { Card, EventSelect, Field, Select } from '../../components/controls.js';
import { ErrorState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useEventNames } from '../events/api/get-event-names.js';
import { useCreateMonitor, useMonitors, useRunMonitor } from './api/get-alerts.js';

type Kind = 'trend' | 'conversion';
type Direction = 'both' | 'up' | 'down';
type Sensitivity = 'low' | 'medium' | 'high';

/** The monitor list with "Scan now", and a small form for a daily event-count or conversion monitor. */
export function MonitorsCard({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const monitors = useMonitors(projectId);
  const run = useRunMonitor(projectId);
  return (
    <Card title={t('alerts.monitors')} testId="monitors-card">
      <QueryView query={monitors}>
        {(data) =>
          data.monitors.length === 0 ? (
            <p className="muted">{t('alerts.noMonitors')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table compact">
                <thead>
                  <tr>
                    <th>{t('alerts.col.name')}</th>
                    <th>{t('alerts.col.source')}</th>
                    <th>{t('alerts.col.detector')}</th>
                    <th>{t('alerts.col.lastRun')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {data.monitors.map((m) => (
                    <tr key={m.id} data-testid={`monitor-row-${m.id}`}>
                      <td>{m.name}</td>
                      <td>{m.spec.source.kind}</td>
                      <td>{`${m.spec.detector} · ${t(`alerts.sensitivity.${m.spec.sensitivity}`)} · ${t(`alerts.direction.${m.spec.direction}`)}`}</td>
                      <td>{m.lastRunAt === null ? t('alerts.never') : `${m.lastRunAt.slice(0, 16).replace('T', ' ')} ${m.lastRunStatus ?? ''}`}</td>
                      <td>
                        <button className="btn" type="button" disabled={run.isPending} onClick={() => run.mutate(m.id)} data-testid={`monitor-run-${m.id}`}>
                          {t('alerts.runNow')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      {run.isError ? <ErrorState error={run.error} /> : null}
      {run.data ? <p className="muted" data-testid="monitor-run-result">{t('alerts.scanned', { opened: run.data.opened.length, anomalies: run.data.anomalies.length })}</p> : null}
      <CreateMonitorForm projectId={projectId} />
    </Card>
  );
}

function CreateMonitorForm({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const names = useEventNames(projectId);
  const create = useCreateMonitor(projectId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('trend');
  const [event, setEvent] = useState('');
  const [to, setTo] = useState('');
  const [direction, setDirection] = useState<Direction>('both');
  const [sensitivity, setSensitivity] = useState<Sensitivity>('medium');
  const events = names.data ?? [];
  const first = events[0]?.event ?? '';

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const from = event || first;
    const source = kind === 'trend' ? { kind, spec: { series: [{ event: from }] } } : { kind, from: { event: from }, to: { event: to || first } };
    create.mutate({ name, source, direction, sensitivity }, { onSuccess: () => setName('') });
  };

  return (
    <form className="toolbar" onSubmit={submit} data-testid="monitor-form">
      <strong>{t('alerts.create')}</strong>
      <Field label={t('alerts.form.name')}>
        <input className="input" value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="monitor-name" />
      </Field>
      <Field label={t('alerts.form.kind')}>
        <Select value={kind} options={(['trend', 'conversion'] as const).map((k) => ({ value: k, label: t(`alerts.form.kind.${k}`) }))} onChange={setKind} testId="monitor-kind" />
      </Field>
      <Field label={kind === 'trend' ? t('alerts.form.event') : t('alerts.form.from')}>
        <EventSelect value={event || first} names={events} onChange={setEvent} testId="monitor-event" />
      </Field>
      {kind === 'conversion' ? (
        <Field label={t('alerts.form.to')}>
          <EventSelect value={to || first} names={events} onChange={setTo} testId="monitor-to" />
        </Field>
      ) : null}
      <Field label={t('alerts.form.direction')}>
        <Select value={direction} options={(['both', 'up', 'down'] as const).map((d) => ({ value: d, label: t(`alerts.direction.${d}`) }))} onChange={setDirection} testId="monitor-direction" />
      </Field>
      <Field label={t('alerts.form.sensitivity')}>
        <Select value={sensitivity} options={(['low', 'medium', 'high'] as const).map((s) => ({ value: s, label: t(`alerts.sensitivity.${s}`) }))} onChange={setSensitivity} testId="monitor-sensitivity" />
      </Field>
      <button className="btn primary" type="submit" disabled={create.isPending || name.trim() === ''} data-testid="monitor-submit">
        {t('alerts.form.submit')}
      </button>
      {create.isError ? <ErrorState error={create.error} /> : null}
    </form>
  );
}
