import { describe, expect, it } from 'vitest';
import { parseTime, resolveTimestamp } from './timestamps.js';

const received = new Date('2026-03-10T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const H = 3600_000;

describe('parseTime', () => {
  it.each([
    ['2026-03-10T12:00:00Z', Date.UTC(2026, 2, 10, 12)],
    ['2026-03-10T12:00:00.123Z', Date.UTC(2026, 2, 10, 12, 0, 0, 123)],
    ['2026-03-10T12:00:00.123456Z', Date.UTC(2026, 2, 10, 12, 0, 0, 123)],
    ['2026-03-10T20:00:00+08:00', Date.UTC(2026, 2, 10, 12)],
    ['2026-03-10T07:00:00-0500', Date.UTC(2026, 2, 10, 12)],
    ['2026-03-10 12:00:00', Date.UTC(2026, 2, 10, 12)],
    ['2026-03-10', Date.UTC(2026, 2, 10)],
    ['1773144000000', 1773144000000],
    [1773144000000, 1773144000000],
  ])('%s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it.each([['yesterday'], ['2026-02-30T00:00:00Z'], ['2026-02-30T00:00:00.000Z'], ['2026-03-10T24:00:00.000Z'], ['10/03/2026'], [''], [{}], [Number.NaN], [null]])(
    'rejects %s',
    (input) => {
      expect(parseTime(input)).toBeUndefined();
    },
  );
});

describe('resolveTimestamp (PostHog/Segment skew rules)', () => {
  it.each([
    ['device clock 1 min fast', -60_000],
    ['device clock 1 h slow', H],
    ['device clock 24 h slow', 24 * H],
    ['device clock 1 h fast', -H],
  ])('corrects skew: %s', (_name, skew) => {
    // The event happened 5 s before sending; the device clock is off by `skew`.
    const trueTime = received.getTime() - 5000;
    const deviceTs = trueTime - skew;
    const deviceSent = received.getTime() - skew;
    const r = resolveTimestamp({ timestamp: iso(deviceTs), sentAt: iso(deviceSent), receivedAt: received });
    expect(r.timestamp.getTime()).toBe(trueTime);
    expect(r.warning).toBeUndefined();
  });

  it('keeps the raw timestamp with $ignore_sent_at (imports)', () => {
    const ts = '2025-01-01T00:00:00Z';
    const r = resolveTimestamp({ timestamp: ts, sentAt: iso(received.getTime() - H), ignoreSentAt: true, receivedAt: received });
    expect(r.timestamp.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('uses the timestamp as is without sent_at', () => {
    expect(resolveTimestamp({ timestamp: '2026-03-01T00:00:00Z', receivedAt: received }).timestamp.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
  });

  it('uses offset when there is no timestamp', () => {
    expect(resolveTimestamp({ offset: 1500, receivedAt: received }).timestamp.getTime()).toBe(received.getTime() - 1500);
  });

  it('falls back to received_at when nothing is given', () => {
    expect(resolveTimestamp({ receivedAt: received })).toEqual({ timestamp: received });
  });

  it('clamps more than 23 h in the future to received_at', () => {
    const r = resolveTimestamp({ timestamp: iso(received.getTime() + 23 * H + 60_000), receivedAt: received });
    expect(r).toEqual({ timestamp: received, warning: 'clamped_future' });
  });

  it('keeps 22 h in the future', () => {
    const r = resolveTimestamp({ timestamp: iso(received.getTime() + 22 * H), receivedAt: received });
    expect(r.timestamp.getTime()).toBe(received.getTime() + 22 * H);
  });

  it.each([['1999-12-31T23:59:59Z'], ['1970-01-01T00:00:00Z'], ['2150-01-01T00:00:00Z'], ['not a date'], [true]])(
    'replaces an ancient, far-future or unparseable timestamp (%s) with received_at',
    (ts) => {
      expect(resolveTimestamp({ timestamp: ts, receivedAt: received })).toEqual({ timestamp: received, warning: 'invalid' });
    },
  );

  it('ignores an unparseable sent_at', () => {
    const r = resolveTimestamp({ timestamp: '2026-03-09T00:00:00Z', sentAt: 'garbage', receivedAt: received });
    expect(r.timestamp.toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });
});
