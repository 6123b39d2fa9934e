import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { buildInteractionTable } from './interaction-table.js';
import { parseModelSpec } from './model-registry.js';
import { readInteractions } from './read-interactions.js';
import { runEvaluation } from './run-evaluation.js';
import { prepareSplit, splitTable } from './evaluate.js';
import { tuneModel, gridOf } from './tune.js';

const ML = path.resolve(import.meta.dirname, '../../../../shared/data/movielens-100k/u.data');
const hasMovieLens = existsSync(ML);

/** A small synthetic log: 40 users in two taste groups over 20 items, 8 interactions each. */
function syntheticTable() {
  const rows = [];
  for (let u = 0; u < 40; u++) {
    for (let t = 0; t < 8; t++) {
      const item = (u % 2) * 10 + ((u + t * 3) % 10);
      rows.push({ user: `u${u}`, item: `i${item}`, rating: '1', time: String(1000 + u * 10 + t), event: undefined });
    }
  }
  return buildInteractionTable(rows);
}

describe('evaluation protocols', () => {
  it('msr keeps every user in test with ⌊0.75·n⌋ training rows; temporal holds out the latest row', () => {
    const table = syntheticTable();
    const msr = prepareSplit(table, splitTable(table, 'msr', 1));
    expect(msr.testUsers.length).toBe(40);
    expect(msr.train.indices.length).toBe(40 * 6);
    const temporal = prepareSplit(table, splitTable(table, 'temporal', 1));
    expect(temporal.relevant.every((s) => s.size === 1)).toBe(true);
    const random = splitTable(table, 'random', 1);
    expect(random.test.length).toBe(64);
  });

  it('personalised models beat popularity on the synthetic groups, and --k is validated', () => {
    const table = syntheticTable();
    const { reports } = runEvaluation(table, { protocol: 'msr', k: 5, seed: 3, models: ['popularity', 'ease:lambda=5', 'itemknn'].map(parseModelSpec) });
    const [pop, ease, knn] = reports;
    expect(ease!.ndcg).toBeGreaterThan(pop!.ndcg);
    expect(knn!.ndcg).toBeGreaterThan(pop!.ndcg);
    expect(ease!.coverage).toBeGreaterThan(0);
    expect(() => runEvaluation(table, { protocol: 'msr', k: 0, seed: 1, models: [] })).toThrow(NorthstarError);
    expect(() => parseModelSpec('nope')).toThrow(/unknown model/);
  });

  it('tunes on a validation split of the training rows and reports every trial', () => {
    const table = syntheticTable();
    const split = splitTable(table, 'msr', 2);
    const result = tuneModel(table, split.train, parseModelSpec('ease'), { k: 5, seed: 2, space: { lambda: [1, 10, 100] } });
    expect(result.trials.map((t) => t.params.lambda)).toEqual([1, 10, 100]);
    expect(result.bestNdcg).toBe(Math.max(...result.trials.map((t) => t.ndcg)));
    expect(gridOf({ a: [1, 2], b: ['x', 'y'] })).toHaveLength(4);
  });

  it.skipIf(!hasMovieLens)('MovieLens-100k under msr: SAR and EASE reach sane floors (needs ../shared/data)', () => {
    const table = readInteractions(ML);
    expect([table.userIds.length, table.itemIds.length, table.users.length]).toEqual([943, 1682, 100000]);
    const { reports, summary } = runEvaluation(table, { protocol: 'msr', k: 10, seed: 42, models: ['sar', 'ease'].map(parseModelSpec) });
    expect(summary.testUsers).toBe(943);
    const [sar, ease] = reports;
    expect(sar!.ndcg).toBeGreaterThanOrEqual(0.35);
    expect(sar!.precision).toBeGreaterThanOrEqual(0.3);
    expect(ease!.ndcg).toBeGreaterThanOrEqual(0.45);
    expect(ease!.precision).toBeGreaterThanOrEqual(0.4);
  });
});
