import { type CoverProblem, greedyCover } from './greedy_cover.ts';
import { swapImprove } from './swap_improve.ts';

export interface ImprovedCover {
  /** The best set found (unordered). */
  chosen: number[];
  /** Covered weight (existing included) of the best set. */
  weight: number;
  /** Greedy runs from another forced first site, and swaps made on the winning run. */
  restarts: number;
  swaps: number;
}

/**
 * Greedy restarts for k sites: min(16, ⌊64 / k⌋). Partial enumeration pays most when k is small (the
 * first pick is a large share of the answer); the budget keeps restarts × k, the extra work, bounded.
 */
export function defaultRestarts(k: number): number {
  return Math.min(16, Math.floor(64 / Math.max(1, k)));
}

/**
 * Improves greedy's k sites by local search:
 * 1. restarts: greedy again with each of the `restarts` candidates that cover the most on their own
 *    forced as the first pick (partial enumeration: greedy's first choice is its most myopic one);
 * 2. on greedy's set and each restart's, single swaps until no swap helps (`swapImprove`).
 * The best set wins (ties to the earlier run, plain greedy first). It covers at least what greedy
 * does, so the (1 − 1/e) guarantee stands. Unit costs only.
 */
export function improveCover(
  problem: CoverProblem,
  greedyPicks: readonly number[],
  restarts = defaultRestarts(greedyPicks.length),
): ImprovedCover {
  const k = greedyPicks.length;
  const { offsets, lists, weights, covered } = problem;
  const n = offsets.length - 1;
  const starts: number[][] = [[...greedyPicks]];
  if (k >= 2 && restarts > 0) {
    const alone: { c: number; g: number }[] = [];
    for (let c = 0; c < n; c++) {
      let g = 0;
      for (let j = offsets[c]!; j < offsets[c + 1]!; j++) if (!covered[lists[j]!]) g += weights[lists[j]!]!;
      if (g > 0 && c !== greedyPicks[0]) alone.push({ c, g });
    }
    alone.sort((a, b) => b.g - a.g || a.c - b.c);
    for (const { c } of alone.slice(0, restarts))
      starts.push(greedyCover(problem, { maxPicks: k, first: c }).picks.map((p) => p.candidate));
  }
  const best = swapImprove(problem, starts, k);
  return { chosen: best.chosen, weight: best.after, restarts: starts.length - 1, swaps: best.swaps };
}
