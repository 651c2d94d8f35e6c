import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bullington, knifeEdgeLoss } from '../../src/core/propagation/bullington.ts';

/** A P.1812 validation profile: distances (km) and heights g = terrain + representative clutter (m). */
function profile(name: string): { d: number[]; g: number[] } {
  const text = readFileSync(new URL(`../fixtures/propagation/p1812_${name}.csv`, import.meta.url), 'utf8');
  const rows = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split(',').map(Number));
  // P.1812-6 §4.3: the diffraction profile is terrain plus clutter at the intermediate points.
  return {
    d: rows.map((r) => r[0]!),
    g: rows.map((r, i) => r[1]! + (i === 0 || i === rows.length - 1 ? 0 : r[2]!)),
  };
}

describe('bullington (ITU-R P.1812 §4.3.1)', () => {
  // eeveetza/p1812 matlab/validation_results/b2iseac_rural_land_10km_1.csv: f = 95.3 MHz, hts = 814.4 m,
  // hrs = 257.3 m, ae = 8930.776786 km (from ΔN = 45), "Lbulla (dB), Eq (21)" = 28.49553647 — the
  // Bullington loss of the actual profile (the delta-Bullington total Ld50 equals it here, Lbulls = 0).
  it('b2iseac_rural_land_10km: Lbulla within 0.1 dB of the published 28.4955 dB', () => {
    const { d, g } = profile('b2iseac_rural_land_10km');
    expect(d).toHaveLength(27);
    const r = bullington(d, g, 814.4, 257.3, 8930.776786, 95.3);
    expect(r.lineOfSight).toBe(false);
    expect(Math.abs(r.loss_db - 28.49553647)).toBeLessThan(0.1);
  });

  // eeveetza/p1812 matlab/validation_results/rburg_urban_with_clutter_4/5/6.csv: 96.2 km, hts = 407 m,
  // hrs = 515 m, ae = 8930.776786 km; Lbulla = 63.31050435 (1 GHz), 68.08713696 (3 GHz), 71.09954145 (6 GHz).
  it('rburg_urban_with_clutter at 1, 3 and 6 GHz within 0.1 dB', () => {
    const { d, g } = profile('rburg_urban_with_clutter');
    expect(d).toHaveLength(963);
    for (const [f, want] of [
      [1000, 63.31050435],
      [3000, 68.08713696],
      [6000, 71.09954145],
    ] as const) {
      const r = bullington(d, g, 407, 515, 8930.776786, f);
      expect(Math.abs(r.loss_db - want), `${f} MHz`).toBeLessThan(0.1);
    }
  });

  it('is 0 on a flat earth with a clear path, and a single knife edge gives J(ν) plus the distance term', () => {
    const d = [0, 1, 2, 3, 4];
    expect(bullington(d, [0, 0, 0, 0, 0], 30, 30, 1e9, 900).loss_db).toBe(0);
    // One edge at mid-path, 20 m above a 10 m line, 900 MHz, 4 km, no curvature (ae huge):
    // ν = 20 √(0.002·4 / (λ·2·2)), λ = 0.299792458/0.9 m.
    const lambda = 299.792458 / 900;
    const nu = 20 * Math.sqrt((0.002 * 4) / (lambda * 4));
    const j = 6.9 + 20 * Math.log10(Math.sqrt((nu - 0.1) ** 2 + 1) + nu - 0.1);
    const r = bullington(d, [0, 0, 30, 0, 0], 10, 10, 1e12, 900);
    expect(r.nu).toBeCloseTo(nu, 6);
    expect(r.loss_db).toBeCloseTo(j + (1 - Math.exp(-j / 6)) * (10 + 0.02 * 4), 6);
  });

  it('J(ν) is 0 at and below −0.78 and 6.0 dB near ν = 0', () => {
    expect(knifeEdgeLoss(-0.78)).toBe(0);
    expect(knifeEdgeLoss(-2)).toBe(0);
    expect(knifeEdgeLoss(0)).toBeCloseTo(6.9 + 20 * Math.log10(Math.sqrt(1.01) - 0.1), 9);
  });
});
