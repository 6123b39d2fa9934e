import { describe, expect, it } from 'vitest';
import { buildCharVocab, charTokens, createCharEncoder, UNK_ID } from './char-vocab.js';

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
