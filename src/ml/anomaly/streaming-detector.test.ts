import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { detectStreamingAnomalies, StreamingDetector, streamingScores } from './streaming-detector.js';

/** A daily-shaped series (period 48) with Gaussian-ish noise, seeded. */
function daily(n: number, seed: number, noise = 0.05): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => 10 + Math.sin((2 * Math.PI * i) / 48) + noise * (rng.next() + rng.next() + rng.next() - 1.5));
}

const MIN = 60_000;

describe('StreamingDetector', () => {
  it('reports a level shift right after it starts and stays quiet on the same series without it', () => {
    const clean = daily(3000, 1);
    const shifted = clean.map((v, i) => (i >= 2000 ? v + 3 : v));
    const s = streamingScores(shifted, undefined, { learnPoints: 500 });
    const first = s.findIndex((x, i) => i >= 2000 && x > 0.5);
    expect(first).toBeGreaterThanOrEqual(2000);
    expect(first).toBeLessThan(2000 + 30);
    expect(Math.max(...s.slice(0, 2000))).toBeLessThan(0.5);
    expect(Math.max(...streamingScores(clean, undefined, { learnPoints: 500 }))).toBeLessThan(0.5);
  });

  it('reports a one-point spike in its block and a flat stretch in a cycling series', () => {
    const spike = daily(3000, 2);
    spike[2500] = 20;
    const points = detectStreamingAnomalies(spike, undefined, { learnPoints: 500 });
    const hit = points.findIndex((p) => p.score > 0.5);
    expect(hit).toBeGreaterThanOrEqual(2500);
    expect(hit).toBeLessThan(2510);
    expect(points[hit]!.label).toBe('high');
    expect(points.filter((p) => p.label !== 'normal')).toHaveLength(1);
    const flat = daily(3000, 3).map((v, i) => (i >= 2000 && i < 2200 ? 10 : v));
    const f = streamingScores(flat, undefined, { learnPoints: 500 });
    const hitFlat = f.findIndex((x) => x > 0.5);
    expect(hitFlat).toBeGreaterThanOrEqual(2000);
    expect(hitFlat).toBeLessThan(2200);
  });

  it('still reports a level shift that follows a huge spike (the spike widens the range at once)', () => {
    const values = daily(4000, 9).map((v, i) => (i >= 3000 ? v + 2 : v));
    values[2000] = 500; // 250× the daily swing
    const s = streamingScores(values, undefined, { learnPoints: 500 });
    expect(s.slice(2000, 2010).some((x) => x > 0.5)).toBe(true);
    const first = s.findIndex((x, i) => i >= 3000 && x > 0.5);
    expect(first).toBeGreaterThanOrEqual(3000);
    expect(first).toBeLessThan(3030);
  });

  it('reports a burst once: scores after the first report are damped', () => {
    const values = daily(3000, 4).map((v, i) => (i >= 2000 && i < 2100 ? v + 5 * Math.sin(i) : v));
    const s = streamingScores(values, undefined, { learnPoints: 500 });
    const reports = s.map((x, i) => [x, i] as const).filter(([x]) => x > 0.5);
    expect(reports.length).toBeGreaterThanOrEqual(1);
    expect(reports.length).toBeLessThanOrEqual(3);
    expect(s.every((x) => x >= 0 && x <= 1 && !Number.isNaN(x))).toBe(true);
  });

  it('continues identically after a JSON round trip of its state', () => {
    const values = daily(2000, 5);
    values[1500] = 15;
    const times = values.map((_, i) => i * 5 * MIN);
    const whole = new StreamingDetector({ learnPoints: 300 });
    const a = values.map((v, i) => whole.update(v, times[i]));
    const first = new StreamingDetector({ learnPoints: 300 });
    for (let i = 0; i < 1000; i++) first.update(values[i]!, times[i]);
    const restored = StreamingDetector.fromState(JSON.parse(JSON.stringify(first.toJSON())) as ReturnType<StreamingDetector['toJSON']>);
    const b = values.slice(1000).map((v, i) => restored.update(v, times[1000 + i]));
    expect(b.map((x) => x.score)).toEqual(a.slice(1000).map((x) => x.score));
    expect(b[500]!.expected).toBeCloseTo(a[1500]!.expected, 12);
  });

  it('gives an expected value and band once blocks exist', () => {
    const d = new StreamingDetector({ learnPoints: 1000 });
    expect(d.blockSize).toBe(10);
    const out = daily(400, 6).map((v) => d.update(v));
    expect(Number.isNaN(out[0]!.expected)).toBe(true); // no block has ended yet
    const last = out[out.length - 1]!;
    expect(last.expected).toBeGreaterThan(8);
    expect(last.expected).toBeLessThan(12);
    expect(last.lower).toBeLessThanOrEqual(last.expected);
    expect(last.upper).toBeGreaterThanOrEqual(last.expected);
  });

  it('skips missing points, ignores out-of-order ones and does not build shapes across a long gap', () => {
    const d = new StreamingDetector({ learnPoints: 100 });
    let t = 0;
    for (const v of daily(600, 7)) d.update(v, (t += MIN));
    expect(d.update(Number.NaN, (t += MIN)).score).toBe(0);
    expect(d.update(50, t - 10 * MIN)).toMatchObject({ score: 0 }); // out of order: not learnt
    const before = JSON.stringify(d.toJSON());
    expect(d.update(50, t - 10 * MIN).score).toBe(0);
    expect(JSON.stringify(d.toJSON())).toBe(before);
    // A day-long hole: the next points are scored, never NaN.
    t += 24 * 60 * MIN;
    const after = daily(100, 8).map((v) => d.update(v, (t += MIN)).score);
    expect(after.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
  });

  it('rejects bad options with INVALID_ARGUMENT', () => {
    expect(() => new StreamingDetector({ blocksPerLearn: 0 })).toThrow(/invalid streaming detector options/);
    expect(() => new StreamingDetector({ featureLengths: [] })).toThrow(/featureLengths/);
    expect(() => new StreamingDetector({ floor: Number.NaN })).toThrow(/floor/);
  });
});
