/**
 * `northstar train image`: loads an image folder (one sub-folder per class), holds out a stratified
 * validation part, trains one of the documented CNNs with Keras-style epoch lines, and saves the model folder
 * with the class names and input size so evaluate and predict preprocess new images the same way.
 */
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import type { History } from '../../nn/index.js';
import { buildImageModel, IMAGE_ARCHITECTURES, IMAGE_AUGMENTATION, isImageArchitecture } from './image-architectures.js';
import { TRAINED_MODEL_VERSION, type ImageModelMeta } from './model-metadata.js';

/** Options of {@link trainImageModel}. */
export interface TrainImageOptions {
  data: string;
  out: string;
  epochs: number;
  batchSize: number;
  /** Fraction held out (stratified) for validation; 0 trains on everything. */
  validationSplit: number;
  augment: boolean;
  arch: string;
  /** Square input size in pixels. */
  imageSize: number;
  seed: number;
  /** Receives each epoch line. */
  log: (line: string) => void;
  /** Receives warnings (skipped files, classes with one image). */
  warn: (line: string) => void;
  /** Receives each finished epoch (1-based) and its logs (`loss`, `accuracy`, `val_loss`, ...); jobs draw curves from it. */
  onEpochEnd?: (epoch: number, logs: Record<string, number>) => void;
}

/** What training produced. */
export interface TrainImageResult {
  classes: string[];
  counts: Record<string, number>;
  trainSamples: number;
  validationSamples: number;
  skipped: Array<{ file: string; reason: string }>;
  history: History;
  /** Class indices of the validation images and the trained model's predictions for them (absent without validation). */
  validation?: { yTrue: number[]; yPred: number[] };
}

/**
 * Trains and saves an image classifier. Defined behaviour for awkward folders: non-image or undecodable
 * files are skipped and counted (a warning names how many); a class with a single image is kept, trained on
 * and never put in the validation part (a warning names it); fewer than two classes fails with NN_INVALID_DATA.
 */
export async function trainImageModel(o: TrainImageOptions): Promise<TrainImageResult> {
  // Checked before decoding a whole folder so a typo fails at once.
  if (!isImageArchitecture(o.arch)) {
    throw new NorthstarError('INVALID_ARGUMENT', `--arch must be one of ${Object.keys(IMAGE_ARCHITECTURES).join(', ')}, got "${o.arch}"`);
  }
  const folder = await nn.data.loadImageFolder(o.data, { imageSize: [o.imageSize, o.imageSize], channels: 3 });
  const empty = folder.classes.filter((c) => (folder.counts[c] ?? 0) === 0);
  if (empty.length > 0) {
    throw new NorthstarError('NN_INVALID_DATA', `class folders without a readable image: ${empty.join(', ')}`, {
      hint: 'Put at least one image in every class folder, or remove the empty folders.',
      details: { empty },
    });
  }
  if (folder.classes.length < 2) {
    throw new NorthstarError('NN_INVALID_DATA', `${o.data} has a single class (${folder.classes.join('')}); a classifier needs at least two class folders`);
  }
  if (folder.skipped.length > 0) {
    o.warn(`skipped ${folder.skipped.length} file(s) that are not readable images (first: ${folder.skipped[0]!.file}: ${folder.skipped[0]!.reason})`);
  }
  const single = folder.classes.filter((c) => folder.counts[c] === 1);
  if (single.length > 0) o.warn(`class(es) with a single image: ${single.join(', ')}; trained on, but not validated (add more images)`);

  const labels = Array.from(folder.labels);
  const split = nn.data.stratifiedSplit(labels, { test: 0, validation: o.validationSplit, seed: o.seed });
  // The loader returns images grouped by class; the split's shuffled order matters because fit batches
  // contiguous rows when shuffling is off and the validation part must cover every class.
  const xTrain = nn.data.takeRows(folder.x, split.train);
  const yTrain = nn.tensor1d(split.train.map((i) => labels[i]!));
  const hasValidation = split.validation.length > 0;
  const validationData = hasValidation
    ? ([nn.data.takeRows(folder.x, split.validation), nn.tensor1d(split.validation.map((i) => labels[i]!))] as const)
    : undefined;

  const totalSteps = o.epochs * Math.ceil(split.train.length / Math.max(1, o.batchSize));
  const model = buildImageModel(o.arch, [o.imageSize, o.imageSize, 3], folder.classes.length, o.seed, { totalSteps });
  const augmenter = o.augment ? nn.data.createAugmenter(IMAGE_AUGMENTATION) : undefined;
  o.log(`Training on ${split.train.length} images, validating on ${split.validation.length} (${folder.classes.length} classes: ${folder.classes.join(', ')})`);
  const history = await model.fit(xTrain, yTrain, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    verbose: 2,
    log: o.log,
    ...(validationData ? { validationData } : {}),
    ...(augmenter ? { augment: augmenter } : {}),
    ...(o.onEpochEnd ? { callbacks: [{ onEpochEnd: (epoch: number, logs?: Record<string, number>) => o.onEpochEnd?.(epoch + 1, { ...logs }) }] } : {}),
  });
  let validation: TrainImageResult['validation'];
  if (validationData) {
    const out = model.predict(validationData[0], { batchSize: o.batchSize });
    validation = { yTrue: Array.from(validationData[1].dataSync()), yPred: nn.metrics.argmaxRows(out.dataSync(), folder.classes.length) };
  }
  const meta: ImageModelMeta = {
    version: TRAINED_MODEL_VERSION,
    kind: 'image',
    arch: o.arch,
    classes: folder.classes,
    imageSize: [o.imageSize, o.imageSize],
    channels: 3,
    seed: o.seed,
  };
  await nn.saveModel(model, o.out, { ...meta });
  return {
    classes: folder.classes,
    counts: folder.counts,
    trainSamples: split.train.length,
    validationSamples: split.validation.length,
    skipped: folder.skipped,
    history,
    ...(validation ? { validation } : {}),
  };
}
