import { describe, expect, it } from 'vitest';
import { knifeEdgeLoss } from '../../src/core/propagation/bullington.ts';
import { KNIFE_EDGE_TABLE as T } from '../../src/core/propagation/knife_edge_table.ts';

/** The table read as the sweep reads it, at ν in (−0.78, max). */
function interpolated(nu: number): { j: number; a: number } {
  const x = (nu + 0.78) * T.perUnit;
  const i = x | 0;
  const f = x - i;
  return { j: T.j[i]! + f * (T.j[i + 1]! - T.j[i]!), a: T.a[i]! + f * (T.a[i + 1]! - T.a[i]!) };
}

describe('KNIFE_EDGE_TABLE', () => {
  it('is within errJ of J(ν) and errA of 1 − exp(−J/6) on a dense set of ν (midpoints, ends, random)', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const nus: number[] = [-0.78 + 1e-12, T.max - 1e-9];
    const cells = Math.floor((T.max + 0.78) * T.perUnit);
    for (let i = 0; i < cells; i++) nus.push(-0.78 + (i + 0.5) / T.perUnit);
    for (let t = 0; t < 200_000; t++) nus.push(-0.78 + 1e-12 + rand() * (T.max + 0.78 - 2e-9));
    let worstJ = 0;
    let worstA = 0;
    for (const nu of nus) {
      const { j, a } = interpolated(nu);
      const luc = knifeEdgeLoss(nu);
      worstJ = Math.max(worstJ, Math.abs(j - luc));
      worstA = Math.max(worstA, Math.abs(a - (1 - Math.exp(-luc / 6))));
    }
    expect(worstJ).toBeLessThanOrEqual(T.errJ);
    expect(worstA).toBeLessThanOrEqual(T.errA);
    // The bounds are tight enough to matter: the worst errors are the h²/8·max|f''| of the doc.
    expect(worstJ).toBeGreaterThan(0.5 * T.errJ);
    expect(worstA).toBeGreaterThan(0.5 * T.errA);
  });

  it('starts at J’s own start (0.005 dB just above ν = −0.78), not at the cut-off’s 0', () => {
    expect(T.j[0]).toBeCloseTo(knifeEdgeLoss(-0.78 + 1e-12), 9);
    expect(T.j[0]).toBeGreaterThan(0.004);
    expect(T.j.length).toBeGreaterThan((T.max + 0.78) * T.perUnit);
  });
});
