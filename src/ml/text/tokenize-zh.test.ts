import { describe, it, expect } from 'vitest';
import { dict } from '@node-rs/jieba/dict.js';
import { NorthstarError } from '../../common/errors.js';
import { createZhTokenizer, userDictLines } from './tokenize-zh.js';

describe('createZhTokenizer', () => {
  const zh = createZhTokenizer({ dict });

  it('segments product-review sentences into words', () => {
    const toks = zh.tokenize('这个酒店的服务态度非常好，但是房间不太干净，性价比不高。');
    expect(toks).toEqual(expect.arrayContaining(['酒店', '服务态度', '非常', '好', '但是', '房间', '干净', '性价比']));
    expect(toks).toContain('，');
    expect(toks.join('')).toBe('这个酒店的服务态度非常好，但是房间不太干净，性价比不高。');
  });

  it('drops whitespace and lower-cases Latin runs', () => {
    const toks = zh.tokenize('iPhone 的 屏幕 很清晰');
    expect(toks).not.toContain(' ');
    expect(toks).toContain('iphone');
    expect(toks).toContain('屏幕');
  });

  it('keeps user-dictionary words whole', () => {
    const text = '华为手机的续航能力很强，拍照效果一般般';
    expect(zh.tokenize(text)).not.toContain('续航能力');
    const custom = createZhTokenizer({ dict, userWords: ['续航能力', { word: '拍照效果', freq: 200000, tag: 'n' }] });
    const toks = custom.tokenize(text);
    expect(toks).toContain('续航能力');
    expect(toks).toContain('拍照效果');
  });

  it('adds words after creation and handles empty text', () => {
    const t = createZhTokenizer({ dict });
    t.addWords(['北极星平台']);
    expect(t.tokenize('我用北极星平台分析数据')).toContain('北极星平台');
    expect(t.tokenize('')).toEqual([]);
  });

  it('rejects user words jieba cannot hold', () => {
    expect(() => userDictLines(['两个 词'])).toThrow(NorthstarError);
    expect(() => userDictLines([{ word: '词', freq: -1 }])).toThrow(/freq/u);
    expect(userDictLines(['好评率', { word: '秒发', freq: 5, tag: 'v' }])).toBe('好评率 100000\n秒发 5 v\n');
  });
});
