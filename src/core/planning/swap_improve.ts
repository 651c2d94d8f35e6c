import type { CoverProblem } from './greedy_cover.ts';

export interface SwapResult {
  /** The best improved set (same size as its start), in no particular order. */
  chosen: number[];
  /** Which start it came from, and the swaps made on it. */
  start: number;
  swaps: number;
  /** Covered weight (existing included) of that start before and after. */
  before: number;
  after: number;
}

/**
 * Improves sets of candidates by single swaps (the interchange heuristic of Teitz & Bart 1968): from
 * each starting set, while some chosen candidate can be replaced by an unchosen one so that the covered
 * weight grows, make the best such swap (largest growth; ties to the lower chosen, then the lower new
 * index); stop after `maxSwaps` swaps or at a 1-swap local optimum. Returns the best result over the
 * starts (ties to the earlier start). It never lowers a start's covered weight, so greedy's (1 − 1/e)
 * guarantee holds for a greedy start.
 *
 * Elements already covered by `problem.covered` count as permanently covered. Unit costs only.
 */
export function swapImprove(
  problem: CoverProblem,
  starts: readonly (readonly number[])[],
  maxSwaps: number,
): SwapResult {
  const { weights, offsets, lists } = problem;
  const n = offsets.length - 1;
  const m = weights.length;
  // Inverse lists, built once for all starts: element → candidates covering it.
  const invOffsets = new Int32Array(m + 1);
  for (let j = 0; j < lists.length; j++) invOffsets[lists[j]! + 1]!++;
  for (let e = 0; e < m; e++) invOffsets[e + 1]! += invOffsets[e]!;
  const inv = new Int32Array(lists.length);
  const fill = invOffsets.slice(0, m);
  for (let c = 0; c < n; c++) for (let j = offsets[c]!; j < offsets[c + 1]!; j++) inv[fill[lists[j]!]!++] = c;
  let best: SwapResult | null = null;
  starts.forEach((start, i) => {
    const r = localSearch(problem, invOffsets, inv, start, maxSwaps);
    if (best === null || r.after > best.after + 1e-9 * Math.max(1, best.after)) best = { ...r, start: i };
  });
  if (best === null) throw new Error('swapImprove needs at least one start');
  return best;
}

function localSearch(
  problem: CoverProblem,
  invOffsets: Int32Array,
  inv: Int32Array,
  chosen: readonly number[],
  maxSwaps: number,
): Omit<SwapResult, 'start'> {
  const { weights, offsets, lists } = problem;
  const n = offsets.length - 1;
  const m = weights.length;
  const LOCKED = 1 << 30;
  const count = new Int32Array(m);
  for (let e = 0; e < m; e++) if (problem.covered[e]) count[e] = LOCKED;
  const inSet = new Uint8Array(n);
  const set = [...chosen];
  for (const c of set) {
    inSet[c] = 1;
    for (let j = offsets[c]!; j < offsets[c + 1]!; j++) count[lists[j]!]!++;
  }

  let total = 0;
  let covered = 0;
  for (let e = 0; e < m; e++) {
    total += weights[e]!;
    if (count[e]! > 0) covered += weights[e]!;
  }
  const before = covered;
  const eps = 1e-9 * Math.max(1, total);
  // gain[c]: weight c would newly cover given the current set.
  const gain = new Float64Array(n);
  for (let c = 0; c < n; c++)
    for (let j = offsets[c]!; j < offsets[c + 1]!; j++)
      if (count[lists[j]!] === 0) gain[c]! += weights[lists[j]!]!;
  const bump = (e: number, sign: number) => {
    for (let j = invOffsets[e]!; j < invOffsets[e + 1]!; j++) gain[inv[j]!]! += sign * weights[e]!;
  };

  let swaps = 0;
  const delta = new Float64Array(n);
  const touched: number[] = [];
  while (swaps < maxSwaps) {
    const order: number[] = [];
    for (let c = 0; c < n; c++) if (!inSet[c] && gain[c]! > 0) order.push(c);
    order.sort((a, b) => gain[b]! - gain[a]! || a - b);
    let best: { out: number; in: number; growth: number } | null = null;
    for (const s of [...set].sort((a, b) => a - b)) {
      let loss = 0;
      touched.length = 0;
      for (let j = offsets[s]!; j < offsets[s + 1]!; j++) {
        const e = lists[j]!;
        if (count[e] !== 1) continue;
        const w = weights[e]!;
        loss += w;
        for (let q = invOffsets[e]!; q < invOffsets[e + 1]!; q++) {
          const c = inv[q]!;
          if (inSet[c]) continue;
          if (delta[c] === 0) touched.push(c);
          delta[c]! += w;
        }
      }
      // Best replacement: a candidate that also re-covers part of what s alone covered, or else
      // the best untouched candidate by its plain gain.
      let bestIn = -1;
      let bestValue = -Infinity;
      for (const c of touched) {
        const v = gain[c]! + delta[c]!;
        if (v > bestValue || (v === bestValue && c < bestIn)) {
          bestValue = v;
          bestIn = c;
        }
      }
      for (const c of order) {
        if (delta[c]! > 0) continue;
        if (gain[c]! > bestValue || (gain[c] === bestValue && c < bestIn)) {
          bestValue = gain[c]!;
          bestIn = c;
        }
        break;
      }
      for (const c of touched) delta[c] = 0;
      const growth = bestValue - loss;
      if (bestIn >= 0 && growth > eps && (best === null || growth > best.growth + eps))
        best = { out: s, in: bestIn, growth };
    }
    if (!best) break;
    // Apply: remove `out`, add `in`, keeping counts and gains current.
    for (let j = offsets[best.out]!; j < offsets[best.out + 1]!; j++) {
      const e = lists[j]!;
      if (--count[e]! === 0) {
        covered -= weights[e]!;
        bump(e, +1);
      }
    }
    inSet[best.out] = 0;
    for (let j = offsets[best.in]!; j < offsets[best.in + 1]!; j++) {
      const e = lists[j]!;
      if (count[e]!++ === 0) {
        covered += weights[e]!;
        bump(e, -1);
      }
    }
    inSet[best.in] = 1;
    set[set.indexOf(best.out)] = best.in;
    swaps++;
  }
  return { chosen: set, swaps, before, after: covered };
}
