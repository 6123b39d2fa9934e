import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { zhCN } from './zh-cn.js';
import { pickLanguage, translate } from './translate.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('dashboard dictionaries', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('every entry is non-empty and uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('the Chinese dictionary is actually translated (navigation is in Chinese)', () => {
    for (const key of ['nav.overview', 'nav.trends', 'nav.funnels', 'nav.retention', 'nav.paths', 'nav.lifecycle'] as const) {
      expect(zhCN[key]).toMatch(/[\u4e00-\u9fff]/);
      expect(zhCN[key]).not.toBe(en[key]);
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(en, 'funnels.actorsTitle', { n: 2, event: 'checkout_started' })).toBe('Users at step 2: checkout_started');
    expect(translate(en, 'funnels.actorsTitle', { n: 2 })).toBe('Users at step 2: {event}');
  });
});

describe('pickLanguage', () => {
  it.each([
    [null, ['zh-CN', 'en'], 'zh-CN'],
    [null, ['zh-TW'], 'zh-CN'],
    [null, ['en-US', 'zh-CN'], 'en'],
    [null, ['fr-FR'], 'en'],
    ['en', ['zh-CN'], 'en'],
    ['zh-CN', ['en-US'], 'zh-CN'],
    ['klingon', ['zh'], 'zh-CN'],
  ] as const)('stored %s, browser %j -> %s', (stored, browser, expected) => {
    expect(pickLanguage(stored, browser)).toBe(expected);
  });
});
