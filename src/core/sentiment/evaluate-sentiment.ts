/**
 * `northstar sentiment eval`: scores labelled texts with a model without training on it. Two-class data (the
 * usual binary corpora) counts a prediction as positive when P(pos | not neutral) ≥ 0.5, i.e. the neutral mass
 * is set aside; three-class data uses the model's three-way label. Reports accuracy, macro-F1, per-class
 * precision/recall/F1, the confusion matrix (rows = true class, columns = predicted) and throughput.
 */
import { performance } from 'node:perf_hooks';
import { nn } from '../../nn/index.js';
import { positiveShare, type SentimentLabel, type SentimentModel } from '../../ml/text/sentiment-model.js';
import { expectedCalibrationError } from '../../ml/text/calibrate-sentiment.js';
import type { LabelledTexts } from './labelled-texts.js';

/** Scores of one class. */
export interface SentimentClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** The `--json` output of `sentiment eval` (the contract) plus the class order and model name. */
export interface SentimentEvalReport {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: Record<string, SentimentClassScores>;
  readonly confusion: number[][];
  readonly n: number;
  readonly textsPerSecond: number;
  readonly labels: readonly SentimentLabel[];
  readonly model: string;
}

/** Predicted class index of each sample under the data's class set. */
export function predictClasses(model: SentimentModel, data: LabelledTexts): { predicted: number[]; seconds: number } {
  const t0 = performance.now();
  const predicted = data.samples.map((s) => {
    const r = model.predict(s.text);
    if (data.classes.length === 2) return positiveShare(r) >= 0.5 ? 1 : 0;
    return data.classes.indexOf(r.label);
  });
  return { predicted, seconds: (performance.now() - t0) / 1000 };
}

/** Evaluates `model` on `data`. */
export function evaluateSentiment(model: SentimentModel, data: LabelledTexts): SentimentEvalReport {
  const { predicted, seconds } = predictClasses(model, data);
  const truth = data.samples.map((s) => s.label);
  const report = nn.metrics.classificationReport(truth, predicted, data.classes);
  const perClass: Record<string, SentimentClassScores> = {};
  for (const c of report.perClass) perClass[c.label] = { precision: c.precision, recall: c.recall, f1: c.f1, support: c.support };
  return {
    accuracy: report.accuracy,
    macroF1: report.macro.f1,
    perClass,
    confusion: report.confusionMatrix,
    n: truth.length,
    textsPerSecond: seconds > 0 ? truth.length / seconds : 0,
    labels: data.classes,
    model: model.info.name,
  };
}

/** Expected calibration error of the two-class reading (confidence max(p, 1 − p), p = P(pos | not neutral)). */
export function binaryEce(model: SentimentModel, samples: readonly { text: string; label: number }[]): number {
  const conf: number[] = [];
  const ok: boolean[] = [];
  for (const s of samples) {
    const p = positiveShare(model.predict(s.text));
    conf.push(Math.max(p, 1 - p));
    ok.push((p >= 0.5 ? 1 : 0) === s.label);
  }
  return expectedCalibrationError(conf, ok);
}
