import { describe, expect, it } from 'vitest';
import { specFromArgs } from './insight.js';

describe('specFromArgs', () => {
  it.each([
    ['funnel', { steps: '$pageview, product_viewed,order_completed', window: '7d', from: '-30d', breakdown: '$os' }, {
      steps: [{ event: '$pageview' }, { event: 'product_viewed' }, { event: 'order_completed' }], windowSeconds: 604800, dateFrom: '-30d', breakdown: '$os',
    }],
    ['trend', { event: 'order_completed,*', math: 'sum', property: 'revenue', interval: 'week', compare: true }, {
      series: [{ event: 'order_completed', math: 'sum', property: 'revenue' }, { event: null, math: 'sum', property: 'revenue' }], interval: 'week', compare: true,
    }],
    ['retention', { 'start-event': 'signup', periods: '4' }, { startEvent: { event: 'signup' }, returnEvent: { event: 'signup' }, periods: 4 }],
    ['paths', { event: 'product_viewed', direction: 'previous', depth: '2' }, { event: 'product_viewed', direction: 'previous', depth: 2 }],
    ['lifecycle', { interval: 'month' }, { event: null, interval: 'month' }],
  ] as const)('%s flags become the spec fields', (kind, args, expected) => {
    expect(specFromArgs(kind, args, {})).toEqual(expected);
  });

  it('lets flags override a --spec body and keeps its other fields', () => {
    const base = { steps: [{ event: 'a' }, { event: 'b' }], windowSeconds: 60, filters: [{ key: 'platform', value: 'ios' }] };
    expect(specFromArgs('funnel', { window: '2h' }, base)).toEqual({ ...base, windowSeconds: 7200 });
  });

  it.each([
    ['funnel', {}, /--steps is required/],
    ['retention', {}, /--start-event is required/],
    ['paths', {}, /--event is required/],
    ['funnel', { steps: 'a,b', window: 'soon' }, /--window must be a duration/],
    ['retention', { 'start-event': 'a', periods: '99' }, /--periods must be an integer between 1 and 52/],
  ] as const)('%s with %j fails with INVALID_ARGUMENT naming the flag', (kind, args, message) => {
    expect(() => specFromArgs(kind, args, {})).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }));
  });
});
