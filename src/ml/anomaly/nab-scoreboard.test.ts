import { describe, expect, it } from 'vitest';
import { normalizeNabScore, nullScore, optimizeThreshold, perfectScore, scoreDetector } from './nab-scoreboard.js';
import type { NabScoredSeries } from './nab-scoreboard.js';

const cost = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };
const ts = Array.from({ length: 100 }, (_, i) => i * 1000);

function series(name: string, windowAt: number | undefined, scores: (i: number) => number): NabScoredSeries {
  return { name, timestamps: ts, anomalyScores: ts.map((_, i) => scores(i)), windows: windowAt === undefined ? [] : [[ts[windowAt]!, ts[windowAt + 9]!]] };
}

describe('NAB corpus scoring', () => {
  it('puts the null detector at 0 and a perfect one at 100', () => {
    const perfect = [series('a', 40, (i) => (i === 40 ? 1 : 0)), series('b', 60, (i) => (i === 60 ? 1 : 0)), series('c', undefined, () => 0)];
    expect(nullScore(perfect, cost)).toBe(-2);
    expect(perfectScore(perfect, cost)).toBe(2);
    const r = scoreDetector(perfect, cost);
    expect(r.normalized).toBeCloseTo(100, 10);
    expect(r.files.map((f) => f.score)).toEqual([expect.closeTo(1, 10), expect.closeTo(1, 10), 0]);
    expect(normalizeNabScore(-2, -2, 2)).toBe(0);
  });

  it('optimises one threshold over the whole corpus', () => {
    // Window rows score 0.8; noise rows score up to 0.5 in file a only: the best threshold is 0.8.
    const corpus = [series('a', 40, (i) => (i >= 40 && i < 50 ? 0.8 : (i % 7) / 14)), series('b', 60, (i) => (i >= 60 && i < 70 ? 0.8 : 0.1))];
    const best = optimizeThreshold(corpus, cost);
    expect(best.threshold).toBe(0.8);
    expect(best.score).toBeCloseTo(2, 10);
    // A fixed lower threshold lets the noise through and costs false positives.
    expect(scoreDetector(corpus, cost, { threshold: 0.3 }).rawScore).toBeLessThan(best.score);
  });
});
