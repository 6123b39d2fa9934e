/**
 * Measurement (not a test): a bidirectional-GRU sentiment model (RCNN-style: embeddings → a forward and a reversed
 * `gru` over each text's own length → max over time per direction → one dense per direction, summed) trained on
 * the project's NN engine, to see whether a sequence model adds to the shipped route's average. Writes its
 * calibrated probabilities on the validation and test splits as JSON (`--preds FILE`) for offline averaging.
 *
 *   npx tsx bench/text/sentiment-bigru.ts [--corpus zh|chn|sst2] [--tokens char|word] [--dim 64 --units 64
 *     --max-length 256 --dropout 0.5 --lr 0.002 --batch 32 --epochs 8 --seed 42] [--preds FILE]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createRng } from '../../src/common/rng.js';
import { sharedZhTokenizer } from '../../src/core/sentiment/load-sentiment-model.js';
import { loadSentimentCorpora } from '../../src/core/sentiment/sentiment-corpora.js';
import { nn } from '../../src/nn/index.js';
import { orthogonalInit } from '../../src/nn/layers/orthogonal-initializer.js';
import { buildCharVocab, createCharEncoder, wordTokens } from '../../src/ml/text/char-vocab.js';
import { logitsToProbabilities } from '../../src/ml/text/ngram-sentiment.js';
import { calibrateLogits, type SentimentSample } from '../../src/ml/text/train-sentiment.js';
import { makeBatches, padBatch } from '../../src/ml/text/train-textcnn.js';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data') },
    corpus: { type: 'string', default: 'zh' },
    tokens: { type: 'string', default: 'char' },
    dim: { type: 'string', default: '64' },
    units: { type: 'string', default: '64' },
    'max-length': { type: 'string', default: '256' },
    dropout: { type: 'string', default: '0.5' },
    lr: { type: 'string', default: '0.002' },
    batch: { type: 'string', default: '32' },
    epochs: { type: 'string', default: '8' },
    patience: { type: 'string', default: '2' },
    seed: { type: 'string', default: '42' },
    preds: { type: 'string' },
  },
});
const c = loadSentimentCorpora(a.data);
const b = c.byCorpus;
const chn = b.chnsenticorp!;
const sst2 = b.sst2!;
const zh = (k: 'train' | 'validation'): SentimentSample[] => [...chn[k], ...b.waimai![k], ...b.htl![k]];
const train = a.corpus === 'zh' ? zh('train') : a.corpus === 'sst2' ? sst2.train : chn.train;
const validation = a.corpus === 'zh' ? zh('validation') : a.corpus === 'sst2' ? sst2.validation : chn.validation;
const tokens = a.tokens === 'word' ? wordTokens(sharedZhTokenizer()) : undefined;
const encoder = createCharEncoder(buildCharVocab(train.map((s) => s.text), tokens === undefined ? {} : { tokens }), Number(a['max-length']), tokens);
const [dim, u, rate] = [Number(a.dim), Number(a.units), Number(a.dropout)];
const rng = createRng(Number(a.seed));

const uniform = (shape: number[], limit: number): nn.Tensor =>
  nn.variable(nn.tensor(Float32Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => (2 * rng.next() - 1) * limit), shape));
const glorot = (i: number, o: number): number => Math.sqrt(6 / (i + o));
const table = uniform([encoder.size, dim], 0.05);
table.data.fill(0, 0, dim);
const dirs = [false, true].map((reverse) => ({
  reverse,
  kernel: uniform([dim, 3 * u], glorot(dim, 3 * u)),
  recurrent: nn.variable(nn.tensor(orthogonalInit().init(u * 3 * u, u, 3 * u, rng), [u, 3 * u])),
  bias: nn.variable(nn.zeros([2, 3 * u])),
  out: uniform([u, 2], glorot(2 * u, 2)),
}));
const outBias = nn.variable(nn.zeros([2]));
const params = [table, outBias, ...dirs.flatMap((d) => [d.kernel, d.recurrent, d.bias, d.out])];

function forward(x: nn.Tensor, lengths: Int32Array, train: boolean): nn.Tensor {
  const e = nn.ops.embedding(x, table, { maskZero: true });
  let z: nn.Tensor = outBias;
  for (const d of dirs) {
    let pooled = nn.ops.globalMaxPool1d(nn.ops.gru(e, d.kernel, d.recurrent, d.bias, { lengths, reverse: d.reverse }), lengths);
    if (train && rate > 0) pooled = nn.ops.dropout(pooled, rate, rng);
    z = nn.ops.add(z, nn.ops.dense(pooled, d.out, null));
  }
  return z;
}

/** Inference batches: every text once, sorted by length (training uses the trainer's seeded `makeBatches`). */
function sortedBatches(lengths: readonly number[], size: number): number[][] {
  const order = Array.from(lengths, (_, i) => i).sort((p, q) => lengths[p]! - lengths[q]! || p - q);
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += size) out.push(order.slice(i, i + size));
  return out;
}
const encode = (s: readonly SentimentSample[]): Int32Array[] => s.map((x) => {
  const ids = encoder.encode(x.text).ids;
  return ids.length > 0 ? ids : Int32Array.of(1); // an empty text reads as one unknown token
});
/** Logits of every sample (inference graph, batched by length). */
function logitsOf(s: readonly SentimentSample[]): Float32Array[] {
  const ids = encode(s);
  const out: Float32Array[] = new Array(s.length);
  nn.noGrad(() => {
    for (const rows of sortedBatches(ids.map((v) => v.length), 64)) {
      nn.tidy(() => {
        const { x, lengths } = padBatch(ids, rows);
        const z = forward(x, lengths, false).data;
        rows.forEach((r, i) => (out[r] = Float32Array.of(z[2 * i]!, z[2 * i + 1]!)));
        return 0;
      });
    }
  });
  return out;
}
const lossOf = (logits: Float32Array[], s: readonly SentimentSample[]): { loss: number; acc: number } => {
  let loss = 0;
  let ok = 0;
  logits.forEach((l, i) => {
    const m = Math.max(l[0]!, l[1]!);
    loss += m + Math.log(Math.exp(l[0]! - m) + Math.exp(l[1]! - m)) - l[s[i]!.label]!;
    if ((l[1]! > l[0]! ? 1 : 0) === s[i]!.label) ok++;
  });
  return { loss: loss / s.length, acc: ok / s.length };
};

const ids = encode(train);
const y = train.map((s) => s.label);
const opt = nn.train.adam(Number(a.lr));
let best: { loss: number; epoch: number; values: Float32Array[] } | undefined;
for (let epoch = 0; epoch < Number(a.epochs); epoch++) {
  const t0 = performance.now();
  let total = 0;
  for (const rows of makeBatches(ids.map((v) => v.length), Number(a.batch), rng)) {
    total += nn.tidy(() => {
      const { x, lengths } = padBatch(ids, rows);
      const loss = nn.ops.softmaxCrossEntropy(forward(x, lengths, true), nn.tensor1d(Float32Array.from(rows, (r) => y[r]!)), true);
      const v = loss.data[0]!;
      loss.backward();
      opt.step(params);
      for (const p of params) p.zeroGrad();
      table.data.fill(0, 0, dim);
      return v * rows.length;
    });
  }
  const v = lossOf(logitsOf(validation), validation);
  console.log(`epoch ${epoch + 1}: loss ${(total / ids.length).toFixed(4)} val_loss ${v.loss.toFixed(4)} val_acc ${(100 * v.acc).toFixed(2)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (best === undefined || v.loss < best.loss) best = { loss: v.loss, epoch, values: params.map((p) => Float32Array.from(p.data)) };
  else if (epoch - best.epoch >= Number(a.patience)) break;
}
best!.values.forEach((v, i) => params[i]!.data.set(v));
const cal = calibrateLogits(logitsOf(validation), validation.map((s) => s.label));
const w = { classes: ['negative', 'positive'] as const, temperature: cal.temperature, neutralEdge: cal.neutralEdge };
const sets: Record<string, readonly SentimentSample[]> =
  a.corpus === 'sst2'
    ? { sval: sst2.validation, sdev: c.tests['sst2-dev']! }
    : { dev: chn.validation, wval: b.waimai!.validation, hval: b.htl!.validation, test: c.tests['chnsenticorp-test']!, wtest: c.tests['waimai-holdout']!, htest: c.tests['htl-holdout']! };
const out: Record<string, number[][]> = {};
for (const [name, s] of Object.entries(sets)) {
  const logits = logitsOf(s);
  out[name] = logits.map((l) => {
    const p = logitsToProbabilities(w, l);
    return [p.negative, p.neutral, p.positive];
  });
  if (!name.includes('test') && name !== 'sdev') console.log(`${name}: ${(100 * lossOf(logits, s).acc).toFixed(2)}`);
}
console.log(`best epoch ${best!.epoch + 1}; T ${cal.temperature.toFixed(3)}; vocab ${encoder.size}`);
if (a.preds !== undefined) writeFileSync(a.preds, JSON.stringify(out));
