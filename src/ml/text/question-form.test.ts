import { describe, expect, it } from 'vitest';
import { dict } from '@node-rs/jieba/dict.js';
import { looksLikeQuestion, questionWithoutOpinion } from './question-form.js';
import { createZhTokenizer } from './tokenize-zh.js';

describe('looksLikeQuestion', () => {
  it.each([
    '怎么修改密码', '请问什么时候发货', '这个能退吗', '花呗还款在哪里', '为什么订单没到？', '几点开门',
    'How do I locate my card?', 'can I change my PIN', 'Where is my refund', 'is there a dark mode?', 'Thanks. How long does a transfer take',
  ])('question or request: %s', (text) => expect(looksLikeQuestion(text)).toBe(true));

  it.each([
    '物流很快，包装也很好', '你们的APP真好用', '导出按钮坏了', '希望增加夜间模式', '',
    'The app keeps crashing after the update', 'I love the new dashboard', 'canceled my order', 'This island is lovely',
    'When I open it, it crashes', 'It is broken and nobody can help',
  ])('statement: %s', (text) => expect(looksLikeQuestion(text)).toBe(false));
});

describe('questionWithoutOpinion (the gate guard)', () => {
  const guard = questionWithoutOpinion(createZhTokenizer({ dict }));
  it.each([
    ['怎么修改密码？', true],
    ['在哪里可以查看账单？', true], // 可以 means "can" here, not praise
    ['Can I change my PIN?', true],
    ['为什么这么慢？太差了', false], // a question that carries an opinion
    ['Why is this app so slow? Terrible.', false],
    ['The app keeps crashing after the update', false], // a statement
    ['房间很干净', false],
  ] as const)('%s → %s', (text, expected) => expect(guard(text)).toBe(expected));
});
