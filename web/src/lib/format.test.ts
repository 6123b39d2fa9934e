import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-cn.js';
import { translate } from '../i18n/translate.js';
import { formatBucket, formatChange, formatDuration, formatNumber, formatPercent } from './format.js';
import { apiErrorFromBody } from './api-error.js';

const tEn = (key: keyof typeof en, params?: Record<string, string | number>) => translate(en, key, params);
const tZh = (key: keyof typeof en, params?: Record<string, string | number>) => translate(zhCN, key, params);

describe('format', () => {
  it.each([
    [null, '—'],
    [12.4, '12 s'],
    [90, '1.5 min'],
    [5400, '1.5 h'],
    [3 * 86400, '3 d'],
  ])('duration %s s -> %s', (seconds, expected) => {
    expect(formatDuration(seconds, tEn)).toBe(expected);
  });

  it('localizes durations, numbers and percentages', () => {
    expect(formatDuration(120, tZh)).toBe('2 分钟');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(2.345, 'zh-CN')).toBe('2.35');
    expect(formatPercent(0.4213, 'en')).toBe('42.1%');
  });

  it('splits a change into sign and magnitude', () => {
    expect(formatChange(0.125, 'en')).toEqual({ sign: '+', pct: '12.5%' });
    expect(formatChange(-0.5, 'en')).toEqual({ sign: '-', pct: '50.0%' });
    expect(formatChange(0, 'en')).toEqual({ sign: '', pct: '0.0%' });
  });

  it.each([
    ['2026-03-05T14:00:00.000Z', 'hour', '03-05 14:00'],
    ['2026-03-05T00:00:00.000Z', 'day', '2026-03-05'],
    ['2026-03-02T00:00:00.000Z', 'week', '2026-03-02'],
    ['2026-03-01T00:00:00.000Z', 'month', '2026-03'],
  ] as const)('bucket %s per %s -> %s', (iso, interval, expected) => {
    expect(formatBucket(iso, interval)).toBe(expected);
  });
});

describe('apiErrorFromBody', () => {
  it('reads the error envelope', () => {
    const e = apiErrorFromBody(400, { error: { code: 'QUERY_INVALID', message: 'bad step', hint: 'see docs' } });
    expect([e.code, e.message, e.hint, e.status]).toEqual(['QUERY_INVALID', 'bad step', 'see docs', 400]);
  });

  it('still gives a code for bodies without the envelope', () => {
    const e = apiErrorFromBody(502, '<html>Bad gateway</html>');
    expect([e.code, e.hint, e.status]).toEqual(['HTTP_502', undefined, 502]);
  });
});
