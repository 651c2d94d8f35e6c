import type { CoverProblem } from './greedy_cover.ts';

/**
 * Drops chosen candidates the target doesn't need: in reverse pick order (the last picks gain the
 * least), a candidate is removed when the rest still cover `targetWeight` (existing coverage included).
 * One pass is enough: removing candidates only makes the others' unique contributions larger.
 * Greedy target mode can overshoot with early picks that later ones make redundant; this trims them.
 */
export function pruneRedundant(
  problem: CoverProblem,
  chosen: readonly number[],
  targetWeight: number,
): number[] {
  const { weights, offsets, lists } = problem;
  const count = new Int32Array(weights.length);
  let covered = 0;
  for (let e = 0; e < weights.length; e++) if (problem.covered[e]) count[e] = 1 << 30;
  for (const c of chosen) for (let j = offsets[c]!; j < offsets[c + 1]!; j++) count[lists[j]!]!++;
  for (let e = 0; e < weights.length; e++) if (count[e]! > 0) covered += weights[e]!;
  const eps = 1e-9 * Math.max(1, Math.abs(targetWeight));
  const keep = new Set(chosen);
  for (let i = chosen.length - 1; i >= 0; i--) {
    const c = chosen[i]!;
    let loss = 0;
    for (let j = offsets[c]!; j < offsets[c + 1]!; j++)
      if (count[lists[j]!] === 1) loss += weights[lists[j]!]!;
    if (covered - loss < targetWeight - eps) continue;
    keep.delete(c);
    covered -= loss;
    for (let j = offsets[c]!; j < offsets[c + 1]!; j++) count[lists[j]!]!--;
  }
  return chosen.filter((c) => keep.has(c));
}
