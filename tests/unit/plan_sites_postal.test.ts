import { describe, expect, it } from 'vitest';
import type { Commune } from '../../src/core/base/types.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../src/core/geometry/local_projection.ts';
import { suggestPostalPoints } from '../../src/core/planning/suggest_postal_points.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';

function commune(id: string, w: number, s: number, e: number, n: number, population = 20_000): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: null,
    districtName: null,
    provinceId: 'P',
    provinceName: 'Tỉnh Thử',
    population,
    setting: 'rural',
    geometry: rect(w, s, e, n),
    center: [(w + e) / 2, (s + n) / 2],
  };
}

describe('suggestPostalPoints', () => {
  // ≈ 21.6 × 22.1 km ≈ 478 km²: R̄ ≤ 3 km needs ⌈478 / (9π)⌉ = 17 points.
  const big = commune('BIG', 108.0, 14.0, 108.2, 14.2);

  it('a commune without points gets ⌈S/(π·R*²)⌉ points, R̄ ≤ 3 km and nobody left farther than 3 km', () => {
    const plan = suggestPostalPoints(deepFreeze({ communes: [big], points: [] }));
    const c = plan.communes[0]!;
    const S = geodesicArea(big.geometry);
    const required = Math.ceil(S / (Math.PI * 9));
    expect(c.area_km2).toBeCloseTo(S, 9);
    expect(c.radius_before_km).toBeNull();
    expect(c.needed_for_radius).toBe(required);
    expect(c.suggestions.length).toBeGreaterThanOrEqual(required);
    expect(c.radius_after_km!).toBeLessThanOrEqual(3);
    expect(c.far_population_before).toBeCloseTo(20_000, 6);
    expect(c.far_population_after).toBeCloseTo(0, 6);
    expect(plan.totals.population_gained).toBeCloseTo(20_000, 6);
    // Greedy gains only fall, and every suggested point is within the commune's people.
    const gains = c.suggestions.filter((s) => s.reason === 'distance').map((s) => s.gained_population);
    for (let i = 1; i < gains.length; i++) expect(gains[i]!).toBeLessThanOrEqual(gains[i - 1]! + 1e-9);
    expect(plan.totals.communes_without_staffed_point_before).toBe(1);
  });

  it('R̄ = √(S/(π·N)) for the existing points, and a small well-served commune needs nothing', () => {
    const small = commune('S', 108.0, 14.0, 108.03, 14.03, 3000); // ≈ 10.7 km²
    const points = [{ lon: 108.015, lat: 14.015, staffed: true, type: 'cultural_post_point' as const }];
    const plan = suggestPostalPoints({ communes: [small], points });
    const c = plan.communes[0]!;
    expect(c.radius_before_km).toBeCloseTo(Math.sqrt(geodesicArea(small.geometry) / Math.PI), 9);
    expect(c.needed_for_radius).toBe(1 - 1); // ⌈10.7/28.3⌉ − 1 = 0
    expect(c.far_population_before).toBe(0);
    expect(c.suggestions).toEqual([]);
  });

  it('the counting rule decides N: kiosks count for R̄ only when the rule includes them', () => {
    const small = commune('S', 108.0, 14.0, 108.03, 14.03, 3000);
    const points = [
      { lon: 108.01, lat: 14.01, staffed: false, type: 'kiosk' as const },
      { lon: 108.02, lat: 14.02, staffed: true, type: 'post_office_3' as const },
    ];
    const all = suggestPostalPoints({ communes: [small], points });
    expect(all.countingRule).toEqual(['post_office', 'cultural_post_point', 'agent', 'kiosk']);
    expect(all.communes[0]!.points_before).toBe(2);
    const offices = suggestPostalPoints({ communes: [small], points }, { countingRule: ['post_office'] });
    expect(offices.communes[0]!.points_before).toBe(1);
  });

  it('only staffed points serve the distance view; a commune without one gets one (P2)', () => {
    const small = commune('S', 108.0, 14.0, 108.03, 14.03, 3000);
    const plan = suggestPostalPoints({
      communes: [small],
      points: [{ lon: 108.015, lat: 14.015, staffed: false, type: 'kiosk' }],
    });
    const c = plan.communes[0]!;
    expect(c.staffed_before).toBe(0);
    expect(c.far_population_before).toBeGreaterThan(0); // the kiosk does not count
    expect(c.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(c.far_population_after).toBeCloseTo(0, 6);
  });

  it('every person is within 3 km of a staffed point afterwards (brute-force check)', () => {
    const villages = [];
    for (let i = 0; i < 40; i++)
      villages.push({
        id: `v${i}`,
        lon: 108.005 + (i % 8) * 0.027,
        lat: 14.005 + Math.floor(i / 8) * 0.045,
        population: 500,
        hasGridPower: true,
      });
    const withVillages = suggestPostalPoints({ communes: [big], points: [], villages });
    for (const v of villages) {
      const near = withVillages.communes[0]!.suggestions.some((s) => {
        const m = (s.lat + v.lat) / 2;
        return (
          Math.hypot((s.lon - v.lon) * metresPerDegreeLon(m), (s.lat - v.lat) * metresPerDegreeLat(m)) <= 3000
        );
      });
      expect(near).toBe(true);
    }
  });

  it('a minimum gain stops distance placement early, leaving the rest reported', () => {
    const plan = suggestPostalPoints({ communes: [big], points: [] }, { minGainPeople: 1500 });
    const c = plan.communes[0]!;
    expect(
      c.suggestions.filter((s) => s.reason === 'distance').every((s) => s.gained_population >= 1500),
    ).toBe(true);
    expect(c.radius_after_km!).toBeLessThanOrEqual(3);
  });
});
