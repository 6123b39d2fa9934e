import { describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { Popularity } from '../../ml/recommend/popularity.js';
import { csrFromCoo } from '../../ml/recommend/csr-matrix.js';
import { createServingRegistry } from './serving-registry.js';
import type { TrainedModel } from './train-from-store.js';

function trained(spec: string): TrainedModel {
  const matrix = csrFromCoo([0, 1], [0, 1], [1, 1], 2, 2);
  const model = new Popularity();
  model.fit(matrix);
  return {
    modelSpec: spec, model, trainedAt: '2026-01-01T00:00:00.000Z', metrics: null, itemIds: ['a', 'b'], userIds: ['u', 'v'],
    itemIndex: new Map([['a', 0], ['b', 1]]), userIndex: new Map([['u', 0], ['v', 1]]), categories: [undefined, undefined],
    titles: [{ en: 'a', zh: 'a' }, { en: 'b', zh: 'b' }], matrix, trending: new Float32Array(2), eventWeights: { view: 1 },
    halfLifeDays: 0, dataEnd: 0, counts: { events: 2, users: 2, items: 2, interactions: 2 },
  };
}

describe('createServingRegistry', () => {
  it('numbers versions per project, activates the newest, rolls back, and keeps projects apart', () => {
    const r = createServingRegistry();
    expect(r.active('p')).toBeUndefined();
    expect(r.add('p', trained('ease')).version).toBe(1);
    expect(r.add('p', trained('als')).version).toBe(2);
    expect(r.add('q', trained('sar')).version).toBe(1);
    expect(r.active('p')?.modelSpec).toBe('als');
    r.activate('p', 1);
    expect(r.active('p')?.modelSpec).toBe('ease');
    expect(r.list('p').map((v) => [v.version, v.active])).toEqual([[1, true], [2, false]]);
    expect(r.active('q')?.modelSpec).toBe('sar');
    expect(() => r.activate('q', 2)).toThrow(NorthstarError);
    expect(() => r.activate('nobody', 1)).toThrow(/no recommendation model version 1/);
  });

  it('drops the oldest inactive versions beyond `keep`, never the active one', () => {
    const r = createServingRegistry({ keep: 2 });
    r.add('p', trained('v1'));
    r.activate('p', 1);
    r.add('p', trained('v2'));
    r.activate('p', 1);
    r.add('p', trained('v3'));
    // v3 became active on add; v1 was the oldest inactive one.
    expect(r.list('p').map((v) => v.version)).toEqual([2, 3]);
    r.activate('p', 2);
    r.add('p', trained('v4'));
    expect(r.list('p').map((v) => v.version)).toEqual([3, 4]);
  });
});
