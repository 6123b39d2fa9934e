/**
 * Tabular training jobs for the dashboard's Models page: the CSV is parsed and validated when the job
 * starts (so a bad upload is a coded error on the request itself), then an MLP trains in-process on a
 * stratified 80/20 train/validation split. Each epoch's loss/accuracy and validation metrics are recorded
 * as it ends, and the loop yields to the event loop after every batch so other requests keep being served.
 * The finished model is saved with its encoding, scaler and metrics under `<modelsDir>/<project>/<model>`,
 * so the list of trained models survives restarts.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorCode } from '../../common/error-codes.js';
import { NorthstarError, toNorthstarError } from '../../common/errors.js';
import { uuidv7 } from '../../common/ids.js';
import { nn } from '../../nn/index.js';
import { TRAINED_MODEL_VERSION, type TabularModelMeta } from './model-metadata.js';
import { buildTabularModel, targetScaling } from './tabular-model.js';

/** One finished epoch (Keras log names: `loss`, `accuracy`, `val_loss`, `val_accuracy`, ...). */
export interface EpochRecord {
  epoch: number;
  metrics: Record<string, number>;
}

/** Scores of a trained model on its validation rows. */
export interface ModelMetrics {
  task: 'classification' | 'regression';
  /** Classification: accuracy on the validation rows. */
  accuracy?: number;
  /** Regression: RMSE in the target's units on the validation rows. */
  rmse?: number;
  classes?: string[];
  /** confusionMatrix[true][predicted], in the order of `classes`. */
  confusionMatrix?: number[][];
  perClass?: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
  trainRows: number;
  validationRows: number;
  skippedRows: number;
}

/** A trained model as listed by the API. */
export interface TrainedModelSummary {
  id: string;
  projectId: string;
  name: string;
  target: string;
  features: string[];
  epochs: number;
  createdAt: string;
  metrics: ModelMetrics;
}

/** A training job as the API shows it. */
export interface ModelTrainingJob {
  id: string;
  projectId: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  target: string;
  epochsPlanned: number;
  epochs: EpochRecord[];
  model: TrainedModelSummary | null;
  error: { code: ErrorCode; message: string } | null;
}

/** What {@link ModelTrainingService.startTabular} needs. */
export interface TabularJobRequest {
  csv: string;
  target: string;
  task?: 'classification' | 'regression';
  epochs: number;
  batchSize?: number;
  seed?: number;
  /** Shown in the model list (default: `<target> model`). */
  name?: string;
}

/** Training jobs and the trained models of each project. */
export interface ModelTrainingService {
  /** Validates the CSV and starts training; NN_INVALID_DATA / UNKNOWN_COLUMN for a bad upload. */
  startTabular(projectId: string, request: TabularJobRequest): ModelTrainingJob;
  /** A job of the project; NOT_FOUND otherwise. */
  getJob(projectId: string, jobId: string): ModelTrainingJob;
  /** Resolves when the job finished (tests wait on it). */
  wait(jobId: string): Promise<ModelTrainingJob>;
  /** Trained models of the project, newest first. */
  listModels(projectId: string): Promise<TrainedModelSummary[]>;
}

const METRICS_FILE = 'northstar.summary.json';
const MAX_FINISHED_JOBS = 100;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function copyJob(job: ModelTrainingJob): ModelTrainingJob {
  return { ...job, epochs: job.epochs.map((e) => ({ epoch: e.epoch, metrics: { ...e.metrics } })) };
}

/** Creates the service; models go under `modelsDir/<projectId>/<modelId>`. */
export function createModelTrainingService(options: { modelsDir: string; now?: () => Date }): ModelTrainingService {
  const now = options.now ?? (() => new Date());
  const jobs = new Map<string, ModelTrainingJob>();
  const done = new Map<string, Promise<ModelTrainingJob>>();

  return {
    startTabular(projectId, request) {
      if (!Number.isInteger(request.epochs) || request.epochs < 1 || request.epochs > 500) {
        throw new NorthstarError('INVALID_ARGUMENT', `epochs must be an integer from 1 to 500, got ${request.epochs}`);
      }
      const { header, rows } = nn.data.parseCsvTable(request.csv);
      if (!header.includes(request.target)) {
        throw new NorthstarError('UNKNOWN_COLUMN', `the CSV has no column "${request.target}"`, { hint: `Pick one of: ${header.slice(0, 20).join(', ')}`, details: { columns: header } });
      }
      const enc = nn.data.fitTabularEncoding(header, rows, { target: request.target, ...(request.task ? { task: request.task } : {}) });
      if (enc.target.task === 'classification' && enc.target.classes.length < 2) {
        throw new NorthstarError('NN_INVALID_DATA', `target "${request.target}" has a single class; a classifier needs at least two`);
      }
      if (enc.featureNames.length === 0) throw new NorthstarError('NN_INVALID_DATA', `no usable feature columns besides "${request.target}"`, { details: { dropped: enc.dropped } });
      const data = nn.data.encodeTabular(header, rows, enc);
      const n = data.y.shape[0] ?? 0;
      if (n < 10) throw new NorthstarError('NN_INVALID_DATA', `only ${n} usable row(s); training needs at least 10`, { details: { skipped: data.skipped.slice(0, 5) } });

      const job: ModelTrainingJob = {
        id: uuidv7(),
        projectId,
        status: 'running',
        startedAt: now().toISOString(),
        finishedAt: null,
        target: request.target,
        epochsPlanned: request.epochs,
        epochs: [],
        model: null,
        error: null,
      };
      jobs.set(job.id, job);
      // Finished jobs are kept for polling, but only the newest MAX_FINISHED_JOBS (their models stay listed).
      const finishedIds = [...jobs.values()].filter((j) => j.status !== 'running').map((j) => j.id);
      for (const old of finishedIds.slice(0, Math.max(0, finishedIds.length - MAX_FINISHED_JOBS))) {
        jobs.delete(old);
        done.delete(old);
      }
      const seed = request.seed ?? 42;
      const run = async (): Promise<TrainedModelSummary> => {
        await yieldToLoop();
        const task = enc.target.task;
        const classes = enc.target.task === 'classification' ? enc.target.classes : undefined;
        const y = Array.from(data.y.dataSync());
        const split = classes ? nn.data.stratifiedSplit(y, { test: 0.2, seed }) : nn.data.randomSplit(n, { test: 0.2, seed });
        const scaler = new nn.data.StandardScaler();
        const xTrain = scaler.fitTransform(nn.data.takeRows(data.x, split.train));
        const xVal = scaler.transform(nn.data.takeRows(data.x, split.test));
        const yTrainRaw = split.train.map((i) => y[i]!);
        const yValRaw = split.test.map((i) => y[i]!);
        const scale = task === 'regression' ? targetScaling(yTrainRaw) : undefined;
        const toTarget = (v: number[]) => (scale ? nn.tensor2d(v.map((t) => (t - scale.mean) / scale.std), [v.length, 1]) : nn.tensor1d(v));
        const model = buildTabularModel(xTrain.shape[1]!, task, classes?.length ?? 1, seed);
        await model.fit(xTrain, toTarget(yTrainRaw), {
          epochs: request.epochs,
          batchSize: request.batchSize ?? 32,
          verbose: 0,
          ...(split.test.length > 0 ? { validationData: [xVal, toTarget(yValRaw)] as const } : {}),
          callbacks: [
            {
              // Yielding after each batch keeps the server answering (job polls, ingestion) during training.
              onBatchEnd: yieldToLoop,
              onEpochEnd: (epoch: number, logs?: Record<string, number>) => {
                job.epochs.push({ epoch: epoch + 1, metrics: { ...logs } });
              },
            },
          ],
        });
        const out = model.predict(xVal).dataSync();
        const metrics: ModelMetrics = { task, trainRows: split.train.length, validationRows: split.test.length, skippedRows: data.skipped.length };
        if (classes) {
          const r = nn.metrics.classificationReport(yValRaw, nn.metrics.argmaxRows(out, classes.length), classes);
          Object.assign(metrics, {
            accuracy: r.accuracy,
            classes,
            confusionMatrix: r.confusionMatrix,
            perClass: r.perClass.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
          });
        } else if (scale) {
          let se = 0;
          yValRaw.forEach((v, i) => (se += (out[i]! * scale.std + scale.mean - v) ** 2));
          metrics.rmse = Math.sqrt(se / Math.max(1, yValRaw.length));
        }
        const id = uuidv7();
        const summary: TrainedModelSummary = {
          id,
          projectId,
          name: request.name ?? `${request.target} model`,
          target: request.target,
          features: enc.featureNames,
          epochs: job.epochs.length,
          createdAt: now().toISOString(),
          metrics,
        };
        const dir = join(options.modelsDir, projectId, id);
        await mkdir(dir, { recursive: true });
        const meta: TabularModelMeta = {
          version: TRAINED_MODEL_VERSION,
          kind: 'tabular',
          encoding: enc as TabularModelMeta['encoding'],
          scaler: scaler.toJSON(),
          ...(scale ? { target: scale } : {}),
          seed,
        };
        await nn.saveModel(model, dir, { ...meta });
        await writeFile(join(dir, METRICS_FILE), JSON.stringify(summary, null, 2));
        return summary;
      };
      const promise = run().then(
        (summary) => {
          job.status = 'succeeded';
          job.model = summary;
        },
        (error: unknown) => {
          const e = toNorthstarError(error);
          job.status = 'failed';
          job.error = { code: e.code, message: e.message };
        },
      ).then(() => {
        job.finishedAt = now().toISOString();
        return copyJob(job);
      });
      done.set(job.id, promise);
      return copyJob(job);
    },
    getJob(projectId, jobId) {
      const job = jobs.get(jobId);
      if (job === undefined || job.projectId !== projectId) {
        throw new NorthstarError('NOT_FOUND', `no model training job ${jobId} in project ${projectId}`, { details: { projectId, jobId } });
      }
      return copyJob(job);
    },
    wait(jobId) {
      const p = done.get(jobId);
      return p ?? Promise.reject(new NorthstarError('NOT_FOUND', `no model training job ${jobId}`));
    },
    async listModels(projectId) {
      const dir = join(options.modelsDir, projectId);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return []; // no model trained yet
      }
      const out: TrainedModelSummary[] = [];
      for (const name of names) {
        try {
          out.push(JSON.parse(await readFile(join(dir, name, METRICS_FILE), 'utf8')) as TrainedModelSummary);
        } catch {
          // A folder without a summary (training interrupted, or copied in by hand) is not listed.
        }
      }
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
}
