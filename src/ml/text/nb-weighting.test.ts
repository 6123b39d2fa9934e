import { describe, it, expect } from 'vitest';
import { logCountRatios, nbInitWeights, nbInterpolate } from './nb-weighting.js';
import { ngramLogits } from './ngram-sentiment.js';

const diff = (l: Float32Array | undefined): number => (l === undefined ? NaN : l[1]! - l[0]!);

describe('logCountRatios', () => {
  it('is positive for buckets of positive texts, negative for negative ones, 0 for padding and balanced ones', () => {
    const ids = [Int32Array.from([1, 3]), Int32Array.from([1, 3]), Int32Array.from([2, 3]), Int32Array.from([2, 3])];
    const r = logCountRatios(ids, [1, 1, 0, 0], 5);
    expect(r[0]).toBe(0);
    // p = [1,3,1,3,1] (buckets 1..4 summed: 8), q = [1,1,3,3,1]: r1 = log(3/1), r2 = log(1/3)
    expect(r[1]).toBeCloseTo(Math.log(3), 6);
    expect(r[2]).toBeCloseTo(-Math.log(3), 6);
    expect(r[3]).toBeCloseTo(0, 6);
    expect(r[4]).toBeCloseTo(0, 6);
  });
});

describe('nbInitWeights / nbInterpolate', () => {
  const r = Float32Array.from([0, 1.5, -0.5, 2, -3]);
  it('starts as the NB classifier: logit difference = scale · mean r (up to the seeded noise)', () => {
    const w = nbInitWeights(r, 8, 2, 42);
    expect(diff(ngramLogits(w, Int32Array.from([1, 2])))).toBeCloseTo(2 * 0.5, 1);
    expect(diff(ngramLogits(w, Int32Array.from([4])))).toBeCloseTo(-6, 1);
  });
  it('adds exactly alpha · mean r to a trained bag model and leaves the input untouched', () => {
    const w = nbInitWeights(r, 4, 1, 7);
    const before = Float32Array.from(w.embeddings);
    const ids = Int32Array.from([1, 3, 4]);
    const d0 = diff(ngramLogits(w, ids));
    const w2 = nbInterpolate(w, r, 0.5);
    expect(diff(ngramLogits(w2, ids)) - d0).toBeCloseTo((0.5 * (1.5 + 2 - 3)) / 3, 5);
    expect(w.embeddings).toEqual(before);
    expect(() => nbInterpolate({ ...w, hidden: { units: 1, kernel: new Float32Array(4), bias: new Float32Array(1) } }, r, 1)).toThrow(RangeError);
  });
});
