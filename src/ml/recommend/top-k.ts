/** Top-k selection over a dense score vector, with items to skip. */

/** Item indices and their scores, best first. */
export interface Ranked {
  readonly items: Int32Array;
  readonly scores: Float32Array;
}

/**
 * The k highest scores (ties broken by lower index), skipping the indices in `exclude` (ascending, as a CSR
 * row stores them) and scores that are not finite. A binary min-heap of size k keeps this O(n log k), which matters for 10^5-item catalogues.
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: ArrayLike<number>): Ranked {
  const n = scores.length;
  const heapItems = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  // `exclude` is ascending (a CSR row), so one pointer walks it alongside i: no set, no allocation.
  let ex = 0;
  const exLen = exclude === undefined ? 0 : exclude.length;
  // Items are visited in index order, so on equal score an earlier item wins (stable, deterministic).
  const worse = (ia: number, sa: number, ib: number, sb: number): boolean => sa < sb || (sa === sb && ia > ib);
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (!Number.isFinite(s)) continue;
    if (ex < exLen) {
      while (ex < exLen && (exclude![ex] as number) < i) ex++;
      if (ex < exLen && exclude![ex] === i) continue;
    }
    if (size < k) {
      let c = size++;
      heapItems[c] = i;
      heapScores[c] = s;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(i, s, heapItems[p]!, heapScores[p]!)) break;
        heapItems[c] = heapItems[p]!;
        heapScores[c] = heapScores[p]!;
        c = p;
      }
      heapItems[c] = i;
      heapScores[c] = s;
    } else if (k > 0 && worse(heapItems[0]!, heapScores[0]!, i, s)) {
      siftDown(heapItems, heapScores, size, i, s, worse);
    }
  }
  const order = Array.from({ length: size }, (_, j) => j).sort((a, b) =>
    heapScores[b]! - heapScores[a]! || heapItems[a]! - heapItems[b]!,
  );
  const items = new Int32Array(size);
  const out = new Float32Array(size);
  order.forEach((j, r) => {
    items[r] = heapItems[j]!;
    out[r] = heapScores[j]!;
  });
  return { items, scores: out };
}

function siftDown(
  items: Int32Array,
  scores: Float64Array,
  size: number,
  item: number,
  score: number,
  worse: (ia: number, sa: number, ib: number, sb: number) => boolean,
): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    let m = l;
    if (r < size && worse(items[r]!, scores[r]!, items[l]!, scores[l]!)) m = r;
    if (!worse(items[m]!, scores[m]!, item, score)) break;
    items[c] = items[m]!;
    scores[c] = scores[m]!;
    c = m;
  }
  items[c] = item;
  scores[c] = score;
}
