import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { aspectLabel, aspectMentions, extractAspects, splitClauses } from './aspects.js';
import { createLexiconSentiment } from './lexicon-sentiment.js';
import { createZhTokenizer } from './tokenize-zh.js';

const lexicon = createLexiconSentiment({ zh: createZhTokenizer({ dict }) });
const scorer = (clause: string): number => lexicon.predict(clause).score;
const labels = (text: string): Record<string, string> =>
  Object.fromEntries(extractAspects(text, { scorer }).map((a) => [a.aspect, a.label]));

describe('splitClauses', () => {
  it('cuts at punctuation and before contrast words, dropping empty pieces', () => {
    expect(splitClauses('物流很快，但是包装破损了。。')).toEqual(['物流很快', '但是包装破损了']);
    expect(splitClauses('Great price but the battery dies fast!')).toEqual(['Great price', 'but the battery dies fast']);
    expect(splitClauses('😡 ... !!!')).toEqual([]);
  });
});

describe('extractAspects', () => {
  it.each([
    ['物流很快，但是包装破损了', { delivery: 'positive', packaging: 'negative' }],
    ['等了一个星期才到货，客服也不回复', { delivery: 'negative', service: 'negative' }],
    ['价格太贵了，质量还不错', { price: 'negative', quality: 'positive' }],
    ['性价比很高，做工精细', { price: 'positive', quality: 'positive' }],
    ['包装没有破损', { packaging: 'positive' }],
    ['Shipping was slow; the lamp itself is fine.', { delivery: 'negative' }],
    ['Great price but the battery dies fast 😡', { price: 'positive', battery: 'negative' }],
    ['Checkout keeps failing in the app', { payment: 'negative', usability: 'neutral' }],
    ['<p>The <b>packaging</b> was well packed</p>', { packaging: 'positive' }],
    ['这个东西我昨天收到', {}],
    ['', {}],
    ['👍👍👍', {}],
  ])('%s', (text, expected) => {
    expect(labels(text)).toEqual(expected);
  });

  it('reports the term, the clause and a score in [-1, 1] per mention', () => {
    const mentions = aspectMentions('电池续航差，充电很慢。Delivery was fast', { scorer });
    expect(mentions.map((m) => [m.aspect, m.clause])).toEqual([
      ['battery', '电池续航差'],
      ['battery', '充电很慢'],
      ['delivery', 'Delivery was fast'],
    ]);
    for (const m of mentions) expect(Math.abs(m.score)).toBeLessThanOrEqual(1);
    expect(extractAspects('电池续航差，充电很慢', { scorer })).toEqual([
      { aspect: 'battery', score: expect.any(Number) as number, label: 'negative', mentions: 2 },
    ]);
  });

  it('takes a custom aspect table and ignores text past maxChars', () => {
    const lexicon2 = { size: { name: { en: 'Size', zh: '尺码' }, zh: ['尺码'], en: ['size'], cues: { 偏小: -1 } } };
    expect(extractAspects('尺码偏小', { scorer, lexicon: lexicon2 }).map((a) => [a.aspect, a.label])).toEqual([['size', 'negative']]);
    expect(extractAspects(`${'x'.repeat(50)}，物流很慢`, { scorer, maxChars: 40 })).toEqual([]);
  });

  it('labels by a symmetric threshold', () => {
    expect([aspectLabel(-0.5), aspectLabel(0.1), aspectLabel(0.15)]).toEqual(['negative', 'neutral', 'positive']);
  });
});
