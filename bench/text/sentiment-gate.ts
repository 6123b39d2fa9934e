/**
 * Measurement (not a test): trains the "no opinion" gates of the default's zh and en routes (three-class bags:
 * review negatives → negative, review positives → positive, questions/requests → neutral) and reports the shipped
 * default with and without them. Settings (neutral:review count ratio, gate logit shift) are chosen on validation
 * only: the best validation score (share of questions called neutral minus the rise in reviews called neutral)
 * among settings with at most `--max-review-rise` more validation reviews called neutral. `--save DIR` writes the chosen gates as DIR/zh-gate and DIR/en-gate (the shift baked into the
 * neutral bias) plus DIR/gate-metrics.json, ready to be named in a by-language manifest's `routeGates`.
 *
 *   npx tsx bench/text/sentiment-gate.ts [--model models/sentiment-default] [--ratios 0.25,0.5,1]
 *     [--shifts -1,-0.5,0,0.5,1,1.5,2] [--max-review-rise 0.05] [--langs zh,en] [--save DIR]
 *     [--leave-out bq]   (zh gate without BQ: BQ test then measures an unseen question domain)
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sharedZhTokenizer } from '../../src/core/sentiment/load-sentiment-model.js';
import { loadNeutralCorpora, readBqSentences } from '../../src/core/sentiment/neutral-corpora.js';
import { readAnySentimentFolder, readRoutedManifest, writeRoutedManifest } from '../../src/core/sentiment/routed-sentiment-folder.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { readSentimentArtifacts, readSentimentModelFolder } from '../../src/core/sentiment/sentiment-model-folder.js';
import { bakeGateShift, GATE_CLASSES, reviewsAsGate, trainNeutralGate } from '../../src/core/sentiment/train-neutral-gate.js';
import { gateHasSignal, gateResult, shiftedGate } from '../../src/ml/text/gated-sentiment.js';
import { questionWithoutOpinion } from '../../src/ml/text/question-form.js';
import { positiveShare, type SentimentLabel, type SentimentResult } from '../../src/ml/text/sentiment-model.js';
import type { SentimentSample } from '../../src/ml/text/train-sentiment.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    model: { type: 'string', default: path.resolve(import.meta.dirname, '../../models/sentiment-default') },
    ratios: { type: 'string', default: '0.25,0.5,1' },
    shifts: { type: 'string', default: '-1,-0.5,0,0.5,1,1.5,2' },
    'max-review-rise': { type: 'string', default: '0.05' },
    langs: { type: 'string', default: 'zh,en' },
    save: { type: 'string' },
    /** `bq` trains the zh gate on LCQMC alone, so BQ test measures a question domain the gate never saw. */
    'leave-out': { type: 'string' },
  },
});
const started = Date.now();
const log = (line: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
const pct = (x: number): string => (100 * x).toFixed(1);
const ratios = a.ratios.split(',').map(Number);
const shifts = a.shifts.split(',').map(Number);
const maxRise = Number(a['max-review-rise']);
const work = mkdtempSync(path.join(tmpdir(), 'ns-sentiment-gate-'));

// the default without any gate it may already ship: same manifest minus routeGates, sub-folders linked
const manifest = readRoutedManifest(a.model);
if (manifest === undefined) throw new Error(`${a.model} is not a by-language folder`);
const plainDir = path.join(work, 'plain');
mkdirSync(plainDir);
for (const e of readdirSync(a.model, { withFileTypes: true })) if (e.isDirectory()) symlinkSync(path.resolve(a.model, e.name), path.join(plainDir, e.name));
const { routeGates: _shippedGates, ...ungated } = manifest;
writeRoutedManifest(plainDir, ungated);
const zhTok = sharedZhTokenizer();
const plain = readAnySentimentFolder(plainDir, zhTok);

const reviews = loadSentimentCorpora(a.data);
const loaded = loadNeutralCorpora(a.data);
const leftOut = new Set(a['leave-out'] === 'bq' ? readBqSentences(path.join(a.data, 'bq-corpus/dev.csv')).map((t) => t.trim()) : []);
const neutral = { ...loaded, zh: { ...loaded.zh, train: loaded.zh.train.filter((t) => !leftOut.has(t)), validation: loaded.zh.validation.filter((t) => !leftOut.has(t)) } };
const b = reviews.byCorpus;
const REVIEW: Record<string, { train: SentimentSample[]; validation: SentimentSample[]; tests: Record<string, SentimentSample[]>; sub: string }> = {
  zh: {
    train: [...b.chnsenticorp!.train, ...b.waimai!.train, ...b.htl!.train],
    validation: [...b.chnsenticorp!.validation, ...b.waimai!.validation, ...b.htl!.validation],
    tests: { 'chnsenticorp-test': reviews.tests['chnsenticorp-test']!, 'waimai-holdout': reviews.tests['waimai-holdout']!, 'htl-holdout': reviews.tests['htl-holdout']! },
    sub: 'zh',
  },
  en: { train: b.sst2!.train, validation: b.sst2!.validation, tests: { 'sst2-dev': reviews.tests['sst2-dev']! }, sub: 'en' },
};

interface Cached { readonly base: SentimentResult[]; readonly gate: SentimentResult[]; readonly texts: readonly string[] }
// as the product loads a gated folder: the gate acts only on question-like texts without a lexicon opinion
const guard = questionWithoutOpinion(zhTok);
const gated = (c: Cached, shift: number): SentimentResult[] =>
  c.base.map((r, i) => (gateHasSignal(r, c.gate[i]!) && guard(c.texts[i]!) ? gateResult(r, shiftedGate(c.gate[i]!.probabilities.neutral, shift)) : r));
const neutralShare = (rs: readonly SentimentResult[]): number => rs.filter((r) => r.label === 'neutral').length / Math.max(1, rs.length);
const twoClassAccuracy = (rs: readonly SentimentResult[], s: readonly SentimentSample[]): number =>
  rs.filter((r, i) => (positiveShare(r) >= 0.5 ? 1 : 0) === s[i]!.label).length / Math.max(1, rs.length);
const counts = (rs: readonly SentimentResult[]): Record<SentimentLabel, number> => {
  const c = { negative: 0, neutral: 0, positive: 0 };
  for (const r of rs) c[r.label]++;
  return c;
};
/** The gate's own three-class accuracy (argmax of its probabilities) against `labels` (0/1/2). */
const gateAccuracy = (rs: readonly SentimentResult[], labels: readonly number[]): number =>
  rs.filter((r, i) => r.label === GATE_CLASSES[labels[i]!]).length / Math.max(1, rs.length);

const report: Record<string, unknown> = { model: a.model, maxReviewRise: maxRise, langs: {} };
for (const lang of a.langs.split(',')) {
  const rv = REVIEW[lang]!;
  const nv = neutral[lang as 'zh' | 'en'];
  const sub = readSentimentArtifacts(path.join(plainDir, rv.sub)).manifest;
  const cfg = sub.training?.config as Record<string, unknown> | undefined;
  const baseVal = { reviews: plain.predictBatch(rv.validation.map((s) => s.text)), questions: plain.predictBatch(nv.validation) };
  log(`${lang}: ${rv.train.length} review / ${nv.train.length} neutral training texts; validation ${rv.validation.length} reviews (neutral ${pct(neutralShare(baseVal.reviews))} % without a gate), ${nv.validation.length} questions (${pct(neutralShare(baseVal.questions))} %)`);
  const candidates: { ratio: number; shift: number; dir: string; reviewRise: number; questionNeutral: number; gateValAccuracy: number; epochs: number }[] = [];
  for (const ratio of ratios) {
    const validation = [...reviewsAsGate(rv.validation), ...nv.validation.map((text) => ({ text, label: 1 }))];
    const dir = path.join(work, `${lang}-gate-${ratio}`);
    const t = await trainNeutralGate({
      lang: lang as 'zh' | 'en', reviews: rv, neutral: nv, ratio, out: dir,
      description: `"no opinion" gate of the ${lang} route: ${lang === 'zh' ? 'ChnSentiCorp, waimai-10k, htl reviews vs LCQMC/BQ dev questions' : 'SST-2 reviews vs banking77 train queries'}`,
      config: {
        buckets: sub.buckets, dim: sub.dim, maxChars: sub.featurizer.maxChars, maxFeatures: sub.featurizer.maxFeatures,
        ...(typeof cfg?.learningRate === 'number' ? { learningRate: cfg.learningRate } : {}), ...(typeof cfg?.epochs === 'number' ? { epochs: cfg.epochs } : {}),
      },
    });
    const n = t.manifest.training?.neutralTexts;
    const gate = readSentimentModelFolder(dir, zhTok);
    const reviewTexts = rv.validation.map((s) => s.text);
    const cached = { reviews: { base: baseVal.reviews, gate: gate.predictBatch(reviewTexts), texts: reviewTexts }, questions: { base: baseVal.questions, gate: gate.predictBatch(nv.validation), texts: nv.validation } };
    const gateValAccuracy = gateAccuracy([...cached.reviews.gate, ...cached.questions.gate], validation.map((s) => s.label));
    for (const shift of shifts) {
      const reviewRise = neutralShare(gated(cached.reviews, shift)) - neutralShare(baseVal.reviews);
      const questionNeutral = neutralShare(gated(cached.questions, shift));
      candidates.push({ ratio, shift, dir, reviewRise, questionNeutral, gateValAccuracy, epochs: t.epochs });
      log(`${lang} ratio ${ratio} (${String(n)} neutral, ${t.epochs} epochs, ${t.trainSeconds.toFixed(0)} s) shift ${shift}: validation questions neutral ${pct(questionNeutral)} %, reviews +${pct(reviewRise)} points neutral; gate 3-class ${pct(gateValAccuracy)} %`);
    }
  }
  const feasible = candidates.filter((c) => c.reviewRise <= maxRise);
  // the opinion / no-opinion decision's balanced score (questions called neutral minus reviews newly called
  // neutral), not the question share alone: that would always take the largest shift the review budget allows
  const merit = (c: (typeof candidates)[number]): number => c.questionNeutral - c.reviewRise;
  const pick = (feasible.length > 0 ? feasible : candidates).reduce((best, c) =>
    feasible.length > 0
      ? merit(c) > merit(best) + 1e-12 || (Math.abs(merit(c) - merit(best)) <= 1e-12 && Math.abs(c.shift) < Math.abs(best.shift)) ? c : best
      : c.reviewRise < best.reviewRise ? c : best,
  );
  log(`${lang}: chose ratio ${pick.ratio}, shift ${pick.shift}${feasible.length > 0 ? '' : ` (no candidate kept the review rise within ${maxRise})`}`);

  // held-out figures, with and without the chosen gate
  const gate = readSentimentModelFolder(pick.dir, zhTok);
  const out: Record<string, unknown> = { ratio: pick.ratio, shift: pick.shift, epochs: pick.epochs, validation: { questionNeutral: pick.questionNeutral, reviewRise: pick.reviewRise, gateAccuracy: pick.gateValAccuracy } };
  const gateLabels: number[] = [];
  const gateResults: SentimentResult[] = [];
  for (const [name, texts] of Object.entries(nv.tests)) {
    const c = { base: plain.predictBatch(texts), gate: gate.predictBatch(texts), texts };
    const withGate = gated(c, pick.shift);
    gateResults.push(...c.gate);
    gateLabels.push(...texts.map(() => 1));
    out[name] = { n: texts.length, without: counts(c.base), with: counts(withGate), neutralWithout: neutralShare(c.base), neutralWith: neutralShare(withGate) };
    log(`${name} (${texts.length} held-out questions): without ${JSON.stringify(counts(c.base))} → with ${JSON.stringify(counts(withGate))}; neutral ${pct(neutralShare(c.base))} → ${pct(neutralShare(withGate))} %`);
  }
  for (const [name, s] of Object.entries(rv.tests)) {
    const texts = s.map((x) => x.text);
    const c = { base: plain.predictBatch(texts), gate: gate.predictBatch(texts), texts };
    const withGate = gated(c, pick.shift);
    gateResults.push(...c.gate);
    gateLabels.push(...s.map((x) => (x.label === 1 ? 2 : 0)));
    const accWithout = twoClassAccuracy(c.base, s);
    const accWith = twoClassAccuracy(withGate, s);
    out[name] = { n: s.length, accuracyWithout: accWithout, accuracyWith: accWith, neutralWithout: neutralShare(c.base), neutralWith: neutralShare(withGate), with: counts(withGate) };
    log(`${name} (${s.length} reviews): two-class accuracy ${pct(accWithout)} → ${pct(accWith)} %; neutral ${pct(neutralShare(c.base))} → ${pct(neutralShare(withGate))} %`);
  }
  out.gateTestAccuracy = gateAccuracy(gateResults, gateLabels);
  log(`${lang} gate alone, 3-class accuracy on all held-out texts above (${gateLabels.length}): ${pct(out.gateTestAccuracy as number)} %`);
  (report.langs as Record<string, unknown>)[lang] = out;

  if (a.save !== undefined) {
    // the chosen shift goes into the neutral bias (logit P(no opinion) moves by δ / T when the neutral logit moves by δ)
    const dest = path.join(a.save, `${lang}-gate`);
    bakeGateShift(pick.dir, pick.shift, dest);
    // the saved gate, unshifted, must call the validation questions as the chosen setting did (int8 round trip)
    const saved = readSentimentModelFolder(dest, zhTok);
    const check = neutralShare(gated({ base: baseVal.questions, gate: saved.predictBatch(nv.validation), texts: nv.validation }, 0));
    log(`wrote ${dest} (validation questions neutral with the saved gate: ${pct(check)} %, chosen ${pct(pick.questionNeutral)} %)`);
  }
}
if (a.save !== undefined) {
  mkdirSync(a.save, { recursive: true });
  writeFileSync(path.join(a.save, 'gate-metrics.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${path.join(a.save, 'gate-metrics.json')}; name the folders in the manifest: "routeGates": { "zh": "zh-gate", "en": "en-gate" }`);
}
rmSync(work, { recursive: true, force: true });
