import { describe, expect, it } from 'vitest';
import { calcScoreByThreshold, calcSweepScores, probationaryLength, scaledSigmoid, scoreAtThreshold } from './nab-sweeper.js';

const cost = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };
const sig = (x: number): number => 1 / (1 + Math.exp(-x));
// 20 rows one minute apart, one window on rows 10..14 (width 5), no probation.
const ts = Array.from({ length: 20 }, (_, i) => i * 60_000);
const win: Array<[number, number]> = [[ts[10]!, ts[14]!]];
const flag = (...rows: number[]): number[] => ts.map((_, i) => (rows.includes(i) ? 1 : 0));
const fileScore = (scores: number[], threshold = 0.5): number =>
  scoreAtThreshold(calcScoreByThreshold(calcSweepScores(ts, scores, win, 'f', cost, 0), cost), threshold).score;

describe('scaledSigmoid', () => {
  it('matches NAB’s documented values', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3)).toBe(-1);
  });
});

describe('probationaryLength', () => {
  it('is 15% of the rows, capped at 750', () => {
    expect(probationaryLength(4032)).toBe(604);
    expect(probationaryLength(22695)).toBe(750);
  });
});

describe('NAB sweep scoring of one file', () => {
  it('gives the full tpWeight for a detection on the first window row', () => {
    expect(fileScore(flag(10))).toBeCloseTo(1, 12);
  });

  it('weights a late detection by the scaled sigmoid of its position', () => {
    // Row 14: position −(14 − 14 + 1)/5 = −0.2, rescaled by maxTP.
    expect(fileScore(flag(14))).toBeCloseTo((2 * sig(1) - 1) / scaledSigmoid(-1), 12);
  });

  it('counts a window once, with its earliest detection', () => {
    expect(fileScore(flag(12, 13, 14))).toBeCloseTo(fileScore(flag(12)), 12);
  });

  it('charges fnWeight for a missed window and fpWeight before any window', () => {
    expect(fileScore(flag())).toBe(-1);
    expect(fileScore(flag(3))).toBeCloseTo(-1 - 0.11, 12);
  });

  it('softens a false positive just after a window', () => {
    // Row 16: |14 − 16| / (5 − 1) = 0.5 past the window.
    expect(fileScore(flag(10, 16))).toBeCloseTo(1 + 0.11 * (2 * sig(-2.5) - 1), 12);
  });

  it('ignores detections inside the probationary period', () => {
    const points = calcSweepScores(ts, flag(1), win, 'f', cost, 0.15);
    expect(points[1]!.windowName).toBe('probationary');
    expect(scoreAtThreshold(calcScoreByThreshold(points, cost), 0.5).score).toBe(-1);
  });

  it('lists one score per distinct threshold, highest first, and counts rows', () => {
    const scores = ts.map((_, i) => (i === 10 ? 0.9 : i === 3 ? 0.7 : 0.1));
    const rows = calcScoreByThreshold(calcSweepScores(ts, scores, win, 'f', cost, 0), cost);
    expect(rows.map((r) => r.threshold)).toEqual([1.1, 0.9, 0.7, 0.1]);
    expect(rows[1]).toMatchObject({ tp: 1, fp: 0, fn: 4, tn: 15, total: 20 });
    expect(rows[1]!.score).toBeCloseTo(1, 12);
    expect(rows[2]!.score).toBeCloseTo(1 - 0.11, 12);
    // A threshold between listed ones takes the next higher row: 0.8 flags only the 0.9 row.
    expect(scoreAtThreshold(rows, 0.8).threshold).toBe(0.9);
    expect(scoreAtThreshold(rows, 0.7).threshold).toBe(0.7);
  });
});
