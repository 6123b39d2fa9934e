import { describe, expect, it } from 'vitest';
import { createFeedbackAnalyzer, defaultFeedbackModel } from './feedback-analyzer.js';

describe('feedback analyzer on odd input (shipped default model)', () => {
  const analyzer = createFeedbackAnalyzer();

  it('uses the shipped model when it is installed', () => {
    expect(defaultFeedbackModel().info.name).toBe(analyzer.modelName);
    expect(analyzer.modelName).not.toBe('');
  });

  it.each([
    ['html', '<p>物流<b>太慢</b>了&nbsp;！</p>', 'zh'],
    ['emoji only', '😡😡😡', 'other'],
    ['mixed scripts', '华为P40的拍照很好，but the battery drains fast', 'zh'],
    ['japanese', 'この商品はとても良いです', 'other'],
    ['korean', '배송이 너무 느려요', 'other'],
    ['french', 'La livraison était très lente et le produit est cassé', 'other'],
    ['huge', '质量很好。'.repeat(4000), 'zh'],
  ])('%s → a defined result', (_name, text, lang) => {
    const a = analyzer.analyze(text);
    expect(a.lang).toBe(lang);
    expect(['negative', 'neutral', 'positive']).toContain(a.sentimentLabel);
    expect(Math.abs(a.sentiment)).toBeLessThanOrEqual(1);
    expect(a.sentimentConfidence).toBeGreaterThan(0);
    expect(a.sentimentConfidence).toBeLessThanOrEqual(1);
    expect(a.keywords.length).toBeLessThanOrEqual(40);
    expect(a.keywords.every((k) => !/[<>&;]/u.test(k))).toBe(true);
    expect(a.topics).toEqual(a.aspects.map((x) => x.aspect));
  });

  it('finds aspects in both languages and none in unsupported ones', () => {
    expect(analyzer.analyze('物流很快，但是包装破损了').topics).toEqual(['delivery', 'packaging']);
    expect(analyzer.analyze('Great price but the battery dies fast').topics).toEqual(['price', 'battery']);
    expect(analyzer.analyze('配送がとても遅い').topics).toEqual([]);
  });
});
