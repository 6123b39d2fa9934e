import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasNeutralCorpora, loadNeutralCorpora, readBanking77Texts, readBqSentences, readLcqmcSentences, uniqueTexts } from './neutral-corpora.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-neutral-corpora-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = path.resolve(import.meta.dirname, '../../../../shared/data');

/** A miniature copy of the six files, in their real formats (BOM, CRLF, quoted commas). */
function miniData(): string {
  const root = path.join(dir, 'mini');
  for (const d of ['lcqmc', 'bq-corpus', 'banking77']) mkdirSync(path.join(root, d), { recursive: true });
  const lcqmc = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag}问题${i}怎么办？\t${tag}问题${i}如何处理\t1`).join('\n');
  writeFileSync(path.join(root, 'lcqmc/dev.txt'), `${lcqmc(10, '甲')}\n`);
  // test repeats one dev sentence: it must not count as held out
  writeFileSync(path.join(root, 'lcqmc/test.txt'), `${lcqmc(3, '乙')}\n甲问题0怎么办？\t新问题\t0\n`);
  writeFileSync(path.join(root, 'bq-corpus/dev.csv'), '\uFEFFsentence1,sentence2,label\r\n为什么借不到,怎么还款,0\r\n为什么借不到,"额度,在哪看",1\r\n');
  writeFileSync(path.join(root, 'bq-corpus/test.csv'), '\uFEFFsentence1,sentence2,label\r\n能否提前还款,怎么还款,0\r\n');
  writeFileSync(path.join(root, 'banking77/train.csv'), `text,category\n${Array.from({ length: 20 }, (_, i) => `"Where is card ${i}, please?",card_arrival`).join('\n')}\n`);
  writeFileSync(path.join(root, 'banking77/test.csv'), 'text,category\nHow do I top up?,top_up\n"Where is card 0, please?",card_arrival\n');
  return root;
}

describe('neutral corpora', () => {
  it('reads the three formats (BOM, CRLF, quoted commas) and deduplicates trimmed texts', () => {
    const root = miniData();
    expect(readLcqmcSentences(path.join(root, 'lcqmc/dev.txt'))).toHaveLength(20);
    expect(readBqSentences(path.join(root, 'bq-corpus/dev.csv'))).toEqual(['为什么借不到', '怎么还款', '为什么借不到', '额度,在哪看']);
    expect(readBanking77Texts(path.join(root, 'banking77/test.csv'))).toEqual(['How do I top up?', 'Where is card 0, please?']);
    expect(uniqueTexts([' a ', 'a', '', '  ', 'b'])).toEqual(['a', 'b']);
  });

  it('splits 90/10 by seed and keeps evaluation texts out of training and validation', () => {
    const root = miniData();
    expect(hasNeutralCorpora(root)).toBe(true);
    expect(hasNeutralCorpora(path.join(dir, 'absent'))).toBe(false);
    const c = loadNeutralCorpora(root, 1);
    // zh: 20 LCQMC + 3 unique BQ sentences
    expect(c.zh.train.length + c.zh.validation.length).toBe(23);
    expect(c.zh.validation).toHaveLength(2);
    expect(c.zh.tests['lcqmc-test']).toHaveLength(7); // 6 new + '新问题'; the repeated dev sentence is dropped
    expect(c.zh.tests['bq-test']).toEqual(['能否提前还款']);
    expect(c.zh.droppedOverlap).toBe(2);
    expect(c.en.tests['banking77-test']).toEqual(['How do I top up?']);
    expect(c.en.validation).toHaveLength(2);
    const train = new Set([...c.zh.train, ...c.zh.validation]);
    expect(Object.values(c.zh.tests).flat().some((t) => train.has(t))).toBe(false);
    expect(loadNeutralCorpora(root, 1)).toEqual(c);
    expect(loadNeutralCorpora(root, 2).zh.validation).not.toEqual(c.zh.validation);
  });

  it.skipIf(!existsSync(data) || !hasNeutralCorpora(data))('loads the shared data (skips when ../shared/data lacks LCQMC, BQ or banking77)', () => {
    const c = loadNeutralCorpora(data);
    expect(c.zh.train.length).toBeGreaterThan(15_000);
    expect(c.en.train.length + c.en.validation.length).toBeGreaterThan(9_000);
    expect(c.zh.tests['lcqmc-test']!.length).toBeGreaterThan(10_000);
    expect(c.zh.tests['bq-test']!.length).toBeGreaterThan(3_000);
    expect(c.en.tests['banking77-test']!.length).toBeGreaterThan(3_000);
    const seen = new Set([...c.en.train, ...c.en.validation]);
    expect(c.en.tests['banking77-test']!.some((t) => seen.has(t))).toBe(false);
  });
});
