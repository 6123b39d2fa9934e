import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedZhTokenizer } from './load-sentiment-model.js';
import { readSentimentArtifacts, readSentimentModelFolder } from './sentiment-model-folder.js';
import { trainSentimentFolder } from './train-sentiment-folder.js';
import { bakeGateShift, sampleTexts, trainNeutralGate } from './train-neutral-gate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-neutral-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const positive = ['服务很好很满意', '非常好吃下次还来', '房间干净舒服', '送餐很快味道很棒'];
const negative = ['太差了不推荐', '难吃死了再也不来', '房间又脏又吵', '送得太慢饭都凉了'];
const questions = ['怎么修改密码？', '请问如何还款？', '为什么我的订单没有到？', '在哪里可以查看账单？', '怎么取消借款？', '如何开通会员？'];
const reviews = [...positive.map((text) => ({ text, label: 1 })), ...negative.map((text) => ({ text, label: 0 }))];
const config = { buckets: 4096, dim: 8, epochs: 40, learningRate: 0.05, seed: 3 };
const logit = (p: number): number => Math.log(p / (1 - p));

describe('trainNeutralGate', () => {
  it('samples neutral texts: a seeded subsample, whole passes when oversampling, nothing from nothing', () => {
    const texts = ['a', 'b', 'c', 'd'];
    const sub = sampleTexts(texts, 3, 1);
    expect(new Set(sub).size).toBe(3);
    expect(sampleTexts(texts, 3, 1)).toEqual(sub);
    const over = sampleTexts(texts, 10, 1);
    expect(over).toHaveLength(10);
    // two whole passes, then two more: every text at least twice
    for (const t of texts) expect(over.filter((x) => x === t).length).toBeGreaterThanOrEqual(2);
    expect(sampleTexts([], 5, 1)).toEqual([]);
  });

  it('trains a three-class gate that separates questions from reviews, and bakes a shift exactly', async () => {
    const out = path.join(dir, 'gate');
    const r = await trainNeutralGate({ lang: 'zh', reviews: { train: reviews, validation: reviews }, neutral: { train: questions, validation: questions }, ratio: 1, out, config, description: 'test' });
    expect(r.manifest.classes).toEqual(['negative', 'neutral', 'positive']);
    // 8 reviews, ratio 1: 8 neutral texts drawn from the 6 questions
    expect(r.manifest.training).toMatchObject({ ratio: 1, shift: 0, neutralTexts: 8, neutralUnique: 6, reviewTexts: 8 });
    const gate = readSentimentModelFolder(out, sharedZhTokenizer());
    expect(questions.map((t) => gate.predict(t).label)).toEqual(questions.map(() => 'neutral'));
    expect(positive.map((t) => gate.predict(t).label)).toEqual(positive.map(() => 'positive'));
    expect(negative.map((t) => gate.predict(t).label)).toEqual(negative.map(() => 'negative'));

    const shifted = path.join(dir, 'shifted');
    bakeGateShift(out, 1.5, shifted);
    expect(readSentimentArtifacts(shifted).manifest.training?.shift).toBe(1.5);
    const before = readSentimentArtifacts(out).weights;
    const after = readSentimentArtifacts(shifted).weights;
    expect(after.output.bias[1]! - before.output.bias[1]!).toBeCloseTo(1.5 * before.temperature, 5);
    expect([after.output.bias[0], after.output.bias[2]]).toEqual([before.output.bias[0], before.output.bias[2]]);
    // on texts the gate is not certain about, logit P(no opinion) moves by exactly the shift
    const moved = readSentimentModelFolder(shifted, sharedZhTokenizer());
    const unsure = ['价格', '今天', '外卖', '房间', 'ok', 'the room'].filter((t) => {
      const g = gate.predict(t).probabilities.neutral;
      return g > 1e-12 && g < 1 - 1e-12;
    });
    expect(unsure.length).toBeGreaterThan(0);
    for (const t of unsure) expect(logit(moved.predict(t).probabilities.neutral) - logit(gate.predict(t).probabilities.neutral)).toBeCloseTo(1.5, 3);
  });

  it('rejects a binary folder as a gate', async () => {
    const out = path.join(dir, 'binary');
    await trainSentimentFolder({ train: reviews, validation: reviews, classes: ['negative', 'positive'], out, name: 'b', description: 'test', config: { ...config, epochs: 1 } });
    expect(() => bakeGateShift(out, 1, out)).toThrow(RangeError);
    await expect(trainNeutralGate({ lang: 'zh', reviews: { train: reviews, validation: reviews }, neutral: { train: questions, validation: questions }, ratio: 0, out, description: 'test' })).rejects.toThrow(RangeError);
  });
});
