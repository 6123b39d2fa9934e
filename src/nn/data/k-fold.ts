/** K-fold cross-validation: fold indices (optionally stratified) and a runner reporting mean ± std. */
import { NorthstarError } from '../../common/errors.js';
import { createRng } from '../../common/rng.js';

/** One fold's training and held-out indices. */
export interface Fold {
  train: number[];
  test: number[];
}

/** Fold options; with `labels`, each fold keeps the class proportions. */
export interface KFoldOptions {
  shuffle?: boolean;
  seed?: number;
  labels?: ArrayLike<number>;
}

/** Splits 0..n−1 into k folds (sizes differ by at most one, per class when stratified). */
export function kFold(n: number, k: number, options: KFoldOptions = {}): Fold[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new NorthstarError('INVALID_ARGUMENT', `k must be an integer in [2, ${n}], got ${k}`);
  const rng = createRng(options.seed ?? 42);
  const shuffle = options.shuffle ?? true;
  const groups: number[][] = [];
  if (options.labels) {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const c = options.labels[i]!;
      byClass.set(c, [...(byClass.get(c) ?? []), i]);
    }
    for (const c of [...byClass.keys()].sort((a, b) => a - b)) groups.push(byClass.get(c)!);
  } else groups.push(Array.from({ length: n }, (_, i) => i));
  const testSets: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const g of groups) {
    const idx = shuffle ? rng.shuffle([...g]) : g;
    // Deal round-robin, continuing where the previous class stopped, so fold sizes stay balanced.
    for (const i of idx) {
      testSets[next % k]!.push(i);
      next++;
    }
  }
  return testSets.map((test) => {
    const held = new Set(test);
    return { train: Array.from({ length: n }, (_, i) => i).filter((i) => !held.has(i)), test: [...test].sort((a, b) => a - b) };
  });
}

/** Per-fold metrics and their mean and (population) standard deviation. */
export interface CrossValidationResult {
  folds: Array<Record<string, number>>;
  mean: Record<string, number>;
  std: Record<string, number>;
}

/** Runs `trainAndScore` on every fold (sequentially) and aggregates the metrics it returns. */
export async function crossValidate(
  folds: readonly Fold[],
  trainAndScore: (fold: Fold, index: number) => Promise<Record<string, number>> | Record<string, number>,
): Promise<CrossValidationResult> {
  const results: Array<Record<string, number>> = [];
  for (let i = 0; i < folds.length; i++) results.push(await trainAndScore(folds[i]!, i));
  const keys = Object.keys(results[0] ?? {});
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const key of keys) {
    const values = results.map((r) => r[key] ?? Number.NaN);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    mean[key] = m;
    std[key] = Math.sqrt(values.reduce((a, v) => a + (v - m) * (v - m), 0) / values.length);
  }
  return { folds: results, mean, std };
}

/** `0.8123 ± 0.0150` for reports. */
export function formatMeanStd(mean: number, std: number, digits = 4): string {
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
}
