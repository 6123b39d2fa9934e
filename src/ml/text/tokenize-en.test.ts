import { describe, it, expect } from 'vitest';
import { isEmojiToken, tokenizeEn } from './tokenize-en.js';

describe('tokenizeEn', () => {
  it('lower-cases and expands contractions', () => {
    expect(tokenizeEn("It's GREAT, I'm happy", { markNegation: false })).toEqual(['it', 'is', 'great', ',', 'i', 'am', 'happy']);
    expect(tokenizeEn("won't work", { markNegation: false })).toEqual(['will', 'not', 'work']);
    expect(tokenizeEn('doesn’t fit', { markNegation: false })).toEqual(['does', 'not', 'fit']);
  });

  it('reads the PTB-split n\'t of SST as not', () => {
    expect(tokenizeEn("it does n't work")).toEqual(['it', 'does', 'not', 'NEG_work']);
  });

  it('marks negation scope up to punctuation and contrast words', () => {
    expect(tokenizeEn('This is not good at all. I like it')).toEqual([
      'this', 'is', 'not', 'NEG_good', 'NEG_at', 'NEG_all', '.', 'i', 'like', 'it',
    ]);
    expect(tokenizeEn("It isn't cheap but great")).toEqual(['it', 'is', 'not', 'NEG_cheap', 'but', 'great']);
    expect(tokenizeEn('never again!')).toEqual(['never', 'NEG_again', '!']);
  });

  it('keeps emoji and emoticons as tokens and never negates them', () => {
    expect(tokenizeEn('Love it :) 😍')).toEqual(['love', 'it', ':)', '😍']);
    expect(tokenizeEn('not happy 😡😡')).toEqual(['not', 'NEG_happy', '😡', '😡']);
    expect(tokenizeEn('meh :-( ')).toEqual(['meh', ':-(']);
    expect(tokenizeEn('👍🏽 ok')).toEqual(['👍🏽', 'ok']);
  });

  it('tells emoji tokens apart', () => {
    expect(isEmojiToken(':)')).toBe(true);
    expect(isEmojiToken('😡')).toBe(true);
    expect(isEmojiToken('good')).toBe(false);
  });

  it('returns nothing for empty or symbol-only text', () => {
    expect(tokenizeEn('')).toEqual([]);
    expect(tokenizeEn('   ---   ')).toEqual([]);
  });
});

describe('tokenizeEn on PTB-tokenised text', () => {
  it('reads split clitics', () => {
    expect(tokenizeEn("you 've seen it 's end", { markNegation: false })).toEqual(['you', 'have', 'seen', 'it', 'end']);
  });
});
