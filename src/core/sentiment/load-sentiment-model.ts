/**
 * Loading sentiment models for the product: `loadDefaultSentimentModel()` is what the feedback features, the API
 * and `northstar sentiment` use. The default is the trained bilingual model shipped in `models/sentiment-default/`
 * (inside the npm package, so `npm start` needs no training data); a folder written by `northstar sentiment train`
 * loads the same way; `lexicon` names the hand-written baseline. Models are cached per folder: loading is
 * file I/O plus a jieba dictionary, predicting is pure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dict } from '@node-rs/jieba/dict.js';
import { NorthstarError } from '../../common/errors.js';
import { createLexiconSentiment } from '../../ml/text/lexicon-sentiment.js';
import type { SentimentModel } from '../../ml/text/sentiment-model.js';
import { createZhTokenizer, type ZhTokenizer } from '../../ml/text/tokenize-zh.js';
import { readAnySentimentFolder } from './routed-sentiment-folder.js';
import { SENTIMENT_MODEL_FILE } from './sentiment-model-folder.js';

/** The shipped default model's folder (package root `models/sentiment-default/`, from src/ or dist/ alike). */
export const DEFAULT_SENTIMENT_MODEL_DIR = fileURLToPath(new URL('../../../models/sentiment-default/', import.meta.url));

let sharedZh: ZhTokenizer | undefined;

/** One jieba tokenizer for every model in the process (building it parses the 5 MB dictionary). */
export function sharedZhTokenizer(): ZhTokenizer {
  sharedZh ??= createZhTokenizer({ dict });
  return sharedZh;
}

/** The lexicon baseline as a {@link SentimentModel}. */
export function lexiconSentimentModel(): SentimentModel {
  const lex = createLexiconSentiment({ zh: sharedZhTokenizer() });
  const predict = (text: string): ReturnType<SentimentModel['predict']> => {
    const { label, score, probabilities, confidence, lang, truncated } = lex.predict(text);
    return { label, score, probabilities, confidence, lang, truncated };
  };
  return {
    info: { name: 'lexicon', kind: 'lexicon', languages: ['zh', 'en'], description: 'hand-written bilingual lexicon baseline' },
    predict,
    predictBatch: (texts) => texts.map(predict),
  };
}

const cache = new Map<string, SentimentModel>();

/**
 * Loads `default` (the shipped model), `lexicon` (the baseline) or a model folder written by
 * `northstar sentiment train`. A folder without a model fails with `NN_MODEL_FORMAT`.
 */
export function loadSentimentModel(ref: string = 'default'): SentimentModel {
  if (ref === 'lexicon') return lexiconSentimentModel();
  const dir = ref === 'default' ? DEFAULT_SENTIMENT_MODEL_DIR : path.resolve(ref);
  const hit = cache.get(dir);
  if (hit !== undefined) return hit;
  if (!existsSync(path.join(dir, SENTIMENT_MODEL_FILE))) {
    throw new NorthstarError('NN_MODEL_FORMAT', `no sentiment model in ${dir} (${SENTIMENT_MODEL_FILE} missing)`, {
      hint:
        ref === 'default'
          ? 'The shipped model is missing from this install; reinstall, or run `npm run train:sentiment` in a checkout.'
          : 'Pass --model default, or a folder written by `northstar sentiment train --out DIR`.',
    });
  }
  const model = readAnySentimentFolder(dir, sharedZhTokenizer());
  cache.set(dir, model);
  return model;
}

/** The shipped bilingual default model (cached); the entry point for the feedback product. */
export function loadDefaultSentimentModel(): SentimentModel {
  return loadSentimentModel('default');
}
