/**
 * What `northstar train` stores in a model folder's `northstar.metadata` so evaluate and predict rebuild the
 * exact preprocessing: image models keep their class names and input size, tabular models the fitted column
 * encoding, the feature scaler and (regression) the target scaling. Validated with zod when a folder loads.
 */
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import { nn } from '../../nn/index.js';
import type { Sequential } from '../../nn/index.js';

/** Bumped when the metadata layout changes; a folder with another version fails with NN_MODEL_FORMAT. */
export const TRAINED_MODEL_VERSION = 1;

const scalerState = z.object({ offset: z.array(z.number()), scale: z.array(z.number()), shift: z.number() });

const imageMeta = z.object({
  version: z.number().int(),
  kind: z.literal('image'),
  arch: z.string(),
  classes: z.array(z.string()).min(1),
  imageSize: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  channels: z.union([z.literal(1), z.literal(3)]),
  seed: z.number().int(),
});

const tabularMeta = z.object({
  version: z.number().int(),
  kind: z.literal('tabular'),
  // The encoding is produced by nn.data.fitTabularEncoding and read back by it; only its shape matters here.
  encoding: z.object({
    columns: z.array(z.record(z.string(), z.unknown())),
    featureNames: z.array(z.string()),
    dropped: z.array(z.object({ name: z.string(), reason: z.string() })),
    target: z.object({ name: z.string(), task: z.enum(['classification', 'regression']), classes: z.array(z.string()).optional() }),
  }),
  scaler: scalerState,
  target: z.object({ mean: z.number(), std: z.number() }).optional(),
  seed: z.number().int(),
});

/** Metadata of an image model. */
export type ImageModelMeta = z.infer<typeof imageMeta>;
/** Metadata of a tabular model. */
export type TabularModelMeta = z.infer<typeof tabularMeta>;
/** Metadata of any model trained by `northstar train`. */
export type TrainedModelMeta = ImageModelMeta | TabularModelMeta;

const schema = z.discriminatedUnion('kind', [imageMeta, tabularMeta]);

/** A loaded model with its validated metadata. */
export interface TrainedModel {
  model: Sequential;
  meta: TrainedModelMeta;
}

/**
 * Loads a folder written by `northstar train`. A folder that nn cannot read, that was not written by
 * `northstar train`, or whose metadata version differs fails with NN_MODEL_FORMAT.
 */
export async function loadTrainedModel(dir: string): Promise<TrainedModel> {
  const { model, metadata } = await nn.loadModel(dir);
  const parsed = schema.safeParse(metadata);
  if (!parsed.success) {
    throw new NorthstarError('NN_MODEL_FORMAT', `${dir} was not written by \`northstar train\` (its metadata lacks the class names or preprocessing)`, {
      details: { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
    });
  }
  if (parsed.data.version !== TRAINED_MODEL_VERSION) {
    throw new NorthstarError('NN_MODEL_FORMAT', `${dir} holds a model of metadata version ${parsed.data.version}; this Northstar reads version ${TRAINED_MODEL_VERSION}`, {
      details: { found: parsed.data.version, expected: TRAINED_MODEL_VERSION },
    });
  }
  return { model, meta: parsed.data };
}
