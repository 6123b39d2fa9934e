/**
 * "No opinion" texts for training and measuring the neutral gate (see `ml/text/gated-sentiment.ts`): questions
 * and requests, which the review-trained sentiment models otherwise read as opinions.
 *
 * | lang | training (90 %) + validation (10 %, seeded) | evaluation only |
 * |---|---|---|
 * | zh | LCQMC `dev.txt` + BQ `dev.csv` sentences (both columns, deduplicated) | LCQMC `test.txt`, BQ `test.csv` |
 * | en | banking77 `train.csv` | banking77 `test.csv` |
 *
 * Evaluation texts that also occur among the training or validation texts (after whitespace trimming) are left
 * out, so the held-out figures are on unseen text. LCQMC and BQ are research-only releases (HIT Shenzhen / WeBank,
 * by application); banking77 is CC BY 4.0 (PolyAI). The pair labels of LCQMC/BQ are not used: each sentence is a
 * question or request on its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createRng } from '../../common/rng.js';

/** The neutral texts of one language. */
export interface NeutralSplit {
  readonly train: string[];
  readonly validation: string[];
  /** Evaluation sets by name (`lcqmc-test`, `bq-test`, `banking77-test`), unseen in train and validation. */
  readonly tests: Record<string, string[]>;
  /** Evaluation texts left out because they also occur in train or validation. */
  readonly droppedOverlap: number;
}

/** Both languages' neutral texts. */
export interface NeutralCorpora {
  readonly zh: NeutralSplit;
  readonly en: NeutralSplit;
}

const FILES = ['lcqmc/dev.txt', 'lcqmc/test.txt', 'bq-corpus/dev.csv', 'bq-corpus/test.csv', 'banking77/train.csv', 'banking77/test.csv'];

/** True when the shared data folder holds every file the neutral gate needs. */
export function hasNeutralCorpora(dataDir: string): boolean {
  return FILES.every((f) => existsSync(path.join(dataDir, f)));
}

/** Both sentences of an LCQMC `s1<TAB>s2<TAB>label` file (no header). */
export function readLcqmcSentences(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/u)) {
    const cols = line.split('\t');
    if (cols.length >= 2) out.push(cols[0]!, cols[1]!);
  }
  return out;
}

/** Both sentences of a BQ `sentence1,sentence2,label` CSV (header, UTF-8 BOM). */
export function readBqSentences(file: string): string[] {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
  return rows.flatMap((r) => [r.sentence1 ?? '', r.sentence2 ?? '']);
}

/** The `text` column of a banking77 `text,category` CSV. */
export function readBanking77Texts(file: string): string[] {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
  return rows.map((r) => r.text ?? '');
}

/** Trimmed, non-empty, first occurrence only (order kept). */
export function uniqueTexts(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of texts) {
    const t = raw.trim();
    if (t.length === 0 || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

function split(trainPool: readonly string[], tests: Record<string, readonly string[]>, seed: number): NeutralSplit {
  const shuffled = createRng(seed).shuffle(uniqueTexts(trainPool));
  const nVal = Math.round(shuffled.length * 0.1);
  const validation = shuffled.slice(0, nVal);
  const train = shuffled.slice(nVal);
  const seen = new Set(shuffled);
  let droppedOverlap = 0;
  const out: Record<string, string[]> = {};
  for (const [name, texts] of Object.entries(tests)) {
    const unique = uniqueTexts(texts);
    out[name] = unique.filter((t) => !seen.has(t));
    droppedOverlap += unique.length - out[name].length;
  }
  return { train, validation, tests: out, droppedOverlap };
}

/** Loads the neutral texts with the splits in the module comment (`seed` shuffles the 90/10 split). */
export function loadNeutralCorpora(dataDir: string, seed = 42): NeutralCorpora {
  const at = (f: string): string => path.join(dataDir, f);
  return {
    zh: split(
      [...readLcqmcSentences(at('lcqmc/dev.txt')), ...readBqSentences(at('bq-corpus/dev.csv'))],
      { 'lcqmc-test': readLcqmcSentences(at('lcqmc/test.txt')), 'bq-test': readBqSentences(at('bq-corpus/test.csv')) },
      seed,
    ),
    en: split(readBanking77Texts(at('banking77/train.csv')), { 'banking77-test': readBanking77Texts(at('banking77/test.csv')) }, seed + 1),
  };
}
