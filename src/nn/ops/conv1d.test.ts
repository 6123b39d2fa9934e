/**
 * conv1d and globalMaxPool1d: gradients against central finite differences on every available backend (the
 * method and tolerance of ops-gradient.test.ts: L = Σ f(x) ⊙ R, h = 1e-2, |analytic − numeric| ≤ 3e-3 +
 * 3e-2·|numeric|), plus forward values checked against a direct loop.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../common/rng.js';
import { setBackend } from '../backends/registry.js';
import { everyBackend } from '../backends/test-utils/every-backend.js';
import { noGrad, Tensor } from '../tensor.js';
import { conv1d } from './conv1d.js';
import { globalMaxPool1d } from './global-max-pool1d.js';

/** Uniform in ±1, or distinct values 0.1 apart (keeps max pooling further than h from its ties). */
function input(shape: number[], rng: Rng, distinct = false): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const perm = rng.shuffle(Array.from({ length: size }, (_, i) => i));
  const data = Float32Array.from({ length: size }, (_, i) => (distinct ? (perm[i]! - size / 2) * 0.1 : 2 * rng.next() - 1));
  return new Tensor(data, shape, { requiresGrad: true });
}

interface Case {
  name: string;
  shapes: number[][];
  distinct?: boolean;
  f: (...xs: Tensor[]) => Tensor;
}
const cases: Case[] = [
  { name: 'conv1d valid', shapes: [[2, 6, 3], [3, 3, 4]], f: (x, k) => conv1d(x!, k!) },
  { name: 'conv1d same, bias, tanh', shapes: [[2, 5, 2], [2, 2, 3], [3]], f: (x, k, b) => conv1d(x!, k!, { padding: 'same', bias: b!, activation: 'tanh' }) },
  { name: 'conv1d stride 2', shapes: [[1, 7, 2], [3, 2, 2]], f: (x, k) => conv1d(x!, k!, { stride: 2 }) },
  { name: 'globalMaxPool1d (lengths 2 and 4)', shapes: [[2, 4, 3]], distinct: true, f: (x) => globalMaxPool1d(x!, Int32Array.from([2, 4])) },
  { name: 'globalMaxPool1d', shapes: [[2, 4, 3]], distinct: true, f: (x) => globalMaxPool1d(x!) },
  // the TextCNN block: conv → max over time (values kept apart from ties by the distinct input)
  { name: 'conv1d → globalMaxPool1d', shapes: [[2, 5, 2], [2, 2, 3]], distinct: true, f: (x, k) => globalMaxPool1d(conv1d(x!, k!)) },
];

const backends = everyBackend();

describe.each(backends.map((b) => [b.name, b] as const))('conv1d / globalMaxPool1d on %s', (_name, backend) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s matches finite differences', (_n, c) => {
    setBackend(backend);
    const rng = createRng(7);
    const xs = c.shapes.map((s, i) => input(s, rng, c.distinct === true && i === 0));
    const out = c.f(...xs);
    const r = Float32Array.from({ length: out.size }, () => 2 * rng.next() - 1);
    out.backward(r);
    const loss = (): number =>
      noGrad(() => {
        const y = c.f(...xs);
        let s = 0;
        for (let i = 0; i < y.size; i++) s += y.data[i]! * r[i]!;
        y.dispose();
        return s;
      });
    const h = 1e-2;
    let worst = 0;
    for (const x of xs) {
      const analytic = x.grad ?? new Float32Array(x.size);
      for (let i = 0; i < x.size; i++) {
        const orig = x.data[i]!;
        x.data[i] = orig + h;
        const up = loss();
        x.data[i] = orig - h;
        const down = loss();
        x.data[i] = orig;
        const numeric = (up - down) / (2 * h);
        worst = Math.max(worst, Math.abs(analytic[i]! - numeric) - 3e-2 * Math.abs(numeric));
      }
    }
    expect(worst).toBeLessThanOrEqual(3e-3);
  });

  it('conv1d forward equals a direct loop (same padding, bias)', () => {
    setBackend(backend);
    const rng = createRng(3);
    const [n, steps, c, k, f] = [2, 6, 3, 4, 5];
    const x = input([n, steps, c], rng);
    const w = input([k, c, f], rng);
    const b = input([f], rng);
    const y = conv1d(x, w, { padding: 'same', bias: b });
    expect(y.shape).toEqual([n, steps, f]);
    const before = Math.floor((k - 1) / 2); // TensorFlow's 'same': the odd pad goes after
    for (let s = 0; s < n; s++)
      for (let t = 0; t < steps; t++)
        for (let o = 0; o < f; o++) {
          let v = b.data[o]!;
          for (let j = 0; j < k; j++) {
            const src = t + j - before;
            if (src < 0 || src >= steps) continue;
            for (let ch = 0; ch < c; ch++) v += x.data[(s * steps + src) * c + ch]! * w.data[(j * c + ch) * f + o]!;
          }
          expect(y.data[(s * steps + t) * f + o]).toBeCloseTo(v, 4);
        }
  });
});

describe('globalMaxPool1d lengths', () => {
  it('ignores the steps past each row length', () => {
    const x = new Tensor(Float32Array.from([1, 5, 9, 2, 3, 0, 7, 8]), [2, 4, 1]);
    expect(Array.from(globalMaxPool1d(x, Int32Array.from([2, 4])).data)).toEqual([5, 8]);
    expect(Array.from(globalMaxPool1d(x).data)).toEqual([9, 8]);
  });
});

describe('shape errors', () => {
  it.each([
    ['rank-2 input', () => conv1d(new Tensor(new Float32Array(6), [2, 3]), new Tensor(new Float32Array(6), [1, 3, 2]))],
    ['channel mismatch', () => conv1d(new Tensor(new Float32Array(12), [1, 4, 3]), new Tensor(new Float32Array(8), [2, 2, 2]))],
    ['pool lengths out of range', () => globalMaxPool1d(new Tensor(new Float32Array(6), [1, 3, 2]), Int32Array.from([4]))],
    ['pool of a rank-2 input', () => globalMaxPool1d(new Tensor(new Float32Array(6), [2, 3]))],
  ])('%s is NN_SHAPE_MISMATCH', (_n, f) => {
    expect(f).toThrow(expect.objectContaining({ code: 'NN_SHAPE_MISMATCH' }));
  });
});
