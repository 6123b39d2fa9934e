import { describe, expect, it } from 'vitest';
import { defaultFunnelSteps, orderProperties, preferEvent, SHOP_FUNNEL } from './default-events.js';
import { parseEventNames } from './api/get-event-names.js';

const names = (...events: string[]) => events.map((event, i) => ({ event, count: 100 - i }));

describe('default events', () => {
  it('uses the shop funnel when the project has all its steps', () => {
    expect(defaultFunnelSteps(names('order_completed', ...SHOP_FUNNEL, 'x'))).toEqual([...SHOP_FUNNEL]);
  });

  it('falls back to the three most frequent events otherwise', () => {
    expect(defaultFunnelSteps(names('a', 'b', '$pageview', 'd'))).toEqual(['a', 'b', '$pageview']);
  });

  it('prefers the first preferred event present, else the top one, else none', () => {
    expect(preferEvent(names('a', 'product_viewed'), ['$pageview', 'product_viewed'])).toBe('product_viewed');
    expect(preferEvent(names('a', 'b'), ['$pageview'])).toBe('a');
    expect(preferEvent([], ['$pageview'])).toBeUndefined();
  });
});

describe('parseEventNames', () => {
  it.each([
    [{ events: [{ event: 'b', count: 1 }, { event: 'a', count: 5 }] }, ['a', 'b']],
    [[{ name: 'x', count: '3' }, { name: 'y', count: 9 }], ['y', 'x']],
    [{ names: ['p', 'q'] }, ['p', 'q']],
    [{ unexpected: true }, []],
    [null, []],
  ])('%j -> %j', (body, expected) => {
    expect(parseEventNames(body).map((n) => n.event)).toEqual(expected);
  });
});

describe('orderProperties', () => {
  it('puts preferred keys the data has first, then the rest alphabetically', () => {
    expect(orderProperties(['z', '$os', 'a', 'category'], ['category', '$os', 'missing'])).toEqual(['category', '$os', 'a', 'z']);
  });
  it('falls back to the preferred list when no keys are known', () => {
    expect(orderProperties(undefined, ['a', 'b'])).toEqual(['a', 'b']);
    expect(orderProperties([], ['a'])).toEqual(['a']);
  });
});
