import type { Rng } from '../../common/rng.js';

/** Row positions of the training and test parts of an interaction log. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

function groupByUser(users: ArrayLike<number>, nUsers: number): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(nUsers + 1);
  for (let i = 0; i < users.length; i++) start[(users[i] as number) + 1]! += 1;
  for (let u = 0; u < nUsers; u++) start[u + 1]! += start[u]!;
  const cursor = start.slice(0, nUsers);
  const rows = new Int32Array(users.length);
  for (let i = 0; i < users.length; i++) rows[cursor[users[i] as number]!++] = i;
  return { start, rows };
}

function collect(flags: Uint8Array, want: number): Int32Array {
  let n = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === want) n++;
  const out = new Int32Array(n);
  let w = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] === want) out[w++] = i;
  return out;
}

/**
 * Per-user stratified random split, as Microsoft Recommenders' `python_stratified_split` (filter_by user):
 * each user's rows are put in random order, ranked 1..n, and row i goes to train when i/n ≤ ratio. So every
 * user keeps ⌊ratio·n⌋ training rows (up to float rounding of i/n, computed the same way) and appears in both
 * parts when n ≥ 2 and ratio < 1.
 */
export function stratifiedSplit(users: ArrayLike<number>, nUsers: number, ratio: number, rng: Rng): SplitIndices {
  checkRatio(ratio);
  const { start, rows } = groupByUser(users, nUsers);
  const isTest = new Uint8Array(users.length);
  for (let u = 0; u < nUsers; u++) {
    const s = start[u]!;
    const n = start[u + 1]! - s;
    const mine = Array.from(rows.subarray(s, s + n));
    rng.shuffle(mine);
    for (let i = 0; i < n; i++) if ((i + 1) / n > ratio) isTest[mine[i]!] = 1;
  }
  return { train: collect(isTest, 0), test: collect(isTest, 1) };
}

/** Global random split: ⌊ratio·n⌋ rows drawn uniformly for training, the rest for test. */
export function randomSplit(nRows: number, ratio: number, rng: Rng): SplitIndices {
  checkRatio(ratio);
  const order = Array.from({ length: nRows }, (_, i) => i);
  rng.shuffle(order);
  const nTrain = Math.floor(ratio * nRows);
  const isTest = new Uint8Array(nRows);
  for (let i = nTrain; i < nRows; i++) isTest[order[i]!] = 1;
  return { train: collect(isTest, 0), test: collect(isTest, 1) };
}

/**
 * Temporal leave-last-out: each user's latest row (by time, later row position on ties) is the test row;
 * users with a single row stay entirely in training (they have no history to predict from).
 */
export function leaveLastOut(users: ArrayLike<number>, times: ArrayLike<number>, nUsers: number): SplitIndices {
  const { start, rows } = groupByUser(users, nUsers);
  const isTest = new Uint8Array(users.length);
  for (let u = 0; u < nUsers; u++) {
    const s = start[u]!;
    const e = start[u + 1]!;
    if (e - s < 2) continue;
    let last = rows[s]!;
    for (let p = s + 1; p < e; p++) {
      const r = rows[p]!;
      if ((times[r] as number) >= (times[last] as number)) last = r;
    }
    isTest[last] = 1;
  }
  return { train: collect(isTest, 0), test: collect(isTest, 1) };
}

function checkRatio(ratio: number): void {
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`split ratio must be in (0, 1), got ${ratio}`);
}
