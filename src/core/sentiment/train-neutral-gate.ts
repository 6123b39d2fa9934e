/**
 * Trains the "no opinion" gate of one language route (see `ml/text/gated-sentiment.ts`): a three-class bag folder
 * on reviews (negative → negative, positive → positive) and questions/requests (→ neutral), with the route's own
 * feature settings, so the gate shares the route's featurizer at load time (each text is tokenised once).
 *
 * The neutral texts are balanced against the reviews by count (`ratio` × reviews: a seeded subsample, or whole
 * seeded passes repeated when there are fewer, e.g. banking77's 9k against SST-2's 67k). `shift` (a logit offset
 * on P(no opinion), chosen on validation by `bench/text/sentiment-gate.ts`) is baked into the neutral output bias:
 * with temperature T, moving the neutral logit by δ moves logit P(neutral) by exactly δ / T, so the folder needs no
 * extra field.
 */
import { createRng } from '../../common/rng.js';
import type { TextLang } from '../../ml/text/detect-lang.js';
import type { SentimentLabel } from '../../ml/text/sentiment-model.js';
import type { SentimentSample } from '../../ml/text/train-sentiment.js';
import { readSentimentArtifacts, writeSentimentModelFolder, type SentimentManifest } from './sentiment-model-folder.js';
import { trainSentimentFolder, type SentimentTrainConfig } from './train-sentiment-folder.js';

/** The gate's classes; its labels are 0 negative, 1 neutral (no opinion), 2 positive. */
export const GATE_CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** What to train one gate on. */
export interface TrainNeutralGateArgs {
  readonly lang: TextLang;
  /** Review texts labelled 0 (negative) / 1 (positive), as the route's sentiment model was trained. */
  readonly reviews: { readonly train: readonly SentimentSample[]; readonly validation: readonly SentimentSample[] };
  /** Questions and requests (no opinion). */
  readonly neutral: { readonly train: readonly string[]; readonly validation: readonly string[] };
  /** Neutral training texts per review training text (default 1). */
  readonly ratio?: number;
  /** Logit offset on P(no opinion), baked into the folder (default 0). */
  readonly shift?: number;
  readonly out: string;
  /** Feature and optimisation settings; take buckets, dim and featurizer limits from the route's bag. */
  readonly config?: Partial<SentimentTrainConfig>;
  readonly description: string;
  /** Extra provenance for `sentiment.json` → `training` (data sources, licences). */
  readonly training?: Record<string, unknown>;
  readonly log?: (line: string) => void;
}

/** `n` texts: a seeded subsample, or whole seeded passes repeated (oversampling) when there are fewer. */
export function sampleTexts(texts: readonly string[], n: number, seed: number): string[] {
  if (texts.length === 0) return [];
  const rng = createRng(seed);
  const out: string[] = [];
  while (out.length < n) out.push(...rng.shuffle([...texts]).slice(0, n - out.length));
  return out;
}

/** Review labels 0 / 1 as gate labels 0 / 2. */
export function reviewsAsGate(samples: readonly SentimentSample[]): SentimentSample[] {
  return samples.map((s) => ({ text: s.text, label: s.label === 1 ? 2 : 0 }));
}

/** Trains and writes one gate folder; returns its manifest and validation figures. */
export async function trainNeutralGate(args: TrainNeutralGateArgs): Promise<{ manifest: SentimentManifest; epochs: number; trainSeconds: number }> {
  const ratio = args.ratio ?? 1;
  const shift = args.shift ?? 0;
  if (!(ratio > 0) || !Number.isFinite(shift)) throw new RangeError('a gate needs ratio > 0 and a finite shift');
  const seed = args.config?.seed ?? 42;
  const n = Math.round(ratio * args.reviews.train.length);
  const train = [...reviewsAsGate(args.reviews.train), ...sampleTexts(args.neutral.train, n, seed + 7).map((text) => ({ text, label: 1 }))];
  const validation = [...reviewsAsGate(args.reviews.validation), ...args.neutral.validation.map((text) => ({ text, label: 1 }))];
  const t = await trainSentimentFolder({
    train,
    validation,
    classes: GATE_CLASSES,
    out: args.out,
    name: `${args.lang}-gate`,
    description: args.description,
    languages: [args.lang],
    ...(args.config === undefined ? {} : { config: args.config }),
    ...(args.log === undefined ? {} : { log: args.log }),
    training: { ...args.training, role: 'no-opinion gate', ratio, shift: 0, neutralTexts: n, neutralUnique: Math.min(n, args.neutral.train.length), reviewTexts: args.reviews.train.length },
  });
  if (shift !== 0) bakeGateShift(args.out, shift, args.out);
  return { manifest: t.manifest, epochs: t.trained.epochs, trainSeconds: t.trained.trainSeconds };
}

/**
 * Copies the gate folder `dir` to `out` (may be `dir`) with `shift` added to logit P(no opinion): the neutral
 * output bias moves by shift · T. Throws RangeError for a folder that is not a three-class gate.
 */
export function bakeGateShift(dir: string, shift: number, out: string): void {
  const art = readSentimentArtifacts(dir);
  const at = art.manifest.classes.indexOf('neutral');
  if (art.manifest.classes.length !== 3 || at < 0) throw new RangeError(`${dir} is not a three-class gate`);
  const bias = Float32Array.from(art.weights.output.bias);
  bias[at] = bias[at]! + shift * art.weights.temperature;
  const prior = typeof art.manifest.training?.shift === 'number' ? art.manifest.training.shift : 0;
  writeSentimentModelFolder(out, {
    manifest: { ...art.manifest, training: { ...art.manifest.training, shift: prior + shift } },
    weights: { ...art.weights, output: { kernel: art.weights.output.kernel, bias } },
  });
}
