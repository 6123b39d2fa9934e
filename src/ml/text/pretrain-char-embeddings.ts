/**
 * Self-supervised character embeddings: skip-gram with negative sampling (word2vec, Mikolov et al. 2013) over
 * token-id sequences of unlabelled texts. A TextCNN trained from random embeddings on ~10k labelled reviews sees
 * most characters a handful of times; starting from vectors that already place characters used in the same
 * contexts close together (好/棒, 脏/差) lets the labelled data teach polarity instead of co-occurrence. Plain
 * loops, seeded: the same sequences and seed give the same table.
 */
import { createRng } from '../../common/rng.js';
import { PAD_ID, UNK_ID } from './char-vocab.js';

/** Options of {@link pretrainCharEmbeddings}. */
export interface CharPretrainOptions {
  readonly dim: number;
  /** Largest context distance (a random window in 1..window is drawn per position, as word2vec does). */
  readonly window?: number;
  readonly negatives?: number;
  readonly epochs?: number;
  /** Starting rate, decayed linearly to 1e-4 of it. */
  readonly learningRate?: number;
  /** Frequent-token subsampling threshold (word2vec's `sample`). */
  readonly subsample?: number;
  readonly seed?: number;
}

const TABLE_SIZE = 1 << 20;

/** Returns the input vectors [vocabSize, dim]; rows of padding, unknown and unseen tokens are zero. */
export function pretrainCharEmbeddings(sequences: readonly Int32Array[], vocabSize: number, options: CharPretrainOptions): Float32Array {
  const { dim } = options;
  const window = options.window ?? 3;
  const negatives = options.negatives ?? 5;
  const epochs = options.epochs ?? 3;
  const lr0 = options.learningRate ?? 0.025;
  const sample = options.subsample ?? 1e-4;
  const rng = createRng(options.seed ?? 42);
  const counts = new Float64Array(vocabSize);
  let total = 0;
  for (const s of sequences) {
    for (const id of s) {
      if (id <= UNK_ID) continue;
      counts[id]! += 1;
      total++;
    }
  }
  // unigram^0.75 table for negatives
  const table = new Int32Array(TABLE_SIZE);
  let norm = 0;
  for (let v = 2; v < vocabSize; v++) norm += counts[v]! ** 0.75;
  let v = 2;
  let cum = vocabSize > 2 ? counts[2]! ** 0.75 / norm : 1;
  for (let i = 0; i < TABLE_SIZE; i++) {
    table[i] = v;
    if (i / TABLE_SIZE > cum && v < vocabSize - 1) cum += counts[++v]! ** 0.75 / norm;
  }
  const keep = Float64Array.from(counts, (c) => (c === 0 ? 0 : Math.min(1, (Math.sqrt(c / (sample * total)) + 1) * ((sample * total) / c))));
  const w = new Float32Array(vocabSize * dim);
  for (let r = 2; r < vocabSize; r++) if (counts[r]! > 0) for (let j = 0; j < dim; j++) w[r * dim + j] = (rng.next() - 0.5) / dim;
  const c = new Float32Array(vocabSize * dim);
  const grad = new Float32Array(dim);
  const steps = epochs * total;
  let done = 0;
  const buf: number[] = [];
  for (let e = 0; e < epochs; e++) {
    for (const s of sequences) {
      buf.length = 0;
      for (const id of s) if (id > UNK_ID && rng.next() < keep[id]!) buf.push(id);
      done += s.length;
      const lr = Math.max(lr0 * 1e-4, lr0 * (1 - done / (steps + 1)));
      for (let i = 0; i < buf.length; i++) {
        const center = buf[i]! * dim;
        const b = 1 + Math.floor(rng.next() * window);
        for (let k = Math.max(0, i - b); k <= Math.min(buf.length - 1, i + b); k++) {
          if (k === i) continue;
          grad.fill(0);
          for (let n = 0; n <= negatives; n++) {
            const target = n === 0 ? buf[k]! : table[Math.floor(rng.next() * TABLE_SIZE)]!;
            if (n > 0 && target === buf[k]) continue;
            const o = target * dim;
            let dot = 0;
            for (let j = 0; j < dim; j++) dot += w[center + j]! * c[o + j]!;
            const g = lr * ((n === 0 ? 1 : 0) - 1 / (1 + Math.exp(-Math.max(-8, Math.min(8, dot)))));
            for (let j = 0; j < dim; j++) {
              grad[j]! += g * c[o + j]!;
              c[o + j]! += g * w[center + j]!;
            }
          }
          for (let j = 0; j < dim; j++) w[center + j]! += grad[j]!;
        }
      }
    }
  }
  w.fill(0, PAD_ID * dim, (UNK_ID + 1) * dim);
  return w;
}
