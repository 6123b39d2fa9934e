/**
 * By-language model folders: a `sentiment.json` with `kind: "by-language"` names one sub-folder per language
 * (each an ordinary model folder, see `sentiment-model-folder.ts`) and the fallback for texts whose language has
 * no route; a route may list several sub-folders, averaged in probability, or combined and calibrated as a whole
 * when the manifest has a `routeCalibration` for that language, and gated by a three-class "no opinion" model when
 * it has a `routeGates` entry (acting only on questions without an opinion: `questionWithoutOpinion`). The shipped default is such a folder (`zh/` and `en/`), so the Chinese model trains, stops early
 * and calibrates on Chinese data alone. {@link readAnySentimentFolder} loads either kind of folder.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NorthstarError } from '../../common/errors.js';
import { detectLang, type TextLang } from '../../ml/text/detect-lang.js';
import { createCalibratedEnsembleSentimentModel } from '../../ml/text/calibrated-ensemble-sentiment.js';
import { createGatedSentimentModel } from '../../ml/text/gated-sentiment.js';
import { questionWithoutOpinion } from '../../ml/text/question-form.js';
import { createEnsembleSentimentModel, createRoutedSentimentModel } from '../../ml/text/routed-sentiment.js';
import type { SentimentModel } from '../../ml/text/sentiment-model.js';
import { normalizeText, type TextFeaturizer } from '../../ml/text/text-features.js';
import type { ZhTokenizer } from '../../ml/text/tokenize-zh.js';
import { readSentimentModelFolder, SENTIMENT_MODEL_FILE } from './sentiment-model-folder.js';

const LANG = z.enum(['zh', 'en', 'other']);
// sub-folders are plain names inside the folder: no path tricks
const SUB = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/u);

const routedSchema = z.object({
  format: z.literal('northstar-sentiment'),
  version: z.literal(1),
  name: z.string(),
  kind: z.literal('by-language'),
  description: z.string(),
  languages: z.array(LANG),
  /** One sub-folder, or several whose probabilities are averaged (an ensemble). */
  routes: z.partialRecord(LANG, z.union([SUB, z.array(SUB).min(1).max(8)])),
  /** Optional probability weights of an ensemble route, one per listed sub-folder (default equal). */
  routeWeights: z.partialRecord(LANG, z.array(z.number().min(0)).min(1).max(8)).optional(),
  /**
   * Optional calibration of an ensemble route as a whole (fitted on validation by the trainer): the members'
   * outputs combined into one logit (`logit`: weighted mean of calibrated logits; `probability`: logit of the
   * probability average), divided by `temperature`, neutral below `neutralEdge`. Without it the route is the plain
   * probability average (folders written before it keep loading and behaving as before).
   */
  routeCalibration: z
    .partialRecord(LANG, z.object({ combine: z.enum(['logit', 'probability']), temperature: z.number().positive().finite(), neutralEdge: z.number().min(0).finite() }))
    .optional(),
  /**
   * Optional "no opinion" gate of a route: a sub-folder holding an ordinary three-class model (negative /
   * neutral / positive) whose P(neutral) is read as P(no opinion) and mixed into the route's result after its
   * ensemble and calibration (see `ml/text/gated-sentiment.ts`). Without it the route behaves as before.
   */
  routeGates: z.partialRecord(LANG, SUB).optional(),
  fallback: SUB,
  training: z.record(z.string(), z.unknown()).optional(),
});

/** The parsed `sentiment.json` of a by-language folder. */
export type RoutedSentimentManifest = z.infer<typeof routedSchema>;

function readJson(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(dir, SENTIMENT_MODEL_FILE), 'utf8'));
  } catch (e) {
    throw new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: ${SENTIMENT_MODEL_FILE} is unreadable (${e instanceof Error ? e.message : String(e)})`, {
      hint: 'Retrain it with `northstar sentiment train --out DIR`, or use --model default.',
    });
  }
}

/** The by-language manifest of `dir`, or undefined when it is an ordinary model folder. */
export function readRoutedManifest(dir: string): RoutedSentimentManifest | undefined {
  const raw = readJson(dir);
  if (typeof raw !== 'object' || raw === null || (raw as { kind?: unknown }).kind !== 'by-language') return undefined;
  const parsed = routedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: ${SENTIMENT_MODEL_FILE} is invalid: ${parsed.error.issues[0]?.message ?? ''}`, {
      hint: 'Retrain it with `npm run train:sentiment`, or use --model default.',
    });
  }
  return parsed.data;
}

/** Writes the by-language `sentiment.json` (the sub-folders are written by the trainer). */
export function writeRoutedManifest(dir: string, manifest: RoutedSentimentManifest): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, SENTIMENT_MODEL_FILE), `${JSON.stringify(routedSchema.parse(manifest), null, 2)}\n`);
}

/**
 * A route's gate folder: it must be a three-class model with a neutral class (a binary model's neutral is only
 * its band of low confidence, not P(no opinion)).
 */
function loadGate(dir: string, sub: string, load: (sub: string) => SentimentModel): SentimentModel {
  const raw = readJson(path.join(dir, sub));
  const classes = typeof raw === 'object' && raw !== null ? (raw as { classes?: unknown }).classes : undefined;
  if (!Array.isArray(classes) || classes.length !== 3 || !classes.includes('neutral')) {
    throw new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: the gate ${sub}/ is not a three-class model with a neutral class`, {
      hint: 'Train the gate with classes negative, neutral, positive (bench/text/sentiment-gate.ts --save DIR).',
    });
  }
  return load(sub);
}

/** Loads an ordinary or a by-language folder as one {@link SentimentModel}. */
export function readAnySentimentFolder(dir: string, zh: ZhTokenizer): SentimentModel {
  const m = readRoutedManifest(dir);
  if (m === undefined) return readSentimentModelFolder(dir, zh);
  const subs = new Map<string, SentimentModel>();
  const featurizers = new Map<string, TextFeaturizer>();
  // sub-folders are ordinary folders: a nested by-language folder fails their schema (no recursion)
  const load = (sub: string): SentimentModel => {
    const hit = subs.get(sub) ?? readSentimentModelFolder(path.join(dir, sub), zh, featurizers);
    subs.set(sub, hit);
    return hit;
  };
  const routes: Partial<Record<TextLang, SentimentModel>> = {};
  const info = { name: m.name, kind: 'by-language' as const, languages: m.languages, description: m.description };
  for (const [lang, sub] of Object.entries(m.routes)) {
    if (sub === undefined) continue;
    const weights = m.routeWeights?.[lang as TextLang];
    if (weights !== undefined && (typeof sub === 'string' || weights.length !== sub.length || !weights.some((w) => w > 0))) {
      throw new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: routeWeights.${lang} needs one weight per sub-folder of its route, not all zero`);
    }
    const cal = m.routeCalibration?.[lang as TextLang];
    if (cal !== undefined && typeof sub === 'string') {
      throw new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: routeCalibration.${lang} needs an ensemble route (a list of sub-folders)`);
    }
    const route =
      typeof sub === 'string'
        ? load(sub)
        : cal === undefined
          ? createEnsembleSentimentModel(sub.map(load), info, weights)
          : createCalibratedEnsembleSentimentModel(sub.map(load), info, weights, cal);
    const gate = m.routeGates?.[lang as TextLang];
    routes[lang as TextLang] = gate === undefined ? route : createGatedSentimentModel(route, loadGate(dir, gate, load), info, { applies: questionWithoutOpinion(zh) });
  }
  const ungated = Object.keys(m.routeGates ?? {}).filter((lang) => m.routes[lang as TextLang] === undefined);
  if (ungated.length > 0) throw new NorthstarError('NN_MODEL_FORMAT', `sentiment model in ${dir}: routeGates.${ungated[0]} gates a language that has no route`);
  return createRoutedSentimentModel({ routes, fallback: load(m.fallback) }, info);
}

/**
 * The ordinary folder to fine-tune from: `dir` itself, or for a by-language folder the sub-model of the language
 * most of `texts` are in (fine-tuning the default on Chinese feedback continues its Chinese sub-model).
 */
export function fineTuneBaseDir(dir: string, texts: readonly string[]): string {
  const m = readRoutedManifest(dir);
  if (m === undefined) return dir;
  const votes = new Map<TextLang, number>();
  for (const t of texts) {
    const { lang } = detectLang(normalizeText(t.slice(0, 2000)));
    votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  let best: TextLang | undefined;
  for (const [lang, n] of votes) if (m.routes[lang] !== undefined && (best === undefined || n > (votes.get(best) ?? 0))) best = lang;
  const route = best === undefined ? m.fallback : (m.routes[best] ?? m.fallback);
  // an ensemble route continues its first member
  return path.join(dir, typeof route === 'string' ? route : (route[0] ?? m.fallback));
}
