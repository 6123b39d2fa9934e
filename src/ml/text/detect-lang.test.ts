import { describe, it, expect } from 'vitest';
import { detectLang } from './detect-lang.js';

describe('detectLang', () => {
  it('detects Chinese, also with Latin brand names mixed in', () => {
    expect(detectLang('物流很快，包装完好').lang).toBe('zh');
    expect(detectLang('华为P40的拍照效果很好，iPhone比不上').lang).toBe('zh');
  });

  it('detects English', () => {
    expect(detectLang('The delivery was late and the box was broken.').lang).toBe('en');
    expect(detectLang('Great!').lang).toBe('en');
  });

  it('calls other scripts and non-English Latin text other', () => {
    expect(detectLang('この商品はとても良いです').lang).toBe('other');
    expect(detectLang('Очень хороший товар').lang).toBe('other');
    expect(detectLang('Der Versand war sehr schnell und zuverlässig').lang).toBe('other');
  });

  it('returns other with zero confidence when there are no letters', () => {
    const d = detectLang('😡😡 !!! 123');
    expect(d.lang).toBe('other');
    expect(d.confidence).toBe(0);
    expect(detectLang('').lang).toBe('other');
  });
});
