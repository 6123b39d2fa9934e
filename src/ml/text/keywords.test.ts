import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { contentTokens, fitTfIdf, singular, stripHtml, textRank } from './keywords.js';
import { createZhTokenizer } from './tokenize-zh.js';

const zh = createZhTokenizer({ dict });

describe('contentTokens', () => {
  it.each([
    ['物流太慢了，等了一个星期才到货！', ['物流', '太慢', '星期', '到货']],
    ['The prices are too high and the batteries die fast.', ['price', 'high', 'battery', 'die', 'fast']],
    ['<b>Great</b> &amp; cheap 👍👍 123', ['great', 'cheap']],
    ['😡😡😡', []],
    ['', []],
  ])('%s', (text, expected) => {
    expect(contentTokens(text, zh)).toEqual(expected);
  });

  it('keeps distinct tokens only and caps them', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
    const tokens = contentTokens(`the ${long} the`, zh, 'en');
    expect(tokens).toHaveLength(40);
    expect(new Set(tokens).size).toBe(40);
  });

  it('strips tags and entities, singularises plurals only', () => {
    expect(stripHtml('<p>a&nbsp;b</p>')).toBe(' a b ');
    expect([singular('prices'), singular('batteries'), singular('glass'), singular('bus'), singular('is')]).toEqual(['price', 'battery', 'glass', 'bus', 'is']);
  });
});

describe('fitTfIdf', () => {
  const corpus = [['物流', '慢'], ['物流', '快'], ['价格', '贵'], ['物流', '价格']];
  const model = fitTfIdf(corpus);

  it('counts document frequencies and smooths idf like scikit-learn', () => {
    expect(model.documents).toBe(4);
    expect(model.df('物流')).toBe(3);
    expect(model.idf('物流')).toBeCloseTo(Math.log(5 / 4) + 1, 12);
    expect(model.idf('never-seen')).toBeCloseTo(Math.log(5) + 1, 12);
  });

  it('ranks a document\'s rare terms first and breaks ties by term', () => {
    expect(model.keywordsOf(['物流', '慢', '慢'], 2).map((k) => k.term)).toEqual(['慢', '物流']);
    expect(model.keywordsOf(['贵', '快'], 2).map((k) => k.term)).toEqual(['快', '贵']);
    expect(model.keywordsOf([], 3)).toEqual([]);
  });

  it('sums tf-idf over the corpus for top terms, honouring minDf', () => {
    expect(model.topTerms(1)[0]?.term).toBe('物流');
    expect(model.topTerms(10, 2).map((k) => k.term)).toEqual(['物流', '价格']);
  });
});

describe('textRank', () => {
  it('ranks the hub of a co-occurrence chain first and is order-stable', () => {
    // "物流" sits beside every other word, so it collects the most rank
    const tokens = ['物流', '太慢', '物流', '客服', '物流', '包装', '物流', '破损'];
    const top = textRank(tokens, 3);
    expect(top[0]?.term).toBe('物流');
    expect(top).toHaveLength(3);
    expect(textRank(tokens, 10).map((k) => k.term)).toEqual(textRank([...tokens], 10).map((k) => k.term));
  });

  it('handles empty input, one token and isolated repeats', () => {
    expect(textRank([], 5)).toEqual([]);
    expect(textRank(['battery'], 5).map((k) => k.term)).toEqual(['battery']);
    const ranks = textRank(['a', 'a', 'a'], 5);
    expect(ranks).toHaveLength(1);
    expect(Number.isFinite(ranks[0]?.weight)).toBe(true);
  });

  it('puts the repeated subject of a review first', () => {
    const text = 'The battery drains fast. Battery life is short and the charger gets hot; battery replacement was refused.';
    const tokens = tokenizeForRank(text);
    expect(textRank(tokens, 1)[0]?.term).toBe('battery');
  });
});

/** Content tokens with repeats kept, as TextRank wants them. */
function tokenizeForRank(text: string): string[] {
  return text.toLowerCase().split(/[^a-z]+/u).filter((w) => w.length > 2 && !['the', 'and', 'was', 'gets'].includes(w)).map(singular);
}
