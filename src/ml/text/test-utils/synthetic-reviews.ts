/**
 * Seeded synthetic bilingual reviews with known polarity, for tests of the trainable sentiment models: each text
 * mixes neutral filler words with one or two polar words of its class, in Chinese or English. Not a benchmark:
 * it proves the training path learns a signal that is present, and nothing that is not.
 */
import { createRng } from '../../../common/rng.js';
import type { SentimentSample } from '../train-sentiment.js';

const ZH = {
  filler: ['酒店', '房间', '服务', '外卖', '味道', '今天', '我们', '前台', '早餐', '快递', '包装', '价格'],
  pos: ['很好', '满意', '干净', '推荐', '喜欢', '实惠'],
  neg: ['很差', '失望', '脏', '退货', '难吃', '太贵'],
};
const EN = {
  filler: ['the', 'hotel', 'room', 'food', 'delivery', 'we', 'staff', 'price', 'was', 'and', 'it', 'breakfast'],
  pos: ['great', 'love', 'excellent', 'clean', 'recommend', 'friendly'],
  neg: ['terrible', 'awful', 'dirty', 'broken', 'rude', 'refund'],
};

/** `n` samples, label 1 = positive, 0 = negative, about half Chinese and half English. */
export function syntheticReviews(n: number, seed: number): SentimentSample[] {
  const rng = createRng(seed);
  const out: SentimentSample[] = [];
  for (let i = 0; i < n; i++) {
    const lang = rng.chance(0.5) ? ZH : EN;
    const label = rng.chance(0.5) ? 1 : 0;
    const words: string[] = [];
    const fillers = rng.int(3, 6);
    for (let k = 0; k < fillers; k++) words.push(rng.pick(lang.filler));
    const polar = rng.int(1, 2);
    for (let k = 0; k < polar; k++) words.splice(rng.int(0, words.length), 0, rng.pick(label === 1 ? lang.pos : lang.neg));
    out.push({ text: words.join(lang === ZH ? '' : ' '), label });
  }
  return out;
}
