import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { KnnNovelty } from './knn-novelty.js';

const opts = { featureLength: 4, memory: 1000, statsBlocks: 200, floor: 0.01, minSpread: 0.5 };

describe('KnnNovelty', () => {
  it('gives a high z to a shape never seen and a low one to a repeat of a known shape', () => {
    const rng = createRng(21);
    const k = new KnnNovelty(opts);
    const wave = (i: number): number => Math.sin((2 * Math.PI * i) / 12) + 0.02 * (rng.next() - 0.5);
    for (let i = 0; i < 400; i++) k.push(wave(i), 2);
    k.recalibrate();
    const normal = Array.from({ length: 24 }, (_, i) => k.push(wave(400 + i), 2));
    expect(Math.max(...normal)).toBeLessThan(2.5);
    // A square step where a sine was: no stored vector is near.
    const novel = [1, 1, 1, 1].map((v) => k.push(v * 1.5, 2));
    expect(Math.max(...novel)).toBeGreaterThan(3);
  });

  it('says nothing (NaN) until a whole shape and a history exist, and forgets the shape after a break', () => {
    const k = new KnnNovelty(opts);
    expect([1, 2, 3].map((v) => k.push(v, 1)).every(Number.isNaN)).toBe(true);
    k.push(4, 1);
    k.breakShape();
    expect(Number.isNaN(k.push(5, 1))).toBe(true);
    expect(k.toJSON().recent).toEqual([5]);
  });
});
