import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { expectedCalibrationError, fitNeutralEdge, fitTemperature, temperatureNll } from './calibrate-sentiment.js';

/** Labels drawn from σ(z) for z ~ N(0, 2): a perfectly calibrated binary "model" with logits [0, z]. */
function calibratedSample(seed: number, n: number): { z: number[]; labels: number[] } {
  const rng = createRng(seed);
  const z: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = rng.normal(0, 2);
    z.push(v);
    labels.push(rng.next() < 1 / (1 + Math.exp(-v)) ? 1 : 0);
  }
  return { z, labels };
}

describe('fitTemperature', () => {
  it('recovers the factor by which calibrated logits were inflated', () => {
    const { z, labels } = calibratedSample(7, 4000);
    const inflated = z.map((v) => Float32Array.of(0, 3 * v));
    const t = fitTemperature(inflated, labels);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
    expect(temperatureNll(inflated, labels, t)).toBeLessThan(temperatureNll(inflated, labels, 1));
  });
});

describe('expectedCalibrationError', () => {
  it('is small for calibrated probabilities and large for over-confident ones', () => {
    const { z, labels } = calibratedSample(11, 4000);
    const conf = (scale: number): { c: number[]; ok: boolean[] } => {
      const c: number[] = [];
      const ok: boolean[] = [];
      z.forEach((v, i) => {
        const p = 1 / (1 + Math.exp(-scale * v));
        c.push(Math.max(p, 1 - p));
        ok.push((p >= 0.5 ? 1 : 0) === labels[i]);
      });
      return { c, ok };
    };
    const good = conf(1);
    const bad = conf(5);
    expect(expectedCalibrationError(good.c, good.ok)).toBeLessThan(0.04);
    expect(expectedCalibrationError(bad.c, bad.ok)).toBeGreaterThan(0.08);
  });
});

describe('fitNeutralEdge', () => {
  it('puts the band where predictions are near chance', () => {
    const { z, labels } = calibratedSample(3, 4000);
    const edge = fitNeutralEdge(z, labels);
    // cumulative accuracy of |z| <= e under calibrated logits reaches 55 % near |z| ≈ 0.4
    expect(edge).toBeGreaterThan(0.15);
    expect(edge).toBeLessThan(0.8);
  });

  it('is 0 for a model that is right everywhere', () => {
    const z = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (0.01 + i / 100));
    expect(fitNeutralEdge(z, z.map((v) => (v >= 0 ? 1 : 0)))).toBe(0);
  });
});
