/**
 * The TextCNN sentiment model folder: `sentiment.json` (`kind: "textcnn"`: shape, calibration, provenance; zod-
 * validated), `vocab.txt` (one token per line, id = line + 2; tokens never contain whitespace) and `weights.bin`
 * (little-endian: the embedding table as int8 rows with one float32 scale per row, then each branch's conv kernel
 * and bias, then the output kernel and bias, as float32). A bad folder is `NN_MODEL_FORMAT`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import { createCharEncoder, wordTokens, type TokenSplitter } from '../../ml/text/char-vocab.js';
import type { SentimentModel } from '../../ml/text/sentiment-model.js';
import { createTextCnnSentimentModel, type TextCnnWeights } from '../../ml/text/textcnn-sentiment.js';
import type { ZhTokenizer } from '../../ml/text/tokenize-zh.js';

const FILE = 'sentiment.json';
const WEIGHTS = 'weights.bin';
const VOCAB = 'vocab.txt';

const textCnnSchema = z.object({
  format: z.literal('northstar-sentiment'),
  version: z.literal(1),
  name: z.string(),
  kind: z.literal('textcnn'),
  description: z.string(),
  languages: z.array(z.enum(['zh', 'en', 'other'])),
  classes: z.array(z.enum(['negative', 'neutral', 'positive'])).min(2).max(3),
  vocabSize: z.number().int().min(2),
  maxLength: z.number().int().positive(),
  dim: z.number().int().positive(),
  branches: z.array(z.object({ kernelSize: z.number().int().positive(), filters: z.number().int().positive() })).min(1),
  temperature: z.number().positive(),
  neutralEdge: z.number().min(0),
  /** What a token is (absent in folders written before word-level models: characters). */
  tokens: z.enum(['char', 'word']).optional(),
  training: z.record(z.string(), z.unknown()).optional(),
});

/** The parsed `sentiment.json` of a TextCNN folder. */
export type TextCnnManifest = z.infer<typeof textCnnSchema>;

/** What {@link writeTextCnnFolder} needs: the descriptive part of the manifest, weights, vocabulary. */
export interface TextCnnArtifacts {
  readonly manifest: Pick<TextCnnManifest, 'name' | 'description' | 'languages'> & { readonly training?: Record<string, unknown> };
  readonly weights: TextCnnWeights;
  readonly vocab: readonly string[];
  readonly maxLength: number;
  /** Characters (default) or jieba words; a word model's folder loads only with a jieba tokenizer. */
  readonly tokens?: 'char' | 'word';
}

function formatError(dir: string, why: string): NorthstarError {
  return new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: ${why}`, { hint: 'Retrain it with `npm run train:sentiment`, or use --model default.' });
}

/** True when `dir/sentiment.json` declares a TextCNN (other kinds and unreadable files: false). */
export function isTextCnnFolder(dir: string): boolean {
  try {
    const raw: unknown = JSON.parse(readFileSync(path.join(dir, FILE), 'utf8'));
    return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'textcnn';
  } catch {
    return false;
  }
}

const floatCount = (w: Pick<TextCnnManifest, 'dim' | 'branches' | 'classes'>): number => {
  const filters = w.branches.reduce((n, b) => n + b.filters, 0);
  return w.branches.reduce((n, b) => n + b.kernelSize * w.dim * b.filters + b.filters, 0) + filters * w.classes.length + w.classes.length;
};

/** Writes the folder; returns the weights file size in bytes. */
export function writeTextCnnFolder(dir: string, a: TextCnnArtifacts): number {
  const w = a.weights;
  if (a.vocab.length + 2 !== w.vocabSize) throw new RangeError(`vocabulary has ${a.vocab.length} tokens, the embedding ${w.vocabSize} rows`);
  const manifest: TextCnnManifest = {
    format: 'northstar-sentiment',
    version: 1,
    kind: 'textcnn',
    ...a.manifest,
    classes: [...w.classes],
    vocabSize: w.vocabSize,
    maxLength: a.maxLength,
    dim: w.dim,
    branches: w.branches.map((b) => ({ kernelSize: b.kernelSize, filters: b.filters })),
    temperature: w.temperature,
    neutralEdge: w.neutralEdge,
    ...(a.tokens === 'word' ? { tokens: 'word' as const } : {}),
  };
  const { vocabSize: rows, dim } = w;
  const buf = Buffer.alloc(rows * dim + rows * 4 + floatCount(manifest) * 4);
  let off = rows * dim;
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(w.embeddings[r * dim + j]!));
    const scale = max / 127;
    for (let j = 0; j < dim; j++) buf.writeInt8(scale === 0 ? 0 : Math.round(w.embeddings[r * dim + j]! / scale), r * dim + j);
    off = buf.writeFloatLE(scale, off);
  }
  for (const block of [...w.branches.flatMap((b) => [b.kernel, b.bias]), w.output.kernel, w.output.bias]) for (const v of block) off = buf.writeFloatLE(v, off);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, WEIGHTS), buf);
  writeFileSync(path.join(dir, VOCAB), `${a.vocab.join('\n')}\n`);
  writeFileSync(path.join(dir, FILE), `${JSON.stringify(textCnnSchema.parse(manifest), null, 2)}\n`);
  return buf.length;
}

/** Reads a TextCNN folder back (embeddings dequantised); a bad folder fails with `NN_MODEL_FORMAT`. */
export function readTextCnnArtifacts(dir: string): { manifest: TextCnnManifest; weights: TextCnnWeights; vocab: string[] } {
  let raw: unknown;
  let buf: Buffer;
  let vocabText: string;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, FILE), 'utf8'));
    buf = readFileSync(path.join(dir, WEIGHTS));
    vocabText = readFileSync(path.join(dir, VOCAB), 'utf8');
  } catch (e) {
    throw formatError(dir, `a file is missing or unreadable (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = textCnnSchema.safeParse(raw);
  if (!parsed.success) throw formatError(dir, `${FILE} is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
  const m = parsed.data;
  const vocab = vocabText.split('\n');
  if (vocab[vocab.length - 1] === '') vocab.pop();
  if (vocab.length + 2 !== m.vocabSize) throw formatError(dir, `${VOCAB} has ${vocab.length} tokens, expected ${m.vocabSize - 2}`);
  const { vocabSize: rows, dim } = m;
  const expected = rows * dim + rows * 4 + floatCount(m) * 4;
  if (buf.length !== expected) throw formatError(dir, `${WEIGHTS} has ${buf.length} bytes, expected ${expected}`);
  const embeddings = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const s = buf.readFloatLE(rows * dim + 4 * r);
    for (let j = 0; j < dim; j++) embeddings[r * dim + j] = buf.readInt8(r * dim + j) * s;
  }
  let off = rows * dim + rows * 4;
  const take = (n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, off += 4) out[i] = buf.readFloatLE(off);
    return out;
  };
  const branches = m.branches.map((b) => ({ kernelSize: b.kernelSize, filters: b.filters, kernel: take(b.kernelSize * dim * b.filters), bias: take(b.filters) }));
  const filters = m.branches.reduce((n, b) => n + b.filters, 0);
  const output = { kernel: take(filters * m.classes.length), bias: take(m.classes.length) };
  const weights: TextCnnWeights = { vocabSize: rows, dim, classes: m.classes, embeddings, branches, output, temperature: m.temperature, neutralEdge: m.neutralEdge };
  return { manifest: m, weights, vocab };
}

/** Loads a TextCNN folder as a ready {@link SentimentModel}; a word-level folder needs the jieba tokenizer `zh`. */
export function readTextCnnFolder(dir: string, zh?: ZhTokenizer): SentimentModel {
  const { manifest: m, weights, vocab } = readTextCnnArtifacts(dir);
  let tokens: TokenSplitter | undefined;
  if (m.tokens === 'word') {
    if (zh === undefined) throw formatError(dir, 'a word-level TextCNN needs a jieba tokenizer to load');
    tokens = wordTokens(zh);
  }
  return createTextCnnSentimentModel(weights, createCharEncoder(vocab, m.maxLength, tokens), { name: m.name, kind: 'textcnn', languages: m.languages, description: m.description });
}
