/**
 * Checks an image-folder training request on the request itself, before any thread starts: the settings'
 * ranges, the archive's paths and limits (see `image-archive.ts`), and that it holds at least two class
 * folders. Whether each file is a readable image is decided later by the loader (skipped and counted).
 */
import { NorthstarError } from '../../common/errors.js';
import { IMAGE_ARCHITECTURES, isImageArchitecture } from './image-architectures.js';
import { planImageArchive, type ImageArchiveLimits, type ImageArchivePlan } from './image-archive.js';

/** What `ModelTrainingService.startImage` needs (ranges in {@link checkImageRequest}). */
export interface ImageJobRequest {
  /** The .zip: `<class>/<image>` entries, optionally under shared top folders. */
  zip: Uint8Array;
  epochs: number;
  batchSize?: number;
  /** Square input size in pixels (default 32). */
  imageSize?: number;
  /** One of IMAGE_ARCHITECTURES (default `small`: the dashboard favours quick feedback). */
  arch?: string;
  augment?: boolean;
  /** Stratified fraction held out to score the model (default 0.2). */
  validationSplit?: number;
  seed?: number;
  /** Shown in the model list (default: the class names). */
  name?: string;
}

/** The checked settings the worker trains with. */
export interface ImageJobSettings {
  epochs: number;
  batchSize: number;
  imageSize: number;
  arch: string;
  augment: boolean;
  validationSplit: number;
  seed: number;
}

function intIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new NorthstarError('INVALID_ARGUMENT', `${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

/** Validates settings and plans the archive; throws the coded error the request answers with. */
export function checkImageRequest(request: ImageJobRequest, limits: ImageArchiveLimits): { plan: ImageArchivePlan; settings: ImageJobSettings } {
  const arch = request.arch ?? 'small';
  if (!isImageArchitecture(arch)) {
    throw new NorthstarError('INVALID_ARGUMENT', `arch must be one of ${Object.keys(IMAGE_ARCHITECTURES).join(', ')}, got "${arch}"`);
  }
  const validationSplit = request.validationSplit ?? 0.2;
  if (!(validationSplit >= 0 && validationSplit <= 0.5)) throw new NorthstarError('INVALID_ARGUMENT', `validationSplit must be from 0 to 0.5, got ${validationSplit}`);
  const settings: ImageJobSettings = {
    epochs: intIn('epochs', request.epochs, 1, 500),
    batchSize: intIn('batchSize', request.batchSize ?? 16, 1, 1024),
    imageSize: intIn('imageSize', request.imageSize ?? 32, 4, 256),
    arch,
    augment: request.augment ?? false,
    validationSplit,
    seed: request.seed ?? 42,
  };
  if (request.zip.length === 0) {
    throw new NorthstarError('NN_INVALID_DATA', 'the request body is empty; send the .zip of the image folder as the body', { hint: 'POST the archive with Content-Type: application/zip.' });
  }
  const plan = planImageArchive(request.zip, limits);
  if (plan.classes.length < 2) {
    throw new NorthstarError('NN_INVALID_DATA', plan.classes.length === 0
      ? 'the archive has no files inside class folders (expected <class>/<image>)'
      : `the archive has a single class folder (${plan.classes[0] ?? ''}); a classifier needs at least two`, {
      hint: 'Put one sub-folder per class, each with its images, in the folder or .zip.',
      details: { classes: plan.classes, ignored: plan.ignored.length },
    });
  }
  return { plan, settings };
}
