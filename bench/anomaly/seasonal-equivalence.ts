/**
 * Checks that the fast seasonal detector (sliding-window median, quickselect MAD) returns exactly what the
 * sort-based original returned (bench/anomaly/seasonal-sort-reference.ts), field by field with `Object.is` (so NaN
 * and the sign of zero count), on seeded series with ties, signed zeros, NaN, ±∞ and long gaps; batch and causal;
 * periods 1, 2, 7, 24, 288 and 1440. Exits 1 on the first mismatch.
 *
 *   npx tsx bench/anomaly/seasonal-equivalence.ts [--seed 7]
 */
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import type { AnomalyPoint } from '../../src/ml/anomaly/anomaly-point.js';
import { detectSeasonalAnomalies as fast, type SeasonalOptions } from '../../src/ml/anomaly/seasonal-detector.js';
import { detectSeasonalAnomalies as reference } from './seasonal-sort-reference.js';

const { values: args } = parseArgs({ options: { seed: { type: 'string', default: '7' } } });
const rng = createRng(Number(args.seed));
let cases = 0;
let mismatches = 0;

const FIELDS = ['score', 'label', 'expected', 'lower', 'upper'] as const;

function firstDifference(a: readonly AnomalyPoint[], b: readonly AnomalyPoint[]): string | undefined {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    for (const f of FIELDS) if (!Object.is(x[f], y[f])) return `point ${i} ${f}: ${String(x[f])} vs ${String(y[f])}`;
    if (Object.keys(x).join() !== Object.keys(y).join()) return `point ${i} key order`;
  }
  return undefined;
}

function check(values: number[], options: SeasonalOptions, tag: string): void {
  cases++;
  const diff = firstDifference(reference(values, options), fast(values, options));
  if (diff !== undefined) {
    mismatches++;
    console.error(`${tag} ${JSON.stringify(options)}: ${diff}`);
  }
}

for (let t = 0; t < 400; t++) {
  const n = Math.floor(rng.next() * 400) + (t % 3 === 0 ? 0 : 30);
  const kind = t % 5;
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    let v: number;
    if (kind === 0) v = Math.floor(rng.next() * 4) - 2; // heavy ties, zeros included
    else if (kind === 1) v = rng.next() < 0.3 ? (rng.next() < 0.5 ? -0 : 0) : rng.normal(0, 1);
    else if (kind === 2) v = 100 + 10 * Math.sin(i) + rng.normal(0, 3);
    else if (kind === 3) v = [0, -0, 1, -1][Math.floor(rng.next() * 4)]!;
    else v = rng.normal(50, 20);
    const u = rng.next();
    if (u < 0.05) v = Number.NaN;
    else if (u < 0.07) v = Number.POSITIVE_INFINITY;
    else if (u < 0.08) v = Number.NEGATIVE_INFINITY;
    if (t % 17 === 0 && i > n / 3 && i < n / 2) v = Number.NaN; // a gap longer than the trend window
    values.push(v);
  }
  for (const period of [1, 2, 7, 24]) {
    check(values, { period }, `series ${t}`);
    if (t % 4 === 0) check(values, { period, causal: true }, `series ${t}`);
    if (t % 7 === 0) check(values, { period, trendWindow: 31 }, `series ${t}`);
  }
}
// Long periods: the trend is taken every ⌊period/12⌋ points and interpolated.
for (let t = 0; t < 6; t++) {
  const values = Array.from({ length: 3000 }, (_, i) => (rng.next() < 0.02 ? Number.NaN : 10 * Math.sin(i / 40) + rng.normal(0, 1)));
  for (const period of [24, 288, 1440]) check(values, { period }, `long ${t}`);
}
console.log(JSON.stringify({ cases, mismatches }));
if (mismatches > 0) process.exitCode = 1;
