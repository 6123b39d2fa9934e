import path from 'node:path';
import type { CommandDef } from 'citty';
import { NorthstarError } from '../../common/errors.js';
import type { CliIo } from '../cli-io.js';
import { defineNorthstarCommand } from '../define-command.js';
import { renderTable } from '../format-table.js';
import { printJson } from '../open-northstar.js';
import { intArg, listArg, requiredArg, stringArg } from '../parse-args.js';

const PROTOCOLS = ['msr', 'random', 'temporal'] as const;

/** `northstar recommend eval`: offline evaluation of recommenders on any CSV/TSV of interactions. */
export function recommendCommand(io: CliIo): CommandDef {
  const evalCommand = defineNorthstarCommand({
    meta: {
      name: 'eval',
      description:
        'Evaluate recommenders on a CSV/TSV of interactions (columns by name or 1-based position; headerless files such as MovieLens u.data work) and print one row per model.',
    },
    args: {
      interactions: { type: 'string', description: 'CSV/TSV file (optionally .gz) of user-item interactions', valueHint: 'file' },
      sep: { type: 'string', description: 'Field separator (default: sniffed; "\\t" for tab)', valueHint: 'char' },
      'user-col': { type: 'string', description: 'User column: header name or 1-based position', valueHint: 'col' },
      'item-col': { type: 'string', description: 'Item column: header name or 1-based position', valueHint: 'col' },
      'rating-col': { type: 'string', description: 'Rating/weight column (absent: every row weighs 1)', valueHint: 'col' },
      'time-col': { type: 'string', description: 'Time column (epoch seconds/ms or ISO date)', valueHint: 'col' },
      'event-col': { type: 'string', description: 'Event-name column, weighted view=1, cart=3, purchase=5', valueHint: 'col' },
      protocol: { type: 'string', description: 'msr (75/25 per-user stratified, as Microsoft Recommenders), random (80/20) or temporal (leave last out)', default: 'msr', valueHint: 'msr|random|temporal' },
      k: { type: 'string', description: 'List length for the metrics', default: '10', valueHint: 'n' },
      models: { type: 'string', description: 'Comma-separated models, each optionally with parameters (ease:lambda=500)', valueHint: 'a,b' },
      seed: { type: 'string', description: 'Seed of the split and of random models', default: '42', valueHint: 'n' },
      tune: { type: 'boolean', description: 'Grid-search each model on a validation split carved from train first (slower)' },
      json: { type: 'boolean', description: 'Print an array of { model, precision, recall, ndcg, map, coverage, trainSeconds }' },
    },
    examples: [
      'northstar recommend eval --interactions ml-100k/u.data',
      'northstar recommend eval --interactions ml-100k/u.data --models sar,ease,als --json',
      'northstar recommend eval --interactions events.csv --user-col distinct_id --item-col product_id --time-col timestamp --protocol temporal',
      'northstar recommend eval --interactions retail.csv.gz --user-col CustomerID --item-col StockCode --time-col InvoiceDate --models ease:lambda=800',
    ],
    async run({ args }) {
      const file = path.resolve(io.cwd, requiredArg('interactions', args.interactions, 'northstar recommend eval --interactions u.data'));
      const protocol = stringArg(args.protocol) ?? 'msr';
      if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
        throw new NorthstarError('INVALID_ARGUMENT', `--protocol must be one of ${PROTOCOLS.join(', ')}, got "${protocol}"`);
      }
      const k = intArg('k', args.k, 1, 1000) ?? 10;
      const seed = intArg('seed', args.seed, 0, 2 ** 31 - 1) ?? 42;
      const { DEFAULT_MODELS, parseModelSpec } = await import('../../core/recommend/model-registry.js');
      const names = listArg(args.models);
      const specs = (names.length === 0 ? DEFAULT_MODELS : names).map(parseModelSpec);
      const { readInteractions } = await import('../../core/recommend/read-interactions.js');
      const columns = {
        sep: stringArg(args.sep),
        userCol: stringArg(args['user-col']),
        itemCol: stringArg(args['item-col']),
        ratingCol: stringArg(args['rating-col']),
        timeCol: stringArg(args['time-col']),
        eventCol: stringArg(args['event-col']),
      };
      const table = readInteractions(
        file,
        Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Record<string, string>,
      );
      const { runEvaluation } = await import('../../core/recommend/run-evaluation.js');
      const json = args.json === true;
      const result = runEvaluation(table, {
        protocol: protocol as (typeof PROTOCOLS)[number],
        k,
        models: specs,
        seed,
        tune: args.tune === true,
        onModel: (r) => {
          if (!json) io.err(`  ${r.model}: nDCG@${k} ${r.ndcg.toFixed(4)} (trained in ${r.trainSeconds.toFixed(2)}s)\n`);
        },
      });
      if (json) {
        printJson(
          io,
          result.reports.map((r) => ({
            model: r.model,
            precision: r.precision,
            recall: r.recall,
            ndcg: r.ndcg,
            map: r.map,
            coverage: r.coverage,
            trainSeconds: r.trainSeconds,
          })),
        );
        return;
      }
      const s = result.summary;
      io.out(
        `${path.basename(file)}: ${s.users} users, ${s.items} items, ${s.interactions} interactions (${s.skipped} skipped); ` +
          `protocol ${protocol}, ${s.testUsers} test users, k=${k}, seed ${seed}\n\n`,
      );
      const f = (x: number): string => x.toFixed(4);
      io.out(
        renderTable(
          ['model', `P@${k}`, `R@${k}`, `nDCG@${k}`, `MAP@${k}`, 'hit rate', 'coverage', 'novelty', 'diversity', 'train s'],
          result.reports.map((r) => [
            r.model,
            f(r.precision),
            f(r.recall),
            f(r.ndcg),
            f(r.map),
            f(r.hitRate),
            f(r.coverage),
            r.novelty.toFixed(2),
            f(r.diversity),
            r.trainSeconds.toFixed(2),
          ]),
        ),
      );
    },
  });
  return defineNorthstarCommand({
    meta: { name: 'recommend', description: 'Recommendation models: offline evaluation.' },
    subCommands: { eval: evalCommand },
  });
}
