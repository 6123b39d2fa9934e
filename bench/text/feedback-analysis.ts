/**
 * Throughput of feedback analysis at write time (language, sentiment, aspects, keywords) over the demo shop's
 * bilingual feedback, split by stage, with the lexicon baseline and the shipped default model.
 * Run: npx tsx bench/text/feedback-analysis.ts
 */
import { generateDemoShop } from '../../src/core/demo/generate-demo-shop.js';
import { createFeedbackAnalyzer } from '../../src/core/feedback/feedback-analyzer.js';
import { lexiconSentimentModel, loadDefaultSentimentModel, sharedZhTokenizer } from '../../src/core/sentiment/load-sentiment-model.js';
import { extractAspects } from '../../src/ml/text/aspects.js';
import { contentTokens } from '../../src/ml/text/keywords.js';
import { groupTopics } from '../../src/ml/text/topics.js';

const texts = generateDemoShop({ users: 5000, days: 90, seed: 42 }).feedback.map((f) => f.text);
const reps = 3;
const all = Array.from({ length: reps }, () => texts).flat();

function time(name: string, work: () => void): void {
  work(); // warm-up (JIT, jieba dictionary)
  const t = performance.now();
  work();
  const ms = performance.now() - t;
  console.log(`${name.padEnd(34)} ${(all.length / (ms / 1000)).toFixed(0).padStart(7)} texts/s  (${all.length} texts, ${ms.toFixed(0)} ms)`);
}

const zh = sharedZhTokenizer();
const lexicon = lexiconSentimentModel();
const model = loadDefaultSentimentModel();
time('keywords (jieba / en tokens)', () => all.forEach((t) => contentTokens(t, zh)));
time('sentiment: lexicon', () => all.forEach((t) => lexicon.predict(t)));
time('sentiment: default model', () => all.forEach((t) => model.predict(t)));
time('aspects (default model per clause)', () => all.forEach((t) => extractAspects(t, { scorer: (c) => model.predict(c).score })));
const full = createFeedbackAnalyzer({ model });
time('full analysis (default model)', () => all.forEach((t) => full.analyze(t)));
const docs = texts.map((t, i) => ({ id: String(i), tokens: contentTokens(t, zh), text: t }));
const t0 = performance.now();
const topics = groupTopics(docs);
console.log(`topics over ${docs.length} texts: ${topics.topics.length} topics in ${(performance.now() - t0).toFixed(0)} ms`);
