import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Card } from '../../components/controls.js';
import { ErrorState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useProjectId } from '../projects/project-context.js';
import { useModels } from './api/get-models.js';
import { useTrainingJob } from './api/get-training-job.js';
import { useActivateVersion, useStartTraining } from './api/model-actions.js';
import type { TrainingJob } from './api/types.js';
import { jobFraction, versionsNewestFirst } from './recommendation-view.js';

const METRIC = (value: number | undefined, digits = 3): string => (value === undefined ? '–' : value.toFixed(digits));

/** The running (or just finished) job: stage, progress bar, and the failure's code when it failed. */
function JobProgress({ job }: { job: TrainingJob }) {
  const { t, lang } = useI18n();
  const fraction = jobFraction(job);
  const { done, total, stage } = job.progress;
  return (
    <div className="recs-job" data-testid="train-job" data-status={job.status}>
      <span>{t(`recs.job.${job.status}`)}</span>
      {job.status === 'running' ? (
        <>
          <progress max={1} {...(fraction === null ? {} : { value: fraction })} aria-label={t('recs.job.progress')} />
          <span className="muted small">
            {t('recs.job.stage', { stage })} · {total === null ? formatNumber(done, lang) : `${formatNumber(done, lang)} / ${formatNumber(total, lang)}`}
          </span>
        </>
      ) : null}
      {job.status === 'succeeded' && job.version !== null ? <span className="muted small">{t('recs.job.version', { version: job.version })}</span> : null}
      {job.error ? (
        <span className="recs-job-error">
          <code className="error-code">{job.error.code}</code> {job.error.message}
        </span>
      ) : null}
    </div>
  );
}

/** Model versions with their metrics, the active one marked; Train starts a job, Activate switches or rolls back. */
export function ModelsCard() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const client = useQueryClient();
  const models = useModels(projectId);
  const train = useStartTraining(projectId);
  const activate = useActivateVersion(projectId);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useTrainingJob(projectId, jobId ?? models.data?.training?.id ?? null);
  const status = job.data?.status;

  // When the job finishes the new version is active: re-read the versions and every list served from the old one.
  useEffect(() => {
    if (status === 'succeeded' || status === 'failed') void client.invalidateQueries({ queryKey: ['recommendations', projectId] });
  }, [status, client, projectId]);

  const running = status === 'running' || train.isPending;
  return (
    <Card
      title={t('recs.models')}
      testId="recs-models"
      actions={
        <div className="card-actions">
          <button
            type="button"
            className="btn"
            data-testid="train-button"
            disabled={running}
            onClick={() => train.mutate(undefined, { onSuccess: (r) => setJobId(r.jobId) })}
          >
            {running ? t('recs.training') : t('recs.train')}
          </button>
        </div>
      }
    >
      {train.isError ? <ErrorState error={train.error} /> : null}
      {activate.isError ? <ErrorState error={activate.error} /> : null}
      {job.data ? <JobProgress job={job.data} /> : null}
      <QueryView query={models}>
        {(list) =>
          list.versions.length === 0 ? (
            <p className="muted" data-testid="recs-no-models">{t('recs.noModels')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table compact">
                <thead>
                  <tr>
                    <th>{t('recs.version')}</th>
                    <th>{t('recs.model')}</th>
                    <th>{t('recs.trainedAt')}</th>
                    <th className="num">nDCG@10</th>
                    <th className="num">{t('recs.precision')}</th>
                    <th className="num">{t('recs.recall')}</th>
                    <th className="num">{t('recs.coverage')}</th>
                    <th className="num">{t('recs.counts')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {versionsNewestFirst(list.versions).map((v) => (
                    <tr key={v.version} data-testid="model-version" data-version={v.version} data-active={v.active}>
                      <td>
                        v{v.version} {v.active ? <span className="recs-badge">{t('recs.active')}</span> : null}
                      </td>
                      <td className="mono">{v.model}</td>
                      <td>{new Date(v.trainedAt).toLocaleString(lang)}</td>
                      <td className="num">{METRIC(v.metrics?.ndcg)}</td>
                      <td className="num">{METRIC(v.metrics?.precision)}</td>
                      <td className="num">{METRIC(v.metrics?.recall)}</td>
                      <td className="num">{v.metrics ? formatPercent(v.metrics.coverage, lang) : '–'}</td>
                      <td className="num small">{t('recs.countsValue', { users: formatNumber(v.counts.users, lang), items: formatNumber(v.counts.items, lang) })}</td>
                      <td>
                        {v.active ? null : (
                          <button type="button" className="btn ghost" disabled={activate.isPending} onClick={() => activate.mutate(v.version)} data-testid={`activate-${v.version}`}>
                            {t('recs.activate')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {list.versions.some((v) => v.metrics === null) ? <p className="muted small">{t('recs.noMetrics')}</p> : null}
            </div>
          )
        }
      </QueryView>
    </Card>
  );
}
