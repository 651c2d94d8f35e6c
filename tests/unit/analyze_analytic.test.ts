import { describe, expect, it } from 'vitest';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { deepFreeze } from '../support/freeze.ts';
import { exactCoveredShare, geodesicCircle, rect } from '../support/reference.ts';

function commune(id: string, w: number, s: number, e: number, n: number, population = 10_000): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: 'D1',
    districtName: 'Huyện Một',
    provinceId: 'P1',
    provinceName: 'Tỉnh Thử',
    population,
    setting: 'rural',
    geometry: rect(w, s, e, n),
  };
}

function site(
  id: string,
  lon: number,
  lat: number,
  tech: Site['technologies'],
  operator = 'Viettel',
  radius_m?: number,
): Site {
  return { id, operator, lon, lat, technologies: tech, ...(radius_m ? { radius_m } : {}) };
}

function fig(result: ReturnType<typeof analyze>, unit: string, technology: string, operator = 'all') {
  const u = result.units.find((x) => x.id === unit)!;
  return u.coverage.find((c) => c.technology === technology && c.operator === operator)!;
}

describe('analytic coverage cases', () => {
  it('a circle wholly inside a commune covers πr²/A of it', () => {
    const c = commune('A', 108.0, 14.0, 108.1, 14.1);
    const input = deepFreeze({ communes: [c], sites: [site('s1', 108.05, 14.05, ['4G'], 'Viettel', 2000)] });
    const r = analyze(input);
    const expected = (100 * Math.PI * 2 ** 2) / geodesicArea(c.geometry);
    expect(fig(r, 'A', '4G').area_pct).toBeCloseTo(expected, 1);
    expect(Math.abs(fig(r, 'A', '4G').area_pct - expected)).toBeLessThan(0.05);
    // uniform population: population share equals area share
    expect(fig(r, 'A', '4G').population_pct).toBeCloseTo(fig(r, 'A', '4G').area_pct, 9);
    expect(fig(r, 'A', '5G').area_pct).toBe(0);
  });

  it('a circle crossing two communes splits its area between them', () => {
    const a = commune('A', 108.0, 14.0, 108.1, 14.1);
    const b = commune('B', 108.1, 14.0, 108.2, 14.1);
    const r = analyze({ communes: [a, b], sites: [site('s1', 108.1, 14.05, ['4G'], 'VNPT', 3000)] });
    const covA = (fig(r, 'A', '4G').area_pct / 100) * geodesicArea(a.geometry);
    const covB = (fig(r, 'B', '4G').area_pct / 100) * geodesicArea(b.geometry);
    expect(covA).toBeCloseTo(covB, 2);
    expect(Math.abs(covA + covB - Math.PI * 9) / (Math.PI * 9)).toBeLessThan(0.002);
    const district = r.units.find((u) => u.level === 'district')!;
    const dFig = district.coverage.find((c) => c.technology === '4G' && c.operator === 'all')!;
    expect(Math.abs((dFig.area_pct / 100) * district.area_km2 - Math.PI * 9)).toBeLessThan(0.03);
  });

  it('overlapping circles count their lens once', () => {
    const c = commune('A', 108.0, 14.0, 108.2, 14.2);
    const r0 = 3000;
    const d = 3000; // centre distance (m)
    const dLon = d / 107_963; // metres per degree of longitude at 14.1° N (approx, refined below)
    const sites = [
      site('s1', 108.1, 14.1, ['4G'], 'Viettel', r0),
      site('s2', 108.1 + dLon, 14.1, ['4G'], 'VNPT', r0),
    ];
    const res = analyze({ communes: [c], sites });
    const ref = exactCoveredShare(
      c.geometry,
      sites.map((s) => geodesicCircle(s.lon, s.lat, r0, 256)),
    );
    expect(Math.abs(fig(res, 'A', '4G').area_pct - 100 * ref)).toBeLessThan(0.02);
    // analytic lens: union = 2πr² − (2r²·acos(d/2r) − (d/2)·√(4r²−d²))
    const lens = 2 * r0 * r0 * Math.acos(d / (2 * r0)) - (d / 2) * Math.sqrt(4 * r0 * r0 - d * d);
    const union = (2 * Math.PI * r0 * r0 - lens) / 1e6;
    const covered = (fig(res, 'A', '4G').area_pct / 100) * geodesicArea(c.geometry);
    expect(Math.abs(covered - union) / union).toBeLessThan(0.01);
    // by operator: each operator has exactly one circle
    const opV = (fig(res, 'A', '4G', 'Viettel').area_pct / 100) * geodesicArea(c.geometry);
    expect(Math.abs(opV - Math.PI * 9) / (Math.PI * 9)).toBeLessThan(0.003);
  });

  it('a commune with no site has 0 % coverage and its whole area is a gap', () => {
    const a = commune('A', 108.0, 14.0, 108.1, 14.1);
    const b = commune('B', 109.0, 14.0, 109.1, 14.1);
    const r = analyze({ communes: [a, b], sites: [site('s1', 108.05, 14.05, ['4G'], 'Viettel', 1000)] });
    for (const t of ['2G', '3G', '4G', '5G', 'any']) expect(fig(r, 'B', t).area_pct).toBe(0);
    const gap = r.units.find((u) => u.id === 'B')!.gaps.find((g) => g.technology === '4G')!;
    expect(gap.area_km2).toBeCloseTo(geodesicArea(b.geometry), 6);
    expect(gap.population).toBeCloseTo(10_000, 6);
    const polys = r.gaps.filter((g) => g.unitId === 'B' && g.technology === '4G');
    expect(polys.length).toBe(1);
    expect(Math.abs(polys[0]!.area_km2 - geodesicArea(b.geometry)) / geodesicArea(b.geometry)).toBeLessThan(
      0.03,
    );
  });

  it('village points weight population coverage', () => {
    const c = commune('A', 108.0, 14.0, 108.1, 14.1, 1000);
    const sites = [site('s1', 108.02, 14.02, ['4G'], 'Viettel', 1000)];
    const populationPoints = [
      { lon: 108.02, lat: 14.02, population: 300 },
      { lon: 108.08, lat: 14.08, population: 700 },
    ];
    const r = analyze({ communes: [c], sites, populationPoints });
    expect(fig(r, 'A', '4G').population_pct).toBeCloseTo(30, 9);
    expect(fig(r, 'A', '4G').covered_population).toBeCloseTo(300, 9);
    expect(r.populationMethod.A).toBe('points');
  });

  it('a site carrying a sector covers only its wedge', () => {
    const c = commune('A', 108.0, 14.0, 108.2, 14.2);
    const s: Site = {
      ...site('s1', 108.1, 14.1, ['4G'], 'Viettel', 3000),
      azimuth_deg: 90,
      beamwidth_deg: 120,
    };
    const r = analyze({ communes: [c], sites: [s] });
    const covered = (fig(r, 'A', '4G').area_pct / 100) * geodesicArea(c.geometry);
    const sector = (Math.PI * 9 * 120) / 360;
    expect(Math.abs(covered - sector) / sector).toBeLessThan(0.01);
  });
});
