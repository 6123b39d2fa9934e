/**
 * NB-SVM-style log-count ratios (Wang & Manning 2012) for the hashed n-gram bag: r_j = log((p_j/‖p‖₁)/(q_j/‖q‖₁))
 * with p, q the smoothed counts of texts containing bucket j among positive and negative training texts. A
 * binary bag model's logit difference is linear in the bag mean, so r can be folded into the embedding rows
 * without changing the model folder: as a starting point for training (`nbInitWeights`) or interpolated into
 * trained weights afterwards (`nbInterpolate`, the NB-SVM interpolation w' = w + α·r).
 */
import { createRng } from '../../common/rng.js';
import type { NgramSentimentWeights } from './ngram-sentiment.js';

/** Log-count ratio per bucket from distinct feature ids of binary-labelled texts (label 1 = positive). */
export function logCountRatios(ids: readonly Int32Array[], labels: readonly number[], buckets: number, alpha = 1): Float32Array {
  const p = new Float64Array(buckets).fill(alpha);
  const q = new Float64Array(buckets).fill(alpha);
  ids.forEach((a, i) => {
    const t = labels[i] === 1 ? p : q;
    for (const id of a) t[id]! += 1;
  });
  let ps = 0;
  let qs = 0;
  for (let j = 1; j < buckets; j++) {
    ps += p[j]!;
    qs += q[j]!;
  }
  const r = new Float32Array(buckets);
  for (let j = 1; j < buckets; j++) r[j] = Math.log(p[j]! / ps / (q[j]! / qs));
  return r;
}

/**
 * Binary weights that start as the NB classifier: logit_pos − logit_neg = scale·mean_j r_j, plus small seeded
 * noise in the other directions so training can use every embedding dimension.
 */
export function nbInitWeights(r: Float32Array, dim: number, scale: number, seed: number): NgramSentimentWeights {
  const rng = createRng(seed);
  const buckets = r.length;
  const embeddings = new Float32Array(buckets * dim);
  for (let j = 1; j < buckets; j++) {
    embeddings[j * dim] = scale * r[j]!;
    for (let d = 1; d < dim; d++) embeddings[j * dim + d] = rng.normal(0, 0.01);
  }
  const kernel = new Float32Array(dim * 2);
  kernel[0] = -0.5;
  kernel[1] = 0.5;
  for (let d = 1; d < dim; d++) {
    kernel[d * 2] = rng.normal(0, 0.05);
    kernel[d * 2 + 1] = rng.normal(0, 0.05);
  }
  return { buckets, dim, classes: ['negative', 'positive'], embeddings, output: { kernel, bias: new Float32Array(2) }, temperature: 1, neutralEdge: 0 };
}

/**
 * Adds α·r_j to each row's contribution to the logit difference of a binary bag model without a hidden layer:
 * row_j += α·r_j·u with u = (W_pos − W_neg)/‖W_pos − W_neg‖², so the logit difference gains α·mean_j r_j.
 */
export function nbInterpolate(w: NgramSentimentWeights, r: Float32Array, alpha: number): NgramSentimentWeights {
  if (w.hidden !== undefined || w.classes.length !== 2) throw new RangeError('nbInterpolate needs a binary bag without a hidden layer');
  const { dim } = w;
  const u = new Float32Array(dim);
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    u[d] = w.output.kernel[d * 2 + 1]! - w.output.kernel[d * 2]!;
    norm += u[d]! * u[d]!;
  }
  const embeddings = Float32Array.from(w.embeddings);
  for (let j = 1; j < w.buckets; j++) {
    const s = (alpha * r[j]!) / norm;
    if (s === 0) continue;
    for (let d = 0; d < dim; d++) embeddings[j * dim + d]! += s * u[d]!;
  }
  return { ...w, embeddings };
}
