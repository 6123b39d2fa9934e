import { NorthstarError } from '../../common/errors.js';
import { Als } from '../../ml/recommend/als.js';
import { Bpr } from '../../ml/recommend/bpr.js';
import { Ease } from '../../ml/recommend/ease.js';
import { ItemKnn } from '../../ml/recommend/item-knn.js';
import { Popularity } from '../../ml/recommend/popularity.js';
import type { Recommender } from '../../ml/recommend/recommender.js';
import { MultVae } from '../../ml/recommend/mult-vae.js';
import { Sar } from '../../ml/recommend/sar.js';

/** Hyper-parameter values as given on the command line or by a tuner. */
export type ModelParams = Record<string, number | string | boolean>;

type Factory = (params: ModelParams, seed: number) => Recommender;

const FACTORIES: Record<string, Factory> = {
  popularity: (p) => new Popularity(p),
  trending: (p) => new Popularity({ timeDecayDays: 7, ...p }),
  itemknn: (p) => new ItemKnn(p),
  'itemknn-bm25': (p) => new ItemKnn({ similarity: 'bm25', ...p }),
  sar: (p) => new Sar(p),
  als: (p, seed) => new Als({ seed, ...p }),
  bpr: (p, seed) => new Bpr({ seed, ...p }),
  ease: (p) => new Ease(p),
  // EASE with emphasised denoising (EDLAE); λ and p chosen on a MovieLens validation split.
  edlae: (p) => new Ease({ lambda: 200, dropout: 0.8, ...p }),
  // Mult-VAE on Northstar's NN engine (Liang et al. 2018).
  multvae: (p, seed) => new MultVae({ seed, ...p }),
};

/** The models this file defines (not those added at run time with {@link registerModel}). */
export const BUILT_IN_MODELS: readonly string[] = Object.freeze(Object.keys(FACTORIES));

/** Names accepted by `--models`, in report order. */
export const MODEL_NAMES: readonly string[] = Object.keys(FACTORIES);

/**
 * The default `--models` list: every model except Mult-VAE, whose minutes of training would dominate a
 * default run (name it with `--models multvae`).
 */
export const DEFAULT_MODELS: readonly string[] = MODEL_NAMES.filter((name) => name !== 'multvae');

/** Registers a model factory (used by the model files that load lazily, and by tests). */
export function registerModel(name: string, factory: Factory): void {
  FACTORIES[name] = factory;
  if (!(MODEL_NAMES as string[]).includes(name)) (MODEL_NAMES as string[]).push(name);
  if (!(DEFAULT_MODELS as string[]).includes(name)) (DEFAULT_MODELS as string[]).push(name);
}

/** A parsed `--models` entry: `ease` or `ease:lambda=300:binary=false`. */
export interface ModelSpec {
  name: string;
  params: ModelParams;
  /** The text as given, used as the report label. */
  label: string;
}

/** Parses one `--models` entry; unknown names are an INVALID_ARGUMENT listing the known ones. */
export function parseModelSpec(text: string): ModelSpec {
  const [name = '', ...pairs] = text.trim().split(':');
  if (FACTORIES[name] === undefined) {
    throw new NorthstarError('INVALID_ARGUMENT', `unknown model "${name}"`, {
      hint: `Known models: ${MODEL_NAMES.join(', ')}.`,
      details: { model: name, known: MODEL_NAMES },
    });
  }
  const params: ModelParams = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new NorthstarError('INVALID_ARGUMENT', `model parameter "${pair}" of ${name} is not key=value`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    params[key] = raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(Number(raw)) && raw !== '' ? Number(raw) : raw;
  }
  return { name, params, label: text.trim() };
}

/** Instantiates a model from its spec; `seed` feeds models that draw random numbers. */
export function createModel(spec: ModelSpec, seed: number): Recommender {
  const factory = FACTORIES[spec.name];
  if (factory === undefined) throw new NorthstarError('INVALID_ARGUMENT', `unknown model "${spec.name}"`);
  return factory(spec.params, seed);
}
