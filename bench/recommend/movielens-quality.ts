/**
 * Benchmark: every Northstar recommender on MovieLens-100k under the Microsoft Recommenders protocol
 * (python_stratified_split 75/25 per user, top-10, seen items removed, all test items relevant), printed
 * beside the figures Microsoft Recommenders publishes for the same protocol.
 *
 *   npx tsx bench/recommend/movielens-quality.ts [--data ../shared/data/movielens-100k/u.data] [--seed 42] [--tune]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODELS, parseModelSpec } from '../../src/core/recommend/model-registry.js';
import { readInteractions } from '../../src/core/recommend/read-interactions.js';
import { runEvaluation } from '../../src/core/recommend/run-evaluation.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/movielens-100k/u.data') },
    seed: { type: 'string', default: '42' },
    models: { type: 'string', default: DEFAULT_MODELS.join(',') },
    protocol: { type: 'string', default: 'msr' },
    tune: { type: 'boolean', default: false },
    sep: { type: 'string' },
    'user-col': { type: 'string' },
    'item-col': { type: 'string' },
    'rating-col': { type: 'string' },
    'time-col': { type: 'string' },
  },
});

/** Microsoft Recommenders README, MovieLens-100k, top-10 (nDCG, precision, recall). */
const PUBLISHED: [string, number, number, number][] = [
  ['BiVAE (MS Recommenders)', 0.475, 0.412, 0.219],
  ['BPR (MS Recommenders)', 0.442, 0.388, 0.213],
  ['LightGCN (MS Recommenders)', 0.42, 0.38, 0.144],
  ['NCF (MS Recommenders)', 0.396, 0.347, 0.181],
  ['SAR (MS Recommenders)', 0.382, 0.331, 0.176],
];

const columns = Object.fromEntries(
  Object.entries({ sep: args.sep, userCol: args['user-col'], itemCol: args['item-col'], ratingCol: args['rating-col'], timeCol: args['time-col'] }).filter(
    ([, v]) => v !== undefined,
  ),
) as Record<string, string>;
const table = readInteractions(args.data, columns);
const result = runEvaluation(table, {
  protocol: args.protocol as 'msr' | 'random' | 'temporal',
  k: 10,
  seed: Number(args.seed),
  tune: args.tune,
  models: args.models.split(',').map(parseModelSpec),
  onModel: (r) => console.error(`  ${r.model} done (${r.trainSeconds.toFixed(2)} s)`),
});
const s = result.summary;
console.log(`${path.basename(args.data)}: ${s.users} users, ${s.items} items, ${s.interactions} rows; protocol ${args.protocol}, seed ${args.seed}${args.tune ? ', tuned on validation' : ''}\n`);
console.log('| model | nDCG@10 | P@10 | R@10 | MAP@10 | hit rate | coverage | novelty | diversity | train s |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const f = (x: number): string => x.toFixed(3);
for (const r of [...result.reports].sort((a, b) => b.ndcg - a.ndcg)) {
  console.log(`| Northstar ${r.model} | ${f(r.ndcg)} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.map)} | ${f(r.hitRate)} | ${f(r.coverage)} | ${r.novelty.toFixed(2)} | ${f(r.diversity)} | ${r.trainSeconds.toFixed(2)} |`);
}
if (args.protocol === 'msr' && path.basename(args.data) === 'u.data') {
  for (const [name, ndcg, p, r] of PUBLISHED) console.log(`| ${name} | ${f(ndcg)} | ${f(p)} | ${f(r)} | | | | | | |`);
}
