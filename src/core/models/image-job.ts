/**
 * The image-folder training job of the Models page (runs in the training worker): inflates the uploaded
 * archive into `<uploadDir>/<class>/<file>`, trains through {@link trainImageModel} (the pipeline behind
 * `northstar train image`, with its defined behaviour for non-image files and one-image classes), reports
 * every epoch and log line, and scores the stratified validation images: accuracy, confusion matrix and
 * per-class precision / recall / F1, the same report as the CSV path.
 */
import { relative } from 'node:path';
import { nn } from '../../nn/index.js';
import { extractImageArchive } from './image-archive.js';
import { trainImageModel } from './train-image.js';
import type { ImageWorkerInput, ModelMetrics, TrainedModelResult, TrainingProgress } from './training-job-types.js';

/** How many skipped files a summary names (the count is always complete). */
const SKIPPED_LISTED = 20;

/** Extracts, trains and saves an image model; see the file comment. */
export async function runImageJob(input: ImageWorkerInput, progress: (p: TrainingProgress) => void): Promise<TrainedModelResult> {
  const written = await extractImageArchive(input.zip, input.plan, input.uploadDir);
  const ignored = input.plan.ignored.map((i) => ({ file: i.entry, reason: i.reason }));
  progress({ kind: 'log', line: `Extracted ${written} file(s) in ${input.plan.classes.length} class folder(s)${ignored.length > 0 ? `; ignored ${ignored.length} entr${ignored.length === 1 ? 'y' : 'ies'} (hidden or outside a class folder)` : ''}` });
  const log = (line: string): void => progress({ kind: 'log', line });
  const r = await trainImageModel({
    data: input.uploadDir,
    out: input.modelDir,
    epochs: input.epochs,
    batchSize: input.batchSize,
    validationSplit: input.validationSplit,
    augment: input.augment,
    arch: input.arch,
    imageSize: input.imageSize,
    seed: input.seed,
    log,
    warn: (line) => log(`warning: ${line}`),
    onEpochEnd: (epoch, metrics) => progress({ kind: 'epoch', epoch, metrics }),
  });
  const skipped = [...ignored, ...r.skipped.map((s) => ({ file: relative(input.uploadDir, s.file), reason: s.reason }))];
  const metrics: ModelMetrics = {
    task: 'classification',
    classes: r.classes,
    trainRows: r.trainSamples,
    validationRows: r.validationSamples,
    skippedRows: skipped.length,
    ...(skipped.length > 0 ? { skipped: skipped.slice(0, SKIPPED_LISTED) } : {}),
  };
  if (r.validation) {
    const report = nn.metrics.classificationReport(r.validation.yTrue, r.validation.yPred, r.classes);
    Object.assign(metrics, {
      accuracy: report.accuracy,
      confusionMatrix: report.confusionMatrix,
      perClass: report.perClass.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    });
  }
  return {
    kind: 'image',
    target: 'class',
    features: [`${input.imageSize}×${input.imageSize}×3 pixels (${input.arch})`],
    epochs: r.history.epoch.length,
    metrics,
  };
}
