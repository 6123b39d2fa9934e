/**
 * What `northstar sentiment train` runs: a new n-gram bag from scratch, or a fine-tune of `fromDir` that keeps
 * the base model's kind — a TextCNN base (one's own, or a sub-folder of the default such as `zh-wcnn`) continues
 * as a TextCNN, a bag (or the by-language default, through the sub-model of the texts' language) as a bag.
 */
import { sharedZhTokenizer } from './load-sentiment-model.js';
import { fineTuneBaseDir } from './routed-sentiment-folder.js';
import { isTextCnnFolder } from './textcnn-model-folder.js';
import { trainSentimentFolder, type TrainSentimentFolderArgs } from './train-sentiment-folder.js';
import { fineTuneTextCnnFolder } from './train-textcnn-folder.js';
import type { SentimentValidation } from '../../ml/text/train-sentiment.js';

/** The part of a training run the CLI reports, whichever model kind was trained. */
export interface TrainedSummary {
  readonly kind: 'ngram-bag' | 'mlp' | 'textcnn';
  readonly trainTexts: number;
  readonly validation: SentimentValidation;
  readonly epochs: number;
  readonly trainSeconds: number;
  readonly weightBytes: number;
}

/** Trains or fine-tunes and writes `args.out`; see the module comment. */
export async function trainOrFineTune(args: TrainSentimentFolderArgs): Promise<TrainedSummary> {
  const baseDir = args.fromDir === undefined ? undefined : fineTuneBaseDir(args.fromDir, args.train.map((s) => s.text));
  if (baseDir !== undefined && isTextCnnFolder(baseDir)) {
    const seed = args.config?.seed;
    const epochs = args.config?.epochs;
    const t = await fineTuneTextCnnFolder({
      train: args.train,
      ...(args.validation === undefined ? {} : { validation: args.validation }),
      classes: args.classes,
      fromDir: baseDir,
      out: args.out,
      name: args.name,
      description: args.description,
      zh: sharedZhTokenizer(),
      ...(seed === undefined ? {} : { seed }),
      ...(epochs === undefined ? {} : { epochs }),
      ...(args.log === undefined ? {} : { log: args.log }),
    });
    return { kind: 'textcnn', trainTexts: Number(t.manifest.training?.['texts'] ?? 0), validation: t.trained.validation, epochs: t.trained.epochs, trainSeconds: t.trained.trainSeconds, weightBytes: t.weightBytes };
  }
  const t = await trainSentimentFolder(args);
  return { kind: t.manifest.kind, trainTexts: Number(t.manifest.training?.['trainTexts'] ?? 0), validation: t.trained.validation, epochs: t.trained.epochs, trainSeconds: t.trained.trainSeconds, weightBytes: t.weightBytes };
}
