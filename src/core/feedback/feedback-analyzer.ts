/**
 * Derives what Northstar stores with every piece of feedback at write time: language, three-class sentiment
 * (the shipped default model, or the lexicon baseline when no trained model is installed), aspect-level sentiment,
 * topics (the aspects named) and content keywords. Analysis never throws on odd text: HTML is stripped,
 * emoji-only and unsupported-language texts come back neutral with the model's (low) confidence.
 */
import { NorthstarError } from '../../common/errors.js';
import { extractAspects } from '../../ml/text/aspects.js';
import { detectLang, type TextLang } from '../../ml/text/detect-lang.js';
import { contentTokens, stripHtml } from '../../ml/text/keywords.js';
import type { SentimentModel, SentimentResult } from '../../ml/text/sentiment-model.js';
import type { ZhTokenizer } from '../../ml/text/tokenize-zh.js';
import type { FeedbackAspect } from '../../store/feedback-records.js';
import type { FeedbackRecord } from '../../store/records.js';
import { lexiconSentimentModel, loadDefaultSentimentModel, sharedZhTokenizer } from '../sentiment/load-sentiment-model.js';

/** What {@link FeedbackAnalyzer.analyze} derives from one text. */
export interface FeedbackAnalysis {
  lang: TextLang;
  sentiment: number;
  sentimentLabel: SentimentResult['label'];
  sentimentConfidence: number;
  aspects: FeedbackAspect[];
  /** Aspect keys named in the text (the item's topics), in order of first mention. */
  topics: string[];
  keywords: string[];
}

/** Analyses feedback texts with one sentiment model. */
export interface FeedbackAnalyzer {
  /** The sentiment model's name (`sentiment-default`, `lexicon`, ...), reported by the API. */
  readonly modelName: string;
  analyze(text: string): FeedbackAnalysis;
}

/** Options of {@link createFeedbackAnalyzer}; both default to the product's shared instances. */
export interface FeedbackAnalyzerOptions {
  model?: SentimentModel;
  zh?: ZhTokenizer;
}

/** The shipped default model, or the lexicon baseline when this install has no trained model. */
export function defaultFeedbackModel(): SentimentModel {
  try {
    return loadDefaultSentimentModel();
  } catch (error) {
    // a checkout that has not run `npm run train:sentiment` still gets a working (if weaker) product
    if (error instanceof NorthstarError && error.code === 'NN_MODEL_FORMAT') return lexiconSentimentModel();
    throw error;
  }
}

/** Creates an analyzer; the model and the jieba tokenizer are loaded once, here. */
export function createFeedbackAnalyzer(options: FeedbackAnalyzerOptions = {}): FeedbackAnalyzer {
  const model = options.model ?? defaultFeedbackModel();
  const zh = options.zh ?? sharedZhTokenizer();
  const scorer = (clause: string): number => model.predict(clause).score;
  return {
    modelName: model.info.name,
    analyze(text) {
      const clean = stripHtml(text);
      const result = model.predict(clean);
      const lang = detectLang(clean).lang;
      // the aspect lexicon is Chinese and English: Japanese shares Han characters (配送) but not their grammar
      const aspects = lang === 'other' ? [] : extractAspects(clean, { scorer }).map((a) => ({ aspect: a.aspect, score: round(a.score), label: a.label }));
      return {
        lang,
        sentiment: round(result.score),
        sentimentLabel: result.label,
        sentimentConfidence: round(result.confidence),
        aspects,
        topics: aspects.map((a) => a.aspect),
        keywords: contentTokens(clean, zh, lang),
      };
    },
  };
}

/** Four decimals are plenty for stored scores and keep JSON small. */
function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A record with the analysis of its text (language, sentiment, aspects, topics, keywords) filled in. */
export function analyseRecord(analyzer: FeedbackAnalyzer, record: FeedbackRecord): FeedbackRecord {
  const a = analyzer.analyze(record.text);
  return {
    ...record,
    lang: a.lang,
    sentiment: a.sentiment,
    sentimentLabel: a.sentimentLabel,
    sentimentConfidence: a.sentimentConfidence,
    topics: a.topics,
    aspects: a.aspects,
    keywords: a.keywords,
  };
}
