import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { leaveLastOut, randomSplit, stratifiedSplit } from './splitters.js';

describe('stratifiedSplit', () => {
  it.each([1, 7, 42])('keeps ⌊0.75·n⌋ rows of every user in train (seed %i)', (seed) => {
    const rng = createRng(seed);
    const sizes = [1, 2, 3, 4, 8, 20, 33];
    const users: number[] = [];
    sizes.forEach((n, u) => {
      for (let i = 0; i < n; i++) users.push(u);
    });
    rng.shuffle(users);
    const split = stratifiedSplit(users, sizes.length, 0.75, createRng(seed));
    expect(split.train.length + split.test.length).toBe(users.length);
    sizes.forEach((n, u) => {
      const inTrain = Array.from(split.train).filter((r) => users[r] === u).length;
      expect(inTrain).toBe(Math.floor(0.75 * n));
    });
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const users = Array.from({ length: 200 }, (_, i) => i % 10);
    const a = stratifiedSplit(users, 10, 0.75, createRng(3));
    const b = stratifiedSplit(users, 10, 0.75, createRng(3));
    const c = stratifiedSplit(users, 10, 0.75, createRng(4));
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });
});

describe('randomSplit and leaveLastOut', () => {
  it('randomSplit puts ⌊ratio·n⌋ rows in train, disjoint from test', () => {
    const s = randomSplit(101, 0.8, createRng(1));
    expect(s.train.length).toBe(80);
    expect(new Set([...s.train, ...s.test]).size).toBe(101);
  });

  it('leaveLastOut holds out each user latest row, keeps single-row users in train', () => {
    const users = [0, 0, 0, 1, 2, 2];
    const times = [5, 9, 7, 1, 3, 3];
    const s = leaveLastOut(users, times, 3);
    // user 0: time 9 (row 1); user 2 ties at 3 → the later row (5)
    expect(Array.from(s.test)).toEqual([1, 5]);
    expect(Array.from(s.train)).toEqual([0, 2, 3, 4]);
  });

  it('rejects ratios outside (0, 1)', () => {
    expect(() => randomSplit(10, 1, createRng(1))).toThrow(RangeError);
  });
});
