/**
 * The four binary sentiment corpora in `../shared/data` and the splits the default model is trained and
 * measured on (label 0 = negative, 1 = positive):
 *
 * | corpus | train | validation (early stopping, calibration) | reported test |
 * |---|---|---|---|
 * | ChnSentiCorp 9.6k/1.2k/1.2k | train.tsv | dev.tsv | test.tsv (the published BERT split) |
 * | waimai-10k | 70 % | 10 % | 20 % hold-out (seeded) |
 * | ChnSentiCorp_htl_all | 70 % | 10 % | 20 % hold-out (seeded) |
 * | SST-2 | train.tsv (67k phrases) | test.tsv (1,821 labelled sentences) | dev.tsv (872, the GLUE reporting set) |
 *
 * htl_all and ChnSentiCorp share origins (Tan Songbo's hotel reviews): htl rows whose text occurs in any
 * ChnSentiCorp split are left out of htl before it is split, and any training text that also occurs in a
 * waimai or htl validation/test split is dropped (after whitespace trimming). ChnSentiCorp and SST-2 train on
 * their published train files unchanged, as the published figures did; ChnSentiCorp's train.tsv contains 331 of
 * its 1,200 test texts verbatim, so `chnsenticorp-test-unseen` (the other 869) is reported beside the full set.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createRng } from '../../common/rng.js';
import type { SentimentSample } from '../../ml/text/train-sentiment.js';

/** Splits of all corpora found. */
export interface SentimentCorpora {
  readonly train: SentimentSample[];
  readonly validation: SentimentSample[];
  /** Reported test sets by name (`chnsenticorp-test`, `chnsenticorp-test-unseen`, `sst2-dev`, `waimai-holdout`, `htl-holdout`). */
  readonly tests: Record<string, SentimentSample[]>;
  /** Training rows per corpus (after de-duplication) and rows dropped as overlapping a held-out split. */
  readonly counts: Record<string, { train: number; validation: number; test: number }>;
  readonly droppedOverlap: number;
  /** The same training and validation texts by corpus (`chnsenticorp`, `waimai`, `htl`, `sst2`), for per-language models. */
  readonly byCorpus: Record<string, { train: SentimentSample[]; validation: SentimentSample[] }>;
}

/** Reads a `label<TAB>text` file with a header (CRLF or LF). */
export function readLabelTsv(file: string): SentimentSample[] {
  const out: SentimentSample[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/u).slice(1)) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const label = Number(line.slice(0, tab).trim());
    const text = line.slice(tab + 1).trim();
    if ((label === 0 || label === 1) && text.length > 0) out.push({ text, label });
  }
  return out;
}

/** Reads a `label,review` CSV with a header. */
export function readLabelCsv(file: string): SentimentSample[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
  const out: SentimentSample[] = [];
  for (const r of rows) {
    const label = Number(r.label);
    const text = (r.review ?? '').trim();
    if ((label === 0 || label === 1) && text.length > 0) out.push({ text, label });
  }
  return out;
}

/** Seeded 70/10/20 split. */
export function splitSeeded<T>(rows: readonly T[], seed: number): { train: T[]; validation: T[]; test: T[] } {
  const rng = createRng(seed);
  const idx = rows.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const nTest = Math.round(rows.length * 0.2);
  const nVal = Math.round(rows.length * 0.1);
  const pick = (a: number, b: number): T[] => idx.slice(a, b).map((i) => rows[i]!);
  return { test: pick(0, nTest), validation: pick(nTest, nTest + nVal), train: pick(nTest + nVal, rows.length) };
}

/** True when the shared data folder holds every corpus the default model needs. */
export function hasSentimentCorpora(dataDir: string): boolean {
  return ['chnsenticorp-12k/train.tsv', 'sst2/train.tsv', 'waimai-10k/waimai_10k.csv', 'chnsenticorp-htl-all/ChnSentiCorp_htl_all.csv'].every((f) =>
    existsSync(path.join(dataDir, f)),
  );
}

/** Loads all four corpora with the splits in the module comment. */
export function loadSentimentCorpora(dataDir: string, seed = 42): SentimentCorpora {
  const chn = 'chnsenticorp-12k';
  const chnTexts = new Set(['train', 'dev', 'test'].flatMap((f) => readLabelTsv(path.join(dataDir, chn, `${f}.tsv`)).map((s) => s.text)));
  const parts: Record<string, { train: SentimentSample[]; validation: SentimentSample[]; test: SentimentSample[]; testName: string }> = {
    chnsenticorp: {
      train: readLabelTsv(path.join(dataDir, chn, 'train.tsv')),
      validation: readLabelTsv(path.join(dataDir, chn, 'dev.tsv')),
      test: readLabelTsv(path.join(dataDir, chn, 'test.tsv')),
      testName: 'chnsenticorp-test',
    },
    waimai: { ...splitSeeded(readLabelCsv(path.join(dataDir, 'waimai-10k/waimai_10k.csv')), seed), testName: 'waimai-holdout' },
    // hotel reviews already in ChnSentiCorp (any split) are left out of htl, so its hold-out is new text
    htl: { ...splitSeeded(readLabelCsv(path.join(dataDir, 'chnsenticorp-htl-all/ChnSentiCorp_htl_all.csv')).filter((s) => !chnTexts.has(s.text)), seed + 1), testName: 'htl-holdout' },
    sst2: {
      train: readLabelTsv(path.join(dataDir, 'sst2/train.tsv')),
      validation: readLabelTsv(path.join(dataDir, 'sst2/test.tsv')),
      test: readLabelTsv(path.join(dataDir, 'sst2/dev.tsv')),
      testName: 'sst2-dev',
    },
  };
  // only the splits made here are protected: ChnSentiCorp and SST-2 keep their published train files as they are
  const heldOut = new Set<string>();
  for (const p of [parts.waimai!, parts.htl!]) for (const s of [...p.validation, ...p.test]) heldOut.add(s.text);
  const train: SentimentSample[] = [];
  const validation: SentimentSample[] = [];
  const tests: Record<string, SentimentSample[]> = {};
  const counts: Record<string, { train: number; validation: number; test: number }> = {};
  const byCorpus: Record<string, { train: SentimentSample[]; validation: SentimentSample[] }> = {};
  let droppedOverlap = 0;
  for (const [name, p] of Object.entries(parts)) {
    const kept = p.train.filter((s) => !heldOut.has(s.text));
    byCorpus[name] = { train: kept, validation: p.validation };
    droppedOverlap += p.train.length - kept.length;
    train.push(...kept);
    validation.push(...p.validation);
    tests[p.testName] = p.test;
    counts[name] = { train: kept.length, validation: p.validation.length, test: p.test.length };
  }
  // ChnSentiCorp's train.tsv holds 331 of its 1,200 test texts verbatim; report the unseen rest beside the full set
  const chnTrain = new Set(parts.chnsenticorp!.train.map((s) => s.text));
  tests['chnsenticorp-test-unseen'] = parts.chnsenticorp!.test.filter((s) => !chnTrain.has(s.text));
  return { train, validation, tests, counts, droppedOverlap, byCorpus };
}
