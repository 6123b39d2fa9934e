/**
 * `northstar train tabular`: encodes a CSV (one-hot categories, mean-imputed numbers, see nn.data.loadCsv),
 * standardises the features, optionally cross-validates the MLP over k (stratified) folds, then trains the
 * final model on every row and saves it with the encoding and scalers.
 */
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import type { History, Tensor } from '../../nn/index.js';
import { buildTabularModel, classificationScores, regressionRmse, saveTabularModel, targetScaling } from './tabular-model.js';

/** Options of {@link trainTabularModel}. */
export interface TrainTabularOptions {
  csv: string;
  target: string;
  task?: 'classification' | 'regression';
  /** Folds for cross-validation (absent: none). */
  kfold?: number;
  epochs: number;
  batchSize: number;
  seed: number;
  out: string;
  log: (line: string) => void;
  warn: (line: string) => void;
}

/** Mean and standard deviation of each cross-validated metric. */
export interface CrossValidationSummary {
  folds: Array<Record<string, number>>;
  mean: Record<string, number>;
  std: Record<string, number>;
}

/** What training produced. */
export interface TrainTabularResult {
  task: 'classification' | 'regression';
  rows: number;
  features: string[];
  classes?: string[];
  skippedRows: number;
  crossValidation?: CrossValidationSummary;
  history: History;
}

function labelsOf(y: Tensor): number[] {
  return Array.from(y.dataSync());
}

/**
 * Trains and saves a tabular model. NaN/NA/empty feature cells are imputed with the column's training mean
 * (numbers) or a `(missing)` category; rows whose target is missing or NaN are skipped and counted.
 */
export async function trainTabularModel(o: TrainTabularOptions): Promise<TrainTabularResult> {
  const data = await nn.data.loadCsv(o.csv, { target: o.target, ...(o.task ? { task: o.task } : {}) });
  const enc = data.encoding;
  const task = enc.target.task;
  const classes = enc.target.task === 'classification' ? enc.target.classes : undefined;
  if (classes !== undefined && classes.length < 2) {
    throw new NorthstarError('NN_INVALID_DATA', `target "${o.target}" has a single class (${classes.join('')}); a classifier needs at least two`);
  }
  if (enc.featureNames.length === 0) throw new NorthstarError('NN_INVALID_DATA', `no usable feature columns besides "${o.target}"`, { details: { dropped: enc.dropped } });
  if (data.skipped.length > 0) o.warn(`skipped ${data.skipped.length} row(s) (first: row ${data.skipped[0]!.row}: ${data.skipped[0]!.reason})`);
  if (enc.dropped.length > 0) o.warn(`dropped columns: ${enc.dropped.map((d) => `${d.name} (${d.reason})`).join(', ')}`);
  const y = labelsOf(data.y);
  const n = y.length;
  const k = classes?.length ?? 1;
  const fit = async (rows: readonly number[], log: boolean) => {
    const scaler = new nn.data.StandardScaler();
    const x = scaler.fitTransform(nn.data.takeRows(data.x, rows));
    const yRows = rows.map((i) => y[i]!);
    const scale = task === 'regression' ? targetScaling(yRows) : undefined;
    const yt = scale ? nn.tensor2d(yRows.map((v) => (v - scale.mean) / scale.std), [rows.length, 1]) : nn.tensor1d(yRows);
    const model = buildTabularModel(x.shape[1]!, task, k, o.seed);
    const history = await model.fit(x, yt, { epochs: o.epochs, batchSize: o.batchSize, verbose: log ? 2 : 0, log: o.log });
    return { model, scaler, scale, history };
  };

  let crossValidation: CrossValidationSummary | undefined;
  if (o.kfold !== undefined) {
    const folds = nn.data.kFold(n, o.kfold, { seed: o.seed, ...(task === 'classification' ? { labels: y } : {}) });
    crossValidation = await nn.data.crossValidate(folds, async (fold, i) => {
      const { model, scaler, scale } = await fit(fold.train, false);
      const out = model.predict(scaler.transform(nn.data.takeRows(data.x, fold.test)));
      const yTest = fold.test.map((r) => y[r]!);
      const scores = scale ? { rmse: regressionRmse(out, yTest, scale) } : classificationScores(out, yTest, k);
      o.log(`fold ${i + 1}/${folds.length}: ${Object.entries(scores).map(([m, v]) => `${m} ${v.toFixed(4)}`).join(', ')}`);
      return scores;
    });
    for (const m of Object.keys(crossValidation.mean)) {
      o.log(`${o.kfold}-fold ${m}: ${nn.data.formatMeanStd(crossValidation.mean[m]!, crossValidation.std[m]!)}`);
    }
  }

  o.log(`Training the final model on all ${n} rows (${enc.featureNames.length} features)`);
  const all = Array.from({ length: n }, (_, i) => i);
  const { model, scaler, scale, history } = await fit(all, true);
  await saveTabularModel(model, o.out, { encoding: enc, scaler, scale, seed: o.seed });
  return {
    task,
    rows: n,
    features: enc.featureNames,
    ...(classes ? { classes } : {}),
    skippedRows: data.skipped.length,
    ...(crossValidation ? { crossValidation } : {}),
    history,
  };
}
