import { describe, expect, it } from 'vitest';
import { dict } from '@node-rs/jieba/dict.js';
import { buildCharVocab, charTokens, createCharEncoder, UNK_ID, wordTokens } from './char-vocab.js';
import { createZhTokenizer } from './tokenize-zh.js';

describe('charTokens', () => {
  it.each([
    ['华为P40的拍照很好！', ['华', '为', 'p', '40', '的', '拍', '照', '很', '好', '!']],
    ['Battery  life <b>great</b> 👍🏽', ['battery', 'life', 'great', '👍🏽']],
    ['ＡＢＣ１２３，不错', ['abc', '123', ',', '不', '错']],
    ['', []],
  ])('%s', (text, tokens) => {
    expect(charTokens(text)).toEqual(tokens);
  });
});

describe('buildCharVocab / createCharEncoder', () => {
  it('keeps tokens seen at least minCount times, most frequent first, ties in code-point order', () => {
    expect(buildCharVocab(['好好好差', '好差很', '棒'])).toEqual(['好', '差']);
    expect(buildCharVocab(['好好好差', '好差很', '棒'], { minCount: 1, maxSize: 5 })).toEqual(['好', '差', '很']);
  });

  it('maps to ids 2.., unknown to 1, and keeps head and tail of long texts', () => {
    const enc = createCharEncoder(['好', '差'], 6);
    expect(enc.size).toBe(4);
    expect(Array.from(enc.encode('好差棒').ids)).toEqual([2, 3, UNK_ID]);
    const long = enc.encode('好好好好差差差差');
    expect(long.truncated).toBe(true);
    expect(Array.from(long.ids)).toEqual([2, 2, 2, 2, 3, 3]);
    expect(enc.encode('  ').ids.length).toBe(0);
  });
});

describe('wordTokens (word-level vocabulary and encoder)', () => {
  const words = wordTokens(createZhTokenizer({ dict }));

  it('segments the normalised text with jieba: words, punctuation and lower-cased Latin runs, no whitespace', () => {
    const toks = words('这家酒店的服务态度非常好！ＷｉＦｉ <b>很快</b>');
    expect(toks).toEqual(expect.arrayContaining(['酒店', '服务态度', '非常', '好', '!', 'wifi', '很快']));
    expect(toks.every((t) => t.length > 0 && !/\s/u.test(t))).toBe(true);
    expect(words('')).toEqual([]);
  });

  it('builds a word vocabulary and encodes with the same splitter', () => {
    // jieba: 服务/很/好, 服务/很差, 价格/很/好
    const vocab = buildCharVocab(['服务很好', '服务很差', '价格很好'], { tokens: words });
    expect(vocab).toEqual(['好', '很', '服务']);
    const enc = createCharEncoder(vocab, 8, words);
    expect(Array.from(enc.encode('服务很贵').ids)).toEqual([4, 3, UNK_ID]);
  });
});
