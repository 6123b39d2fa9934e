import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { Tensor } from '../tensor.js';
import { createAugmenter } from './augment.js';

function ramp(): Tensor {
  // 1 image, 3×4, 1 channel: value = column / 3.
  return new Tensor(Float32Array.from({ length: 12 }, (_, i) => (i % 4) / 3), [1, 3, 4, 1]);
}

describe('createAugmenter', () => {
  it('no options leaves images unchanged', () => {
    const x = ramp();
    const before = Array.from(x.data);
    createAugmenter({})(x, createRng(1));
    expect(Array.from(x.data)).toEqual(before);
  });

  it('flip mirrors left-right (for seeds that draw it) and never changes values otherwise', () => {
    let flipped = 0;
    for (let seed = 0; seed < 20; seed++) {
      const x = ramp();
      createAugmenter({ flip: true })(x, createRng(seed));
      const row = Array.from(x.data.subarray(0, 4));
      if (row[0]! > row[3]!) {
        flipped++;
        expect(row).toEqual([1, 2 / 3, 1 / 3, 0].map(Math.fround));
      } else expect(row).toEqual([0, 1 / 3, 2 / 3, 1].map(Math.fround));
    }
    expect(flipped).toBeGreaterThan(3);
    expect(flipped).toBeLessThan(17);
  });

  it('brightness shifts values within the range and clips to [0, 1]; results are seeded', () => {
    const a = ramp();
    const b = ramp();
    createAugmenter({ brightness: 0.3, rotation: 15, zoom: 0.1, shift: 0.1 })(a, createRng(5));
    createAugmenter({ brightness: 0.3, rotation: 15, zoom: 0.1, shift: 0.1 })(b, createRng(5));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    for (const v of a.data) expect(v >= 0 && v <= 1).toBe(true);
    expect(Array.from(a.data)).not.toEqual(Array.from(ramp().data));
  });
});
