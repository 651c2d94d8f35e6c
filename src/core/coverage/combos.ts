import { ALL_OPERATORS, type OperatorKey, TECHNOLOGIES, type TechnologyKey } from '../base/types.ts';
import type { PairLayout } from './footprints.ts';

/** One reported (technology, operator) combination and the mask bits that count as covered for it. */
export interface Combo {
  technology: TechnologyKey;
  operator: OperatorKey;
  mask: number;
}

/**
 * Every combination the report carries: each of 2G/3G/4G/5G and "any", crossed with each operator
 * and "all" (any operator). A technology absent from the data has mask 0 (never covered).
 */
export function reportCombos(layout: PairLayout): Combo[] {
  const techs: TechnologyKey[] = [...TECHNOLOGIES, 'any'];
  const ops: OperatorKey[] = [ALL_OPERATORS, ...layout.operators];
  const combos: Combo[] = [];
  for (const technology of techs) {
    for (const operator of ops) {
      let mask = 0;
      for (const t of layout.technologies) {
        if (technology !== 'any' && t !== technology) continue;
        for (const o of layout.operators) {
          if (operator !== ALL_OPERATORS && o !== operator) continue;
          mask |= 1 << layout.pairOf(t, o);
        }
      }
      combos.push({ technology, operator, mask });
    }
  }
  return combos;
}

/** Sum of the values whose mask shares a bit with `comboMask`. */
export function coveredSum(byMask: ReadonlyMap<number, number>, comboMask: number): number {
  let s = 0;
  for (const [m, v] of byMask) if ((m & comboMask) !== 0) s += v;
  return s;
}
