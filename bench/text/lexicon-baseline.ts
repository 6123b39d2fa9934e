/**
 * Measurement (not a test): accuracy of the lexicon sentiment baseline on the binary benchmark splits
 * ChnSentiCorp test (1,200) and SST-2 dev (872) / test (1,821), beside the share of texts with no lexicon hit.
 *
 *   npx tsx bench/text/lexicon-baseline.ts [--data ../shared/data]
 *
 * Two binary rules are reported: "sign" (positive when P(pos) >= P(neg), so no-hit texts count as positive)
 * and "p>=0.5" (positive only when P(pos) >= 0.5, the CLI's rule for two-class labels).
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { dict } from '@node-rs/jieba/dict.js';
import { createLexiconSentiment } from '../../src/ml/text/lexicon-sentiment.js';
import { createZhTokenizer } from '../../src/ml/text/tokenize-zh.js';

const { values: args } = parseArgs({
  options: { data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') } },
});

/** Reads a `label<TAB>text` TSV with a header line. */
function readTsv(file: string): { label: number; text: string }[] {
  const rows: { label: number; text: string }[] = [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/u).slice(1);
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const label = Number(line.slice(0, tab).trim());
    if (label === 0 || label === 1) rows.push({ label, text: line.slice(tab + 1) });
  }
  return rows;
}

const model = createLexiconSentiment({ zh: createZhTokenizer({ dict }) });
const sets: [string, string][] = [
  ['ChnSentiCorp test', 'chnsenticorp-12k/test.tsv'],
  ['SST-2 dev', 'sst2/dev.tsv'],
  ['SST-2 test', 'sst2/test.tsv'],
];
for (const [name, rel] of sets) {
  const file = path.join(args.data, rel);
  if (!existsSync(file)) {
    console.log(`${name}: skipped (${file} not found)`);
    continue;
  }
  const rows = readTsv(file);
  let sign = 0;
  let half = 0;
  let noHit = 0;
  let neutral = 0;
  const t0 = performance.now();
  for (const r of rows) {
    const p = model.predict(r.text);
    if (p.hits.length === 0) noHit++;
    if (p.label === 'neutral') neutral++;
    if ((p.probabilities.positive >= p.probabilities.negative ? 1 : 0) === r.label) sign++;
    if ((p.probabilities.positive >= 0.5 ? 1 : 0) === r.label) half++;
  }
  const ms = performance.now() - t0;
  const pct = (x: number): string => `${((100 * x) / rows.length).toFixed(1)}%`;
  console.log(
    `${name}: n=${rows.length} acc(sign)=${pct(sign)} acc(p>=0.5)=${pct(half)} no-hit=${pct(noHit)} ` +
      `neutral=${pct(neutral)} ${Math.round((rows.length / ms) * 1000)} texts/s`,
  );
}
