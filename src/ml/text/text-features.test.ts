import { dict } from '@node-rs/jieba/dict.js';
import { describe, expect, it } from 'vitest';
import { createTextFeaturizer, featureStrings, fnv1a, normalizeText, rememberLastText } from './text-features.js';
import { createZhTokenizer } from './tokenize-zh.js';

const zh = createZhTokenizer({ dict });
const f = createTextFeaturizer({ zh, buckets: 1024, maxFeatures: 64 });

describe('fnv1a', () => {
  it('matches the reference FNV-1a 32-bit values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

describe('normalizeText', () => {
  it('strips tags, decodes entities, folds full-width and case', () => {
    expect(normalizeText('<b>ＧＯＯＤ</b> &amp; 好')).toBe(' good  & 好');
  });
});

describe('featureStrings', () => {
  it('gives Chinese words, word bigrams, Han character uni- and bigrams and emoji', () => {
    const s = featureStrings('不好吃😡', 'zh', zh);
    expect(s).toContain('e|😡');
    expect(s).toContain('c|不');
    expect(s).toContain('C|好吃');
    expect(s.some((x) => x.startsWith('w|'))).toBe(true);
    expect(s.some((x) => x.startsWith('W|'))).toBe(true);
  });

  it('marks English negation scope in words and bigrams', () => {
    const s = featureStrings("it's not good, but cheap", 'en', zh);
    expect(s).toContain('w|NEG_good');
    expect(s).toContain('W|not NEG_good');
    expect(s).toContain('w|cheap');
    expect(s).not.toContain('w|NEG_cheap');
  });

  it('gives nothing but emoji for an unsupported language', () => {
    expect(featureStrings('これはペンです 👍', 'other', zh)).toEqual(['e|👍']);
  });

  it('adds Han character trigrams only when asked', () => {
    expect(featureStrings('不好吃', 'zh', zh).filter((f) => f.startsWith('T|'))).toEqual([]);
    expect(featureStrings('不好吃a很', 'zh', zh, true).filter((f) => f.startsWith('T|'))).toEqual(['T|不好吃']);
  });
});

describe('createTextFeaturizer', () => {
  it('hashes into 1..buckets-1 without duplicates, capped at maxFeatures', () => {
    const r = f.featurize('房间很干净，服务也很好，下次还会再来。房间很干净，服务也很好！'.repeat(5));
    expect(r.lang).toBe('zh');
    expect(r.ids.length).toBeLessThanOrEqual(64);
    expect(new Set(r.ids).size).toBe(r.ids.length);
    for (const id of r.ids) expect(id >= 1 && id < 1024).toBe(true);
  });

  it('is deterministic and language-aware', () => {
    expect([...f.featurize('great value for money').ids]).toEqual([...f.featurize('Great value for money').ids]);
    expect(f.featurize('great value for money').lang).toBe('en');
  });

  it('handles empty, HTML-only and huge input without throwing', () => {
    expect(f.featurize('').ids.length).toBe(0);
    expect(f.featurize('<div><br/></div>').ids.length).toBe(0);
    const huge = f.featurize('好'.repeat(50_000));
    expect(huge.truncated).toBe(true);
    expect(huge.ids.length).toBeGreaterThan(0);
  });
});

describe('rememberLastText', () => {
  it('featurises a repeated text once and a new text again', () => {
    const inner = createTextFeaturizer({ zh, buckets: 1024 });
    let calls = 0;
    const counted = { buckets: inner.buckets, featurize: (t: string) => (calls++, inner.featurize(t)) };
    const f = rememberLastText(counted);
    const a = f.featurize('服务很好');
    expect(f.featurize('服务很好')).toBe(a);
    expect(calls).toBe(1);
    expect(Array.from(f.featurize('太差了').ids)).toEqual(Array.from(inner.featurize('太差了').ids));
    expect(calls).toBe(2);
    expect(f.buckets).toBe(1024);
  });
});
