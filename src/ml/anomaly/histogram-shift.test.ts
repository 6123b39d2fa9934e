import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { HistogramShift } from './histogram-shift.js';

const opts = { window: 20, memory: 500, bins: 10, statsBlocks: 200, floor: 0.01, minSpread: 0.5 };

describe('HistogramShift', () => {
  it('rises when a busy series goes flat, not while it keeps its distribution', () => {
    const rng = createRng(11);
    const h = new HistogramShift(opts);
    const z: number[] = [];
    for (let i = 0; i < 600; i++) z.push(h.push(i < 400 ? rng.next() : 0.5, 0, 1));
    expect(z.slice(0, 39).every(Number.isNaN)).toBe(true); // needs 2 × window values
    expect(Math.max(...z.slice(100, 400))).toBeLessThan(3);
    expect(Math.max(...z.slice(400, 420))).toBeGreaterThan(3);
  });

  it('round-trips its state', () => {
    const rng = createRng(12);
    const a = new HistogramShift(opts);
    for (let i = 0; i < 300; i++) a.push(rng.next(), 0, 1);
    const b = new HistogramShift(opts);
    b.load(JSON.parse(JSON.stringify(a.toJSON())) as ReturnType<HistogramShift['toJSON']>);
    expect(b.push(0.9, 0, 1)).toBe(a.push(0.9, 0, 1));
  });
});
