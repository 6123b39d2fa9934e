/**
 * Quality: Telco customer churn (../shared/data/telco-customer-churn), stratified 5-fold cross-validation.
 * Northstar: CSV encoding (one-hot, mean imputation) + StandardScaler fitted per fold + MLP (32 ReLU,
 * dropout 0.2, sigmoid output), Adam 1e-3, 30 epochs, batch 64. Peers on the same folds and the same encoded
 * features: scikit-learn LogisticRegression and MLPClassifier (bench/peers/sklearn_tabular.py). Reports
 * accuracy and ROC-AUC mean ± std and wall time.
 *
 *   npx tsx bench/nn/telco-kfold.ts [--folds 5] [--epochs 30]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nn } from '../../src/nn/index.js';

const { values } = parseArgs({ options: { folds: { type: 'string', default: '5' }, epochs: { type: 'string', default: '30' } } });
const file = path.resolve('../shared/data/telco-customer-churn/Telco-Customer-Churn.csv');
if (!existsSync(file)) {
  console.log(`skipped: ${file} is absent`);
  process.exit(0);
}
const data = await nn.data.loadCsv(file, { target: 'Churn' });
const labels = Array.from(data.y.data);
const folds = nn.data.kFold(labels.length, Number(values.folds), { labels, seed: 1 });
const t0 = performance.now();
const result = await nn.data.crossValidate(folds, async (fold) => {
  const scaler = new nn.data.StandardScaler();
  const xTrain = scaler.fitTransform(nn.data.takeRows(data.x, fold.train));
  const xTest = scaler.transform(nn.data.takeRows(data.x, fold.test));
  const yTrain = nn.tensor2d(fold.train.map((i) => labels[i]!), [fold.train.length, 1]);
  const model = nn.sequential({
    seed: 1,
    layers: [
      nn.layers.dense({ units: 32, activation: 'relu', inputShape: [xTrain.shape[1]!] }),
      nn.layers.dropout({ rate: 0.2 }),
      nn.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.compile({ optimizer: nn.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(xTrain, yTrain, { epochs: Number(values.epochs), batchSize: 64, verbose: 0 });
  const p = model.predict(xTest).dataSync();
  const yTest = fold.test.map((i) => labels[i]!);
  return { accuracy: nn.metrics.accuracy(yTest, Array.from(p, (v) => (v > 0.5 ? 1 : 0))), rocAuc: nn.metrics.rocAuc(yTest, p) };
});
const seconds = (performance.now() - t0) / 1000;
console.log(`Telco churn: ${labels.length} rows, ${data.encoding.featureNames.length} features (dropped: ${data.encoding.dropped.map((d) => d.name).join(', ')}), ${folds.length} folds`);
console.log('| model | accuracy | ROC-AUC | wall time |');
console.log('|---|---|---|---:|');
console.log(`| northstar MLP (${nn.getBackend().name}) | ${nn.data.formatMeanStd(result.mean.accuracy!, result.std.accuracy!)} | ${nn.data.formatMeanStd(result.mean.rocAuc!, result.std.rocAuc!)} | ${seconds.toFixed(1)} s |`);

// Peers on the same folds and features.
const dir = await mkdtemp(path.join(tmpdir(), 'ns-telco-'));
await writeFile(path.join(dir, 'data.json'), JSON.stringify({ x: Array.from(data.x.data), width: data.x.shape[1], y: labels, folds: folds.map((f) => f.test) }));
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const r = spawnSync(python, ['bench/peers/sklearn_tabular.py', path.join(dir, 'data.json')], { encoding: 'utf8' });
process.stdout.write(r.status === 0 ? r.stdout : `sklearn peer failed: ${r.stderr}\n`);
await rm(dir, { recursive: true, force: true });
