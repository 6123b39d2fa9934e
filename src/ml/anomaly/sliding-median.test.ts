import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import type { Rng } from '../../common/rng.js';
import { finiteMedian, robustScale } from './anomaly-point.js';
import { detectSeasonalAnomalies } from './seasonal-detector.js';
import { SlidingMedian, finiteMedianWith, robustScaleWith, runningMedianInto, selectMedian } from './sliding-median.js';

/** A series built to be hard on a median: ties, both signed zeros, NaN and ±∞ gaps, a long all-missing run. */
function nastySeries(rng: Rng, n: number, kind: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    let v: number;
    if (kind === 0) v = Math.floor(rng.next() * 4) - 2; // heavy ties, zero included
    else if (kind === 1) v = [0, -0, 1, -1, 0.5][Math.floor(rng.next() * 5)]!;
    else v = rng.normal(0, 10);
    if (u < 0.08) v = Number.NaN;
    else if (u < 0.1) v = rng.next() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    out.push(v);
  }
  if (kind === 2 && n > 40) for (let i = 10; i < 30; i++) out[i] = Number.NaN; // a window with nothing finite
  return out;
}

/** The naive running median: slice each centred window and take `finiteMedian` (sort-based). */
function naiveRunningMedian(values: readonly number[], width: number): number[] {
  const half = width >> 1;
  return values.map((_, i) => finiteMedian(values.slice(Math.max(0, i - half), Math.min(values.length, i + half + 1))));
}

describe('runningMedianInto', () => {
  it('equals the naive sorted-window median bit for bit (NaN, ±∞, ties, -0/+0; seeded)', () => {
    const rng = createRng(2026);
    let zeroMedians = 0;
    let negativeZeroMedians = 0;
    for (let t = 0; t < 300; t++) {
      const n = Math.floor(rng.next() * 200);
      const values = nastySeries(rng, n, t % 3);
      for (const width of [1, 5, 15, 31]) {
        const out = new Float64Array(n);
        runningMedianInto(values, width, out);
        const want = naiveRunningMedian(values, width);
        for (let i = 0; i < n; i++) {
          if (!Object.is(out[i], want[i])) throw new Error(`t=${t} width=${width} i=${i}: ${out[i]} vs ${want[i]}`);
          if (want[i] === 0) zeroMedians++;
          if (Object.is(want[i], -0)) negativeZeroMedians++;
        }
      }
    }
    // The signed-zero cases were actually exercised (else the comparison above proves little about them).
    expect(zeroMedians).toBeGreaterThan(100);
    expect(negativeZeroMedians).toBeGreaterThan(10);
  });
});

describe('SlidingMedian', () => {
  it('tracks add / remove / replace in any order like a sorted multiset', () => {
    const rng = createRng(5);
    const w = new SlidingMedian(64);
    const held: number[] = [];
    const pool = [0, -0, 1, -1, 2, 2, 3.5, Number.NaN];
    for (let step = 0; step < 5000; step++) {
      const op = rng.next();
      const x = pool[Math.floor(rng.next() * pool.length)]!;
      if (op < 0.4 && held.length < 60) {
        w.add(x);
        held.push(x);
      } else if (op < 0.7 && held.length > 0) {
        const k = Math.floor(rng.next() * held.length);
        w.remove(held[k]!);
        held.splice(k, 1);
      } else if (held.length > 0) {
        const k = Math.floor(rng.next() * held.length);
        w.replace(held[k]!, x);
        held.splice(k, 1, x);
      }
      expect(Object.is(w.median(), finiteMedian(held))).toBe(true);
      expect(w.size).toBe(held.filter((v) => Number.isFinite(v)).length);
    }
    expect(() => {
      const tiny = new SlidingMedian(1);
      tiny.add(1);
      tiny.add(2);
    }).toThrow(RangeError);
  });
});

describe('selectMedian / finiteMedianWith / robustScaleWith', () => {
  it('match finiteMedian and robustScale exactly on random arrays (seeded)', () => {
    const rng = createRng(99);
    const scratch = new Float64Array(3000);
    for (let t = 0; t < 400; t++) {
      const n = Math.floor(rng.next() * (t % 10 === 0 ? 3000 : 60));
      const values = nastySeries(rng, n, t % 3);
      expect(Object.is(finiteMedianWith(values, scratch), finiteMedian(values))).toBe(true);
      const center = finiteMedian(values) || 0;
      expect(Object.is(robustScaleWith(values, center, scratch), robustScale(values, center))).toBe(true);
    }
    expect(selectMedian(new Float64Array(0), 0)).toBeNaN();
    expect(Object.is(selectMedian(Float64Array.from([0, -0, -0]), 3), -0)).toBe(true);
    expect(Object.is(selectMedian(Float64Array.from([-0, 0, 0, -1]), 4), 0)).toBe(true);
    expect(Object.is(selectMedian(Float64Array.from([-0, -0, 0, -1]), 4), -0)).toBe(true);
    expect(robustScaleWith([Number.NaN], 0, scratch)).toBe(1);
  });
});

describe('detectSeasonalAnomalies with reused scratch buffers', () => {
  it('gives the same result for a series whatever ran before it (longer, shorter, with NaN)', () => {
    const rng = createRng(17);
    const short = Array.from({ length: 60 }, (_, i) => 10 + (i % 7) + rng.normal(0, 1));
    short[30] = 40;
    const first = detectSeasonalAnomalies(short, { period: 7 });
    const long = Array.from({ length: 5000 }, () => (rng.next() < 0.1 ? Number.NaN : rng.normal(100, 30)));
    detectSeasonalAnomalies(long, { period: 7 });
    detectSeasonalAnomalies(long.slice(0, 100), { period: 24, causal: true });
    const again = detectSeasonalAnomalies(short, { period: 7 });
    expect(again).toEqual(first);
    expect(first[30]!.label).toBe('high');
  });
});
