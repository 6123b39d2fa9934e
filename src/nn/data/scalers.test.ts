import { describe, expect, it } from 'vitest';
import { tensor2d } from '../creation.js';
import { MinMaxScaler, StandardScaler } from './scalers.js';

describe('scalers', () => {
  it('StandardScaler gives zero mean and unit variance per column and inverts', () => {
    const x = tensor2d([[1, 10, 5], [2, 20, 5], [3, 30, 5], [4, 40, 5]]);
    const s = new StandardScaler();
    const z = s.fitTransform(x);
    for (let j = 0; j < 2; j++) {
      const col = [0, 1, 2, 3].map((r) => z.data[r * 3 + j]!);
      expect(col.reduce((a, b) => a + b) / 4).toBeCloseTo(0, 6);
      expect(col.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 5);
    }
    expect([0, 1, 2, 3].map((r) => z.data[r * 3 + 2])).toEqual([0, 0, 0, 0]); // constant column → 0, not NaN
    const back = s.inverseTransform(z).data;
    x.data.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 5));
    const restored = new StandardScaler().load(JSON.parse(JSON.stringify(s.toJSON())));
    expect(Array.from(restored.transform(x).data)).toEqual(Array.from(z.data));
  });

  it('MinMaxScaler maps onto the feature range using the training fit', () => {
    const s = new MinMaxScaler([-1, 1]).fit(tensor2d([[0, 100], [10, 200]]));
    expect(Array.from(s.transform(tensor2d([[5, 150], [20, 100]])).data)).toEqual([0, 0, 3, -1]);
  });

  it('rejects use before fit and a feature-count mismatch', () => {
    expect(() => new StandardScaler().transform(tensor2d([[1]]))).toThrow(/before fit/);
    const s = new StandardScaler().fit(tensor2d([[1, 2]]));
    expect(() => s.transform(tensor2d([[1, 2, 3]]))).toThrow(/fitted on 2/);
  });
});
