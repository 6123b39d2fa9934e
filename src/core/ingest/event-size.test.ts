import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { measureEvent, sameProperties } from './event-size.js';

const exact = (raw: unknown): number => Buffer.byteLength(JSON.stringify(raw) ?? 'null', 'utf8');

describe('measureEvent', () => {
  it('gives exactly the UTF-8 size of the whole event JSON, with the properties JSON split out', () => {
    const raw = { event: '下单', uuid: 'a', properties: { 城市: '北京', n: 1.5, nested: { emoji: '🛒', list: [1, null, 'x"y'] } }, $set: { plan: 'pro' } };
    const size = measureEvent(raw);
    expect(size.bytes).toBe(exact(raw));
    expect(size.propertiesJson).toBe(JSON.stringify(raw.properties));
  });

  it('matches JSON.stringify on random events, properties first, last or in the middle', () => {
    const rng = createRng(3);
    const text = (): string => ['a', 'é', '中文', '🛒', '"', '\\', '\n'].slice(0, 1 + Math.floor(rng.next() * 7)).join('');
    for (let i = 0; i < 200; i++) {
      const properties: Record<string, unknown> = { [text()]: text(), n: rng.next(), flag: rng.next() < 0.5, nil: null };
      const fields: Array<[string, unknown]> = [['event', text()], ['distinct_id', text()], ['properties', properties], ['timestamp', 1_700_000_000_000]];
      const at = Math.floor(rng.next() * fields.length);
      const [moved] = fields.splice(2, 1);
      if (moved !== undefined) fields.splice(at, 0, moved);
      const raw = Object.fromEntries(fields);
      expect(measureEvent(raw).bytes).toBe(exact(raw));
    }
  });

  it('serialises the whole event when properties are not an object, or the event is not', () => {
    for (const raw of [{ event: 'x', properties: [1, 2] }, { event: 'x' }, { event: 'x', properties: null }, 'text', 42, null, [1]]) {
      expect(measureEvent(raw)).toEqual({ bytes: exact(raw) });
    }
  });
});

describe('sameProperties', () => {
  it('is true only for the same keys in the same order with identical values', () => {
    const shared = { a: 1 };
    const source = { x: shared, y: 'v' };
    expect(sameProperties({ ...source }, source)).toBe(true);
    expect(sameProperties({ y: 'v', x: shared }, source)).toBe(false);
    expect(sameProperties({ ...source, z: 1 }, source)).toBe(false);
    expect(sameProperties({ x: { a: 1 }, y: 'v' }, source)).toBe(false);
  });
});
