import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EmptyState, ErrorState } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import type { Language } from '../../i18n/translate.js';
import { formatPercent } from '../../lib/format.js';
import { retryTraining, type TrainingJob } from './api/models-api.js';

/** What the result column says about a job: its validation score, or its error code. */
function resultOf(job: TrainingJob, lang: Language): string {
  const m = job.model?.metrics;
  if (m?.accuracy !== undefined) return formatPercent(m.accuracy, lang);
  if (m?.rmse !== undefined) return `RMSE ${m.rmse.toFixed(3)}`;
  return job.error?.code ?? '–';
}

/**
 * The project's recent training jobs, kept by the server across restarts: status, epochs done, result, and
 * a Show button that opens the job's curves and metrics above. A job the server stopped during is
 * `interrupted`: it says so, and offers Start again while the server still keeps its upload.
 */
export function TrainingJobsTable({ projectId, jobs, onShow }: { projectId: string; jobs: TrainingJob[]; onShow: (jobId: string) => void }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: (jobId: string) => retryTraining(projectId, jobId),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['models', projectId, 'jobs'] });
      onShow(r.jobId);
    },
  });
  if (jobs.length === 0) return <EmptyState>{t('models.jobs.none')}</EmptyState>;
  return (
    <div className="table-scroll">
      {retry.isError ? <ErrorState error={retry.error} /> : null}
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('models.name')}</th>
            <th>{t('models.jobs.status')}</th>
            <th className="num">{t('models.jobs.progress')}</th>
            <th className="num">{t('models.jobs.result')}</th>
            <th>{t('models.jobs.started')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="models-job-row" data-status={job.status}>
              <td>
                {job.request.name}
                {job.status === 'interrupted' ? (
                  // why it stopped and what to do, under the name; wraps instead of widening the table
                  <div className="muted small" style={{ maxWidth: '36em', whiteSpace: 'normal' }} data-testid="models-job-interrupted">
                    {job.retriedAs !== null ? t('models.retriedAs') : t(job.retryable ? 'models.interrupted' : 'models.interruptedNoUpload')}
                  </div>
                ) : null}
              </td>
              <td>{t(`models.status.${job.status}`)}</td>
              <td className="num">{`${job.epochs.length} / ${job.epochsPlanned}`}</td>
              <td className="num">{resultOf(job, lang)}</td>
              <td>{new Date(job.startedAt).toLocaleString(lang)}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <button type="button" className="btn ghost" onClick={() => onShow(job.id)} data-testid="models-job-show">
                  {t('models.jobs.show')}
                </button>
                {job.retryable ? (
                  <button type="button" className="btn" disabled={retry.isPending} onClick={() => retry.mutate(job.id)} data-testid="models-job-retry">
                    {t('models.retry')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
