/**
 * The sentiment model folder: `sentiment.json` (architecture, featurizer settings, calibration, metrics,
 * provenance; validated with zod) and `weights.bin` (little-endian: the embedding table quantised to int8 with one
 * float32 scale per row, then the dense layers as float32). Int8 rows keep the shipped default a few MB; the
 * round-trip error (≤ half a quantisation step per weight) moves predictions by far less than calibration noise.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import { createNgramSentimentModel, type NgramSentimentWeights } from '../../ml/text/ngram-sentiment.js';
import type { SentimentModel } from '../../ml/text/sentiment-model.js';
import { createTextFeaturizer, rememberLastText, type TextFeaturizer } from '../../ml/text/text-features.js';
import type { ZhTokenizer } from '../../ml/text/tokenize-zh.js';
import { isTextCnnFolder, readTextCnnFolder } from './textcnn-model-folder.js';

/** The folder's description file. */
export const SENTIMENT_MODEL_FILE = 'sentiment.json';
const WEIGHTS_FILE = 'weights.bin';
const LABEL = z.enum(['negative', 'neutral', 'positive']);

const manifestSchema = z.object({
  format: z.literal('northstar-sentiment'),
  version: z.literal(1),
  name: z.string(),
  kind: z.enum(['ngram-bag', 'mlp']),
  description: z.string(),
  languages: z.array(z.enum(['zh', 'en', 'other'])),
  buckets: z.number().int().min(2),
  dim: z.number().int().min(1),
  hiddenUnits: z.number().int().min(0),
  classes: z.array(LABEL).min(2).max(3),
  temperature: z.number().positive(),
  neutralEdge: z.number().min(0),
  featurizer: z.object({ maxChars: z.number().int().positive(), maxFeatures: z.number().int().positive(), charTrigrams: z.boolean().optional() }),
  /** Anything the trainer wants to keep (metrics, data, timings); not read back by the model. */
  training: z.record(z.string(), z.unknown()).optional(),
});

/** The parsed `sentiment.json`. */
export type SentimentManifest = z.infer<typeof manifestSchema>;

/** Everything needed to write a folder. */
export interface SentimentModelArtifacts {
  readonly manifest: SentimentManifest;
  readonly weights: NgramSentimentWeights;
}

function formatError(dir: string, why: string): NorthstarError {
  return new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: ${why}`, {
    hint: 'Retrain it with `northstar sentiment train --out DIR`, or use --model default.',
  });
}

/** Writes `sentiment.json` and `weights.bin` (embeddings as int8 rows). Returns the weights file size. */
export function writeSentimentModelFolder(dir: string, { manifest, weights }: SentimentModelArtifacts): number {
  const { buckets, dim } = weights;
  const h = weights.hidden;
  const floats = (h === undefined ? 0 : h.kernel.length + h.bias.length) + weights.output.kernel.length + weights.output.bias.length;
  const buf = Buffer.alloc(buckets * dim + buckets * 4 + floats * 4);
  let off = 0;
  const scales = new Float32Array(buckets);
  for (let r = 0; r < buckets; r++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(weights.embeddings[r * dim + j]!));
    const scale = max / 127;
    scales[r] = scale;
    for (let j = 0; j < dim; j++) buf.writeInt8(scale === 0 ? 0 : Math.round(weights.embeddings[r * dim + j]! / scale), off++);
  }
  for (const block of [scales, h?.kernel, h?.bias, weights.output.kernel, weights.output.bias]) {
    if (block === undefined) continue;
    for (const v of block) off = buf.writeFloatLE(v, off);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, WEIGHTS_FILE), buf);
  writeFileSync(path.join(dir, SENTIMENT_MODEL_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return buf.length;
}

/** Reads a folder back into weights (dequantised) and its manifest; a bad folder fails with `NN_MODEL_FORMAT`. */
export function readSentimentArtifacts(dir: string): SentimentModelArtifacts {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, SENTIMENT_MODEL_FILE), 'utf8'));
  } catch (e) {
    throw formatError(dir, `${SENTIMENT_MODEL_FILE} is unreadable (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw formatError(dir, `${SENTIMENT_MODEL_FILE} is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  const m = parsed.data;
  let buf: Buffer;
  try {
    buf = readFileSync(path.join(dir, WEIGHTS_FILE));
  } catch {
    throw formatError(dir, `${WEIGHTS_FILE} is missing`);
  }
  const c = m.classes.length;
  const outIn = m.hiddenUnits > 0 ? m.hiddenUnits : m.dim;
  const floats = (m.hiddenUnits > 0 ? m.dim * m.hiddenUnits + m.hiddenUnits : 0) + outIn * c + c;
  const expected = m.buckets * m.dim + m.buckets * 4 + floats * 4;
  if (buf.length !== expected) throw formatError(dir, `${WEIGHTS_FILE} has ${buf.length} bytes, expected ${expected}`);
  const embeddings = new Float32Array(m.buckets * m.dim);
  let off = m.buckets * m.dim;
  const scaleAt = off;
  for (let r = 0; r < m.buckets; r++) {
    const s = buf.readFloatLE(scaleAt + 4 * r);
    for (let j = 0; j < m.dim; j++) embeddings[r * m.dim + j] = buf.readInt8(r * m.dim + j) * s;
  }
  off += m.buckets * 4;
  const take = (n: number): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++, off += 4) a[i] = buf.readFloatLE(off);
    return a;
  };
  const hidden = m.hiddenUnits > 0 ? { units: m.hiddenUnits, kernel: take(m.dim * m.hiddenUnits), bias: take(m.hiddenUnits) } : undefined;
  const output = { kernel: take(outIn * c), bias: take(c) };
  const weights: NgramSentimentWeights = {
    buckets: m.buckets,
    dim: m.dim,
    classes: m.classes,
    embeddings,
    ...(hidden === undefined ? {} : { hidden }),
    output,
    temperature: m.temperature,
    neutralEdge: m.neutralEdge,
  };
  return { manifest: m, weights };
}

/**
 * Loads a folder as a ready {@link SentimentModel}. `featurizers` shares one (last-text-remembering) featurizer
 * between folders with the same feature settings, so an ensemble tokenises each text once.
 */
export function readSentimentModelFolder(dir: string, zh: ZhTokenizer, featurizers?: Map<string, TextFeaturizer>): SentimentModel {
  // a TextCNN folder (character or word ids) has its own format
  if (isTextCnnFolder(dir)) return readTextCnnFolder(dir, zh);
  const { manifest: m, weights } = readSentimentArtifacts(dir);
  const settings = { buckets: m.buckets, maxChars: m.featurizer.maxChars, maxFeatures: m.featurizer.maxFeatures, charTrigrams: m.featurizer.charTrigrams === true };
  const key = JSON.stringify(settings);
  let featurizer = featurizers?.get(key);
  if (featurizer === undefined) {
    featurizer = createTextFeaturizer({ zh, ...settings });
    if (featurizers !== undefined) {
      featurizer = rememberLastText(featurizer);
      featurizers.set(key, featurizer);
    }
  }
  return createNgramSentimentModel(weights, featurizer, { name: m.name, kind: m.kind, languages: m.languages, description: m.description });
}
