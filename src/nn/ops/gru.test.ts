/**
 * gru forward against a direct float64 transcription of the Keras equations (with lengths and reverse), padded
 * batches against each row alone, and shape errors, on every available backend. Gradients are checked by
 * finite differences in ops-gradient.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { createRng, type Rng } from '../../common/rng.js';
import { setBackend } from '../backends/registry.js';
import { everyBackend } from '../backends/test-utils/every-backend.js';
import { Tensor } from '../tensor.js';
import { gru, type GruOptions } from './gru.js';

function random(shape: number[], rng: Rng, scale = 1): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return new Tensor(Float32Array.from({ length: size }, () => (2 * rng.next() - 1) * scale), shape, { requiresGrad: true });
}

const sig = (v: number): number => 1 / (1 + Math.exp(-v));

/** The equations, one row and one step at a time in float64; returns [batch, steps, u] (padding 0) and finals. */
function reference(x: Tensor, w: Tensor, uk: Tensor, bias: Tensor, opts: GruOptions): { seq: number[]; last: number[] } {
  const [n, steps, d] = x.shape as [number, number, number];
  const u = uk.shape[0]!;
  const g = 3 * u;
  const seq = new Array<number>(n * steps * u).fill(0);
  const last: number[] = [];
  for (let b = 0; b < n; b++) {
    const len = opts.lengths?.[b] ?? steps;
    let h = new Array<number>(u).fill(0);
    for (let k = 0; k < len; k++) {
      const t = opts.reverse ? len - 1 - k : k;
      const xp = new Array<number>(g).fill(0);
      const hp = new Array<number>(g).fill(0);
      for (let c = 0; c < g; c++) {
        let sx = bias.data[c]!;
        let sh = bias.data[g + c]!;
        for (let i = 0; i < d; i++) sx += x.data[(b * steps + t) * d + i]! * w.data[i * g + c]!;
        for (let i = 0; i < u; i++) sh += h[i]! * uk.data[i * g + c]!;
        xp[c] = sx;
        hp[c] = sh;
      }
      const next = new Array<number>(u);
      for (let j = 0; j < u; j++) {
        const z = sig(xp[j]! + hp[j]!);
        const r = sig(xp[u + j]! + hp[u + j]!);
        const hh = Math.tanh(xp[2 * u + j]! + r * hp[2 * u + j]!);
        next[j] = z * h[j]! + (1 - z) * hh;
      }
      h = next;
      for (let j = 0; j < u; j++) seq[(b * steps + t) * u + j] = h[j]!;
    }
    last.push(...h);
  }
  return { seq, last };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const scenarios: Array<[string, GruOptions]> = [
  ['full length', {}],
  ['lengths', { lengths: Int32Array.from([3, 7, 1]) }],
  ['reverse', { reverse: true }],
  ['lengths + reverse', { lengths: Int32Array.from([5, 2, 7]), reverse: true }],
];

const backends = everyBackend();

describe.each(backends.map((b) => [b.name, b] as const))('gru on %s', (_name, backend) => {
  it.each(scenarios)('matches the float64 reference (%s)', (_s, opts) => {
    setBackend(backend);
    const rng = createRng(7);
    const [n, steps, d, u] = [3, 7, 5, 4];
    const x = random([n, steps, d], rng);
    const w = random([d, 3 * u], rng, 0.8);
    const uk = random([u, 3 * u], rng, 0.8);
    const bias = random([2, 3 * u], rng, 0.5);
    const ref = reference(x, w, uk, bias, opts);
    const seq = gru(x, w, uk, bias, opts);
    expect(seq.shape).toEqual([n, steps, u]);
    expect(maxDiff(seq.data, ref.seq)).toBeLessThan(1e-5);
    const last = gru(x, w, uk, bias, { ...opts, returnSequences: false });
    expect(last.shape).toEqual([n, u]);
    expect(maxDiff(last.data, ref.last)).toBeLessThan(1e-5);
    // The reference is not trivially zero: the states differ between rows and steps.
    expect(Math.max(...ref.last.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('outputOrder processing puts a reversed row\'s states in reading order, padding last', () => {
    setBackend(backend);
    const rng = createRng(3);
    const [n, steps, d, u] = [2, 5, 3, 2];
    const lengths = Int32Array.from([3, 5]);
    const x = random([n, steps, d], rng);
    const w = random([d, 3 * u], rng);
    const uk = random([u, 3 * u], rng);
    const bias = random([2, 3 * u], rng);
    const aligned = gru(x, w, uk, bias, { lengths, reverse: true });
    const processing = gru(x, w, uk, bias, { lengths, reverse: true, outputOrder: 'processing' });
    for (let b = 0; b < n; b++) {
      const len = lengths[b]!;
      for (let k = 0; k < steps; k++) {
        for (let j = 0; j < u; j++) {
          const got = processing.data[(b * steps + k) * u + j]!;
          expect(got).toBe(k < len ? aligned.data[(b * steps + len - 1 - k) * u + j]! : 0);
        }
      }
    }
  });

  it.each([false, true])('a padded batch gives what each row gives alone (reverse %s)', (reverse) => {
    setBackend(backend);
    const rng = createRng(11);
    const [n, steps, d, u] = [3, 6, 3, 5];
    const lengths = Int32Array.from([2, 6, 4]);
    const x = random([n, steps, d], rng);
    const w = random([d, 3 * u], rng);
    const uk = random([u, 3 * u], rng);
    const bias = random([2, 3 * u], rng, 0.3);
    // Garbage in the padding must not matter.
    for (let b = 0; b < n; b++) for (let t = lengths[b]!; t < steps; t++) for (let i = 0; i < d; i++) x.data[(b * steps + t) * d + i] = 50;
    const batch = gru(x, w, uk, bias, { lengths, reverse });
    const finals = gru(x, w, uk, bias, { lengths, reverse, returnSequences: false });
    for (let b = 0; b < n; b++) {
      const len = lengths[b]!;
      const alone = new Tensor(x.data.slice(b * steps * d, (b * steps + len) * d), [1, len, d]);
      const one = gru(alone, w, uk, bias, { reverse });
      expect(maxDiff(batch.data.subarray(b * steps * u, (b * steps + len) * u), one.data)).toBeLessThan(1e-6);
      for (let i = (b * steps + len) * u; i < (b + 1) * steps * u; i++) expect(batch.data[i]).toBe(0);
      const oneLast = gru(alone, w, uk, bias, { reverse, returnSequences: false });
      expect(maxDiff(finals.data.subarray(b * u, (b + 1) * u), oneLast.data)).toBeLessThan(1e-6);
    }
  });
});

/** Forward values and every gradient of one seeded run (sum of y ⊙ R), on the current backend. */
function run(shape: [number, number, number, number], opts: GruOptions): Float32Array[] {
  const rng = createRng(21);
  const [n, steps, d, u] = shape;
  const inputs = [random([n, steps, d], rng), random([d, 3 * u], rng, 0.3), random([u, 3 * u], rng, 0.3), random([2, 3 * u], rng, 0.3)] as const;
  const y = gru(...inputs, opts);
  y.backward(Float32Array.from({ length: y.size }, () => rng.next() * 2 - 1));
  return [y.data, ...inputs.map((t) => t.grad!)];
}

describe('gru at sizes that take the blocked and threaded GEMM paths', () => {
  // 8 × 48 steps → 384 rows; the projection and the three backward GEMMs exceed wasm's 2M-MAC threading bar.
  const shape: [number, number, number, number] = [8, 48, 64, 48];
  const opts: GruOptions = { lengths: Int32Array.from([48, 3, 17, 48, 1, 30, 47, 20]), reverse: true };
  it.each(backends.slice(1).map((b) => [b.name, b] as const))('%s agrees with js on outputs and gradients', (_name, backend) => {
    setBackend(backends[0]!);
    const want = run(shape, opts);
    setBackend(backend);
    const got = run(shape, opts);
    want.forEach((w, i) => {
      let scale = 0;
      for (const v of w) scale = Math.max(scale, Math.abs(v));
      expect(scale).toBeGreaterThan(0);
      expect(maxDiff(got[i]!, w) / scale).toBeLessThan(1e-4);
    });
  });
});

describe('gru shape checks', () => {
  const rng = createRng(1);
  const x = random([2, 3, 4], rng);
  const w = random([4, 6], rng);
  const uk = random([2, 6], rng);
  const bias = random([2, 6], rng);
  it.each([
    ['rank-2 input', () => gru(random([2, 4], rng), w, uk, bias)],
    ['kernel rows ≠ features', () => gru(x, random([3, 6], rng), uk, bias)],
    ['recurrent kernel not [u, 3u]', () => gru(x, w, random([2, 4], rng), bias)],
    ['bias of one row', () => gru(x, w, uk, random([6], rng))],
    ['a length of 0', () => gru(x, w, uk, bias, { lengths: Int32Array.from([0, 3]) })],
    ['a length beyond the steps', () => gru(x, w, uk, bias, { lengths: Int32Array.from([4, 3]) })],
    ['one length for two rows', () => gru(x, w, uk, bias, { lengths: Int32Array.from([3]) })],
  ])('%s → NN_SHAPE_MISMATCH', (_name, f) => {
    expect(f).toThrow(NorthstarError);
    try {
      f();
    } catch (error) {
      expect((error as NorthstarError).code).toBe('NN_SHAPE_MISMATCH');
    }
  });
});
