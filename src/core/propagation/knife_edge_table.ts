import { knifeEdgeCurve } from './bullington.ts';

/**
 * Bullington's loss as a function of ν, tabulated for the radial sweep: Lbull = Luc + A·(10 + 0.02 d)
 * with Luc = J(ν) and A = 1 − exp(−Luc/6) (ITU-R P.1812 eq. 21), both on a grid of ν from −0.78 (where
 * J starts) to `max` in steps of h = 1/`perUnit`, read by linear interpolation. Linear interpolation is
 * within h²/8 · max|f''| of a function: J'' is −(20/ln 10)·v/(v² + 1)^(3/2) with v = ν − 0.1, at most
 * 3.343 dB at v = 1/√2, and |A''| is at most about 0.75 (found numerically); `errJ` and `errA` are
 * h²/8 times 3.4 and 0.8 (with h = 1/32: 4.2e-4 dB and 9.8e-5), and `knife_edge_table.test.ts` checks
 * them on a dense set of ν. So an interpolated Lbull is within errJ + errA·(10 + 0.02 d) dB of the
 * formula's, at the cost of four loads instead of a log10, a sqrt and an exp.
 */
export interface KnifeEdgeTable {
  perUnit: number;
  /** The table holds ν < max. */
  max: number;
  /** J at −0.78 + i/perUnit (the curve's value, also at i = 0, where J itself starts), dB. */
  j: Float64Array;
  /** 1 − exp(−J/6) at the same ν. */
  a: Float64Array;
  /** Largest interpolation error of `j`, dB, and of `a`. */
  errJ: number;
  errA: number;
}

function build(perUnit: number, max: number): KnifeEdgeTable {
  const n = Math.ceil((max + 0.78) * perUnit) + 1;
  const j = new Float64Array(n + 1);
  const a = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const luc = knifeEdgeCurve(-0.78 + i / perUnit);
    j[i] = luc;
    a[i] = 1 - Math.exp(-luc / 6);
  }
  const h = 1 / perUnit;
  return { perUnit, max, j, a, errJ: ((h * h) / 8) * 3.4, errA: ((h * h) / 8) * 0.8 };
}

/** The sweep's table: ν from −0.78 to 40 in steps of 1/32 (1,308 entries each). */
export const KNIFE_EDGE_TABLE: KnifeEdgeTable = build(32, 40);
