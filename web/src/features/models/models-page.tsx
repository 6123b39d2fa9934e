import { useEffect, useMemo, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EChart } from '../../charts/echart.js';
import { Card, Field, PageHeader, Select } from '../../components/controls.js';
import { EmptyState, ErrorState, LoadingState, QueryView } from '../../components/states.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { ApiError } from '../../lib/api-error.js';
import { formatPercent } from '../../lib/format.js';
import { useProjectId } from '../projects/project-context.js';
import { cancelTraining, startImageTraining, startTraining, useModels, useTrainingJob, useTrainingJobs } from './api/models-api.js';
import type { TrainedModel } from './api/models-api.js';
import { readCsvHeader } from './csv-header.js';
import { ImageUploadFields, type PickedImages } from './image-upload-fields.js';
import { ModelResults } from './model-results.js';
import { trainingChartOption } from './training-chart-option.js';
import { TrainingJobsTable } from './training-jobs-table.js';

interface LoadedCsv {
  name: string;
  text: string;
  columns: string[];
}

type Source = 'csv' | 'images';

/** Square sizes offered for image models (pixels). */
const IMAGE_SIZES = ['16', '32', '64'] as const;

/**
 * Models: train from a CSV (pick the target column, read from the header in the browser) or from an image
 * folder (one sub-folder per class; picked as a folder or a .zip), choose the epochs, train; the loss /
 * accuracy curves grow while the job is polled (it trains in a worker thread on the server, and can be
 * cancelled), then the confusion matrix and per-class scores appear, and the model joins the list.
 */
export function ModelsPage() {
  const { t, lang } = useI18n();
  const projectId = useProjectId();
  const client = useQueryClient();
  const [source, setSource] = useState<Source>('csv');
  const [csv, setCsv] = useState<LoadedCsv | null>(null);
  const [images, setImages] = useState<PickedImages | null>(null);
  const [imageSize, setImageSize] = useState<(typeof IMAGE_SIZES)[number]>('32');
  const [target, setTarget] = useState('');
  const [epochs, setEpochs] = useState(30);
  const [jobId, setJobId] = useState<string | null>(null);
  const models = useModels(projectId);
  const job = useTrainingJob(projectId, jobId);
  const jobs = useTrainingJobs(projectId);
  const train = useMutation({
    mutationFn: () =>
      source === 'images' && images
        ? startImageTraining(projectId, { zip: images.zip, epochs, imageSize: Number(imageSize), name: images.name })
        : startTraining(projectId, { csv: csv?.text ?? '', target, epochs, name: csv?.name ?? target }),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const cancel = useMutation({
    mutationFn: () => cancelTraining(projectId, jobId ?? ''),
    onSuccess: () => void job.refetch(),
  });
  const status = job.data?.status;
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === 'interrupted';
  const ready = source === 'csv' ? csv !== null && target !== '' : images !== null;
  // The finished job saved a model: refresh the list. Any change of status shows in the job list too.
  useEffect(() => {
    if (status === 'succeeded') void client.invalidateQueries({ queryKey: ['models', projectId, 'list'] });
    if (status !== undefined) void client.invalidateQueries({ queryKey: ['models', projectId, 'jobs'] });
  }, [status, client, projectId]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    const columns = readCsvHeader(text);
    setCsv({ name: file.name, text, columns });
    setTarget(columns[columns.length - 1] ?? '');
  };

  const option = useMemo(
    () =>
      trainingChartOption(job.data?.epochs ?? [], {
        loss: t('models.loss'),
        valLoss: t('models.valLoss'),
        accuracy: t('models.accuracy'),
        valAccuracy: t('models.valAccuracyCurve'),
        epoch: t('models.epoch'),
      }),
    [job.data?.epochs, t],
  );
  const running = train.isPending || status === 'running';

  return (
    <div className="page" data-testid="page-models">
      <PageHeader titleKey="nav.models">
        <Field label={t('models.source')}>
          <Select<Source>
            value={source}
            options={[
              { value: 'csv', label: t('models.source.csv') },
              { value: 'images', label: t('models.source.images') },
            ]}
            onChange={setSource}
            testId="models-source"
          />
        </Field>
        {source === 'csv' ? (
          <>
            <Field label={t('models.file')}>
              <input type="file" accept=".csv,text/csv" className="input" onChange={(e) => void onFile(e)} data-testid="models-file" />
            </Field>
            <Field label={t('models.target')}>
              <Select value={target} options={(csv?.columns ?? []).map((c) => ({ value: c, label: c }))} onChange={setTarget} testId="models-target" />
            </Field>
          </>
        ) : (
          <>
            <ImageUploadFields picked={images} onPicked={setImages} />
            <Field label={t('models.imageSize')}>
              <Select value={imageSize} options={IMAGE_SIZES.map((v) => ({ value: v, label: `${v}×${v}` }))} onChange={setImageSize} testId="models-image-size" />
            </Field>
          </>
        )}
        <Field label={t('models.epochs')}>
          <input
            type="number"
            className="select"
            min={1}
            max={500}
            value={epochs}
            onChange={(e) => setEpochs(Math.max(1, Math.min(500, Math.round(Number(e.target.value) || 1))))}
            data-testid="models-epochs"
          />
        </Field>
        <button type="button" className="btn primary" disabled={!ready || running} onClick={() => train.mutate()} data-testid="models-train">
          {running ? t('models.training') : t('models.train')}
        </button>
        {status === 'running' ? (
          <button type="button" className="btn" disabled={cancel.isPending} onClick={() => cancel.mutate()} data-testid="models-cancel">
            {t('models.cancel')}
          </button>
        ) : null}
      </PageHeader>
      {!ready ? <p className="muted">{t(source === 'csv' ? 'models.explain' : 'models.explainImages')}</p> : null}
      {cancel.isError ? <ErrorState error={cancel.error} /> : null}
      {train.isError ? <ErrorState error={train.error} /> : null}
      {jobId !== null ? (
        <Card title={t('models.progress')} testId="models-job">
          {job.isError ? (
            <ErrorState error={job.error} onRetry={() => void job.refetch()} />
          ) : !job.data ? (
            <LoadingState />
          ) : (
            <>
              <p className="muted" data-testid="models-status" data-status={job.data.status}>
                {t(`models.status.${job.data.status}`)} · {t('models.epochOf', { done: job.data.epochs.length, total: job.data.epochsPlanned })}
                {job.data.epochs.length > 0 && job.data.epochs.at(-1)?.metrics['accuracy'] !== undefined
                  ? ` · ${t('models.accuracy')} ${formatPercent(job.data.epochs.at(-1)?.metrics['accuracy'] ?? 0, lang)}`
                  : ''}
              </p>
              {job.data.epochs.length > 0 ? <EChart option={option} height={320} label={t('models.curves')} testId="models-curves" /> : null}
              {job.data.status === 'interrupted' ? (
                <p className="muted" data-testid="models-interrupted">
                  {t(job.data.retryable ? 'models.interrupted' : job.data.retriedAs !== null ? 'models.retriedAs' : 'models.interruptedNoUpload')}
                </p>
              ) : job.data.error ? (
                <ErrorState error={new ApiError(job.data.error.code, job.data.error.message, 200)} />
              ) : null}
              {finished && job.data.model ? <ModelResults metrics={job.data.model.metrics} kind={job.data.kind} /> : null}
              {job.data.logs.length > 0 ? (
                <details className="model-logs">
                  <summary>{t('models.logs')}</summary>
                  <pre className="small" data-testid="models-logs">{job.data.logs.slice(-40).join('\n')}</pre>
                </details>
              ) : null}
            </>
          )}
        </Card>
      ) : null}
      <Card title={t('models.jobs')} testId="models-jobs">
        <QueryView query={jobs}>{(d) => <TrainingJobsTable projectId={projectId} jobs={d.jobs} onShow={setJobId} />}</QueryView>
      </Card>
      <Card title={t('models.list')} testId="models-list">
        <QueryView query={models}>{(d) => <ModelTable models={d.models} />}</QueryView>
      </Card>
    </div>
  );
}

function ModelTable({ models }: { models: TrainedModel[] }) {
  const { t, lang } = useI18n();
  if (models.length === 0) return <EmptyState>{t('models.none')}</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('models.name')}</th>
            <th>{t('models.target')}</th>
            <th className="num">{t('models.epochs')}</th>
            <th className="num">{t('models.valAccuracy')}</th>
            <th>{t('models.created')}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-testid="models-row">
              <td>{m.name}</td>
              <td>{m.kind === 'image' ? t('models.source.images') : m.target}</td>
              <td className="num">{m.epochs}</td>
              <td className="num">{m.metrics.accuracy !== undefined ? formatPercent(m.metrics.accuracy, lang) : `RMSE ${m.metrics.rmse?.toFixed(3) ?? '–'}`}</td>
              <td>{new Date(m.createdAt).toLocaleString(lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
