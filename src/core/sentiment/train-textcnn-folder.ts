/**
 * Trains a TextCNN sentiment sub-model and writes its folder (the `textcnn` kind): the vocabulary comes from
 * unlabelled training texts (characters, or jieba words for a word-level model), the token embeddings optionally
 * start from skip-gram pretraining on the same texts (never validation or test texts), then `trainTextCnn` trains,
 * early-stops and calibrates.
 */
import { performance } from 'node:perf_hooks';
import { NorthstarError } from '../../common/errors.js';
import { buildCharVocab, createCharEncoder, wordTokens } from '../../ml/text/char-vocab.js';
import { pretrainCharEmbeddings } from '../../ml/text/pretrain-char-embeddings.js';
import type { SentimentLabel } from '../../ml/text/sentiment-model.js';
import { trainTextCnn, type TextCnnTrainOptions, type TrainedTextCnn } from '../../ml/text/train-textcnn.js';
import type { SentimentSample } from '../../ml/text/train-sentiment.js';
import type { ZhTokenizer } from '../../ml/text/tokenize-zh.js';
import { readTextCnnArtifacts, writeTextCnnFolder, type TextCnnManifest } from './textcnn-model-folder.js';
import { holdOut, type TrainSentimentFolderArgs } from './train-sentiment-folder.js';

/** Arguments of {@link trainTextCnnFolder}. */
export interface TrainTextCnnFolderArgs {
  readonly train: readonly SentimentSample[];
  readonly validation: readonly SentimentSample[];
  /** Texts for the vocabulary and the embedding pretraining (training splits only). */
  readonly unlabelled: readonly string[];
  readonly classes: readonly SentimentLabel[];
  readonly out: string;
  readonly name: string;
  readonly description: string;
  readonly languages: readonly ('zh' | 'en' | 'other')[];
  /** Skip-gram epochs over `unlabelled` (0: random embeddings). */
  readonly pretrainEpochs: number;
  readonly options: Omit<TextCnnTrainOptions, 'classes' | 'validation' | 'vocab' | 'pretrained' | 'log' | 'tokens'>;
  /** Word-level: tokens are jieba words of this tokenizer (default: characters). */
  readonly words?: ZhTokenizer;
  readonly training?: Record<string, unknown>;
  readonly log?: (line: string) => void;
}

/** What {@link trainTextCnnFolder} returns. */
export interface TrainedTextCnnFolder {
  readonly trained: TrainedTextCnn;
  readonly manifest: TextCnnManifest;
  readonly weightBytes: number;
  readonly pretrainSeconds: number;
}

/** The vocabulary and (optionally pretrained) starting embeddings, shareable between TextCNNs of one corpus. */
export interface CharStart {
  readonly vocab: string[];
  readonly pretrained: Float32Array | undefined;
  readonly seconds: number;
}

/**
 * Builds the vocabulary of `unlabelled` and pretrains `dim`-d token vectors for `epochs` (0: none); tokens are
 * characters, or jieba words when `words` is given.
 */
export function prepareCharStart(unlabelled: readonly string[], dim: number, epochs: number, seed: number, words?: ZhTokenizer): CharStart {
  const t0 = performance.now();
  const tokens = words === undefined ? undefined : wordTokens(words);
  const vocab = buildCharVocab(unlabelled, tokens === undefined ? {} : { tokens });
  let pretrained: Float32Array | undefined;
  if (epochs > 0) {
    const enc = createCharEncoder(vocab, 100_000, tokens);
    pretrained = pretrainCharEmbeddings(unlabelled.map((t) => enc.encode(t).ids), enc.size, { dim, epochs, seed });
  }
  return { vocab, pretrained, seconds: (performance.now() - t0) / 1000 };
}

/** Trains, calibrates and writes a TextCNN folder; see the module comment. `start` reuses a prepared start. */
export async function trainTextCnnFolder(a: TrainTextCnnFolderArgs, start?: CharStart): Promise<TrainedTextCnnFolder> {
  const s = start ?? prepareCharStart(a.unlabelled, a.options.dim ?? 64, a.pretrainEpochs, a.options.seed ?? 42, a.words);
  const { vocab, pretrained } = s;
  const pretrainSeconds = start === undefined ? s.seconds : 0;
  const trained = await trainTextCnn(a.train, {
    ...a.options,
    classes: a.classes,
    validation: a.validation,
    vocab,
    ...(a.words === undefined ? {} : { tokens: wordTokens(a.words) }),
    ...(pretrained === undefined ? {} : { pretrained }),
    ...(a.log === undefined ? {} : { log: a.log }),
  });
  const weightBytes = writeTextCnnFolder(a.out, {
    manifest: {
      name: a.name,
      description: a.description,
      languages: [...a.languages],
      training: {
        ...a.training,
        texts: a.train.length,
        unlabelledTexts: a.unlabelled.length,
        pretrainEpochs: a.pretrainEpochs,
        epochsRun: trained.epochs,
        bestEpoch: trained.bestEpoch,
        settings: a.options,
        validation: trained.validation,
      },
    },
    weights: trained.weights,
    vocab: trained.encoder.vocab,
    maxLength: trained.encoder.maxLength,
    tokens: a.words === undefined ? 'char' : 'word',
  });
  return { trained, manifest: readTextCnnArtifacts(a.out).manifest, weightBytes, pretrainSeconds };
}

/**
 * Arguments of {@link fineTuneTextCnnFolder}: the data and output of a bag's training run (a `validation` left
 * out is 10 % of `train`, seeded, per class), plus the TextCNN to continue.
 */
export interface FineTuneTextCnnArgs extends Pick<TrainSentimentFolderArgs, 'train' | 'validation' | 'classes' | 'out' | 'name' | 'description' | 'log'> {
  /** The TextCNN folder to continue (its vocabulary, tokens and shape are kept). */
  readonly fromDir: string;
  /** Jieba tokenizer (needed when the base folder is word-level). */
  readonly zh: ZhTokenizer;
  readonly epochs?: number;
  readonly seed?: number;
  /** Default 0.0005: half the from-scratch rate, so a few epochs adapt the model without erasing it. */
  readonly learningRate?: number;
}

/**
 * Fine-tunes a TextCNN folder on new labelled texts (`northstar sentiment train --from DIR` when DIR is a
 * TextCNN): same vocabulary, tokens and shape, starting from its weights, then early stopping and calibration as
 * for a new model. The base model's classes must be the data's classes (`INVALID_ARGUMENT` otherwise).
 */
export async function fineTuneTextCnnFolder(a: FineTuneTextCnnArgs): Promise<TrainedTextCnnFolder> {
  const base = readTextCnnArtifacts(a.fromDir);
  const m = base.manifest;
  if (m.classes.join(',') !== a.classes.join(',')) {
    throw new NorthstarError('INVALID_ARGUMENT', `the model in ${a.fromDir} predicts ${m.classes.join('/')}, the data has ${a.classes.join('/')}`, {
      hint: 'Fine-tune with the same label set as the base model, or train from scratch (omit --from).',
    });
  }
  const seed = a.seed ?? 42;
  const split = a.validation === undefined ? holdOut(a.train, seed) : { train: [...a.train], validation: [...a.validation] };
  const words = m.tokens === 'word' ? a.zh : undefined;
  const options = {
    dim: m.dim,
    kernelSizes: m.branches.map((b) => b.kernelSize),
    filters: m.branches[0]!.filters,
    maxLength: m.maxLength,
    epochs: a.epochs ?? 5,
    learningRate: a.learningRate ?? 0.0005,
    seed,
    from: base.weights,
  };
  return trainTextCnnFolder(
    {
      train: split.train,
      validation: split.validation,
      unlabelled: [],
      classes: a.classes,
      out: a.out,
      name: a.name,
      description: a.description,
      languages: m.languages,
      pretrainEpochs: 0,
      options,
      ...(words === undefined ? {} : { words }),
      training: { fromModel: m.name },
      ...(a.log === undefined ? {} : { log: a.log }),
    },
    { vocab: base.vocab, pretrained: undefined, seconds: 0 },
  );
}
