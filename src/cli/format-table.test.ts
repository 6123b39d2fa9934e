import { describe, expect, it } from 'vitest';
import { createMemoryIo } from './cli-io.js';
import { displayWidth, duration, percent, renderTable } from './format-table.js';
import { createProgressBar } from './progress-bar.js';

describe('renderTable', () => {
  it('aligns columns, right-aligns numbers and counts Chinese characters as two columns', () => {
    const text = renderTable(['category', 'orders'], [['电子产品', '1,234'], ['Books', '7']]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(`电子产品${' '.repeat(3)}1,234`);
    expect(lines[3]).toBe(`Books${' '.repeat(10)}7`);
    expect(displayWidth(lines[2] ?? '')).toBe(displayWidth(lines[3] ?? ''));
  });

  it.each([
    [0.4567, '45.7%'], [null, '-'], [Number.NaN, '-'],
  ])('percent(%j) = %s', (value, text) => expect(percent(value)).toBe(text));

  it.each([
    [5, '5s'], [95, '1m 35s'], [7200, '2h 0m'], [90000, '1d 1h'], [null, '-'],
  ])('duration(%j) = %s', (value, text) => expect(duration(value)).toBe(text));
});

describe('createProgressBar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const io = createMemoryIo();
    const bar = createProgressBar(io);
    bar.start(100, 'bytes');
    bar.tick(50);
    bar.finish();
    expect(io.stderr).toEqual([]);
  });

  it('draws a bar with percent and amounts on a terminal', () => {
    const io = { ...createMemoryIo(), stderrIsTTY: true };
    const lines: string[] = [];
    io.err = (text: string) => void lines.push(text);
    let t = 0;
    const bar = createProgressBar(io, { now: () => (t += 1000), width: 10 });
    bar.start(2048, 'bytes');
    bar.tick(1024, { stored: 10 });
    bar.finish({ stored: 20 });
    expect(lines[1]).toContain('[#####.....]  50%  1.0 KiB / 2.0 KiB  stored 10');
    expect(lines[2]).toContain('[##########] 100%');
    expect(lines.at(-1)).toBe('\n');
  });
});
