/**
 * Populated-area coverage (khu vực có dân cư, issue 16): analytic cases, a settlement against an
 * independent Turf overlay, the rollup weighted by populated area, and the precedence of the methods.
 */
import {
  featureCollection,
  polygon,
  area as turfArea,
  circle as turfCircle,
  intersect as turfIntersect,
} from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Commune, PopulationPoint, Site } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { rect } from '../support/reference.ts';

function commune(id: string, w: number, s: number, e: number, n: number, district = 'D1'): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: district,
    districtName: 'Huyện Một',
    provinceId: 'P1',
    provinceName: 'Tỉnh Thử',
    population: 10_000,
    setting: 'rural',
    geometry: rect(w, s, e, n),
  };
}

const site = (id: string, lon: number, lat: number, radius_m: number): Site => ({
  id,
  operator: 'Viettel',
  lon,
  lat,
  technologies: ['4G'],
  radius_m,
});

function unit(r: ReturnType<typeof analyze>, id: string) {
  return r.units.find((u) => u.id === id)!;
}
function fig(r: ReturnType<typeof analyze>, id: string, technology = '4G') {
  return unit(r, id).coverage.find((c) => c.technology === technology && c.operator === 'all')!;
}

describe('populated-area coverage', () => {
  it('one covered village disc and one uncovered give 50 %', () => {
    const c = commune('A', 108.0, 14.0, 108.2, 14.1);
    // Two villages 15 km apart; a 3 km circle around the first covers its 500 m disc whole.
    const villages = [
      { lon: 108.03, lat: 14.05 },
      { lon: 108.17, lat: 14.05 },
    ];
    const r = analyze(
      { communes: [c], sites: [site('s1', 108.03, 14.05, 3000)], populatedLayers: { villages } },
      { populatedVillageRadiusM: 500 },
    );
    expect(fig(r, 'A').populated_area_pct).toBeCloseTo(50, 1);
    expect(unit(r, 'A').populated_area_method).toBe('villages');
    // Two discs of 500 m: 2·π·0.5² km².
    expect(unit(r, 'A').populated_area_km2!).toBeCloseTo(2 * Math.PI * 0.25, 2);
    // No 5G anywhere: 0 %, not null (the populated area is known).
    expect(fig(r, 'A', '5G').populated_area_pct).toBe(0);
  });

  it('a settlement half inside a circle footprint gives the overlay ratio computed by Turf', () => {
    // A commune 11 km tall: strips of 55 m.
    const c = commune('A', 108.05, 14.05, 108.15, 14.15);
    // A 1.1 km square centred on the circle's east edge: about half of it is inside the circle.
    const w = 108.1;
    const radius = 1500;
    const cx = w + radius / (111_320 * Math.cos((14.1045 * Math.PI) / 180));
    const settlement = rect(cx - 0.005, 14.0995, cx + 0.005, 14.1095);
    const r = analyze({
      communes: [c],
      sites: [site('s1', w, 14.1045, radius)],
      populatedLayers: { settlements: [settlement] },
    });
    const disc = turfCircle([w, 14.1045], radius / 1000, { steps: 720, units: 'kilometers' });
    const inter = turfIntersect(featureCollection([polygon(settlement.coordinates), disc]))!;
    const expected = (100 * turfArea(inter)) / turfArea(polygon(settlement.coordinates));
    expect(expected).toBeGreaterThan(40);
    expect(expected).toBeLessThan(60);
    expect(Math.abs(fig(r, 'A').populated_area_pct! - expected)).toBeLessThan(0.5);
    expect(unit(r, 'A').populated_area_method).toBe('settlements');
    expect(
      Math.abs(unit(r, 'A').populated_area_km2! - turfArea(polygon(settlement.coordinates)) / 1e6),
    ).toBeLessThan(0.01 * (turfArea(polygon(settlement.coordinates)) / 1e6));
  });

  it('the district weights its communes by populated area, not a mean of percentages', () => {
    const a = commune('A', 108.0, 14.0, 108.1, 14.1);
    const b = commune('B', 108.1, 14.0, 108.2, 14.1);
    // A: one village, covered. B: three villages, none covered.
    const villages = [
      { lon: 108.05, lat: 14.05 },
      { lon: 108.13, lat: 14.03 },
      { lon: 108.15, lat: 14.07 },
      { lon: 108.17, lat: 14.03 },
    ];
    const r = analyze({
      communes: [a, b],
      sites: [site('s1', 108.05, 14.05, 2000)],
      populatedLayers: { villages },
    });
    expect(fig(r, 'A').populated_area_pct).toBeCloseTo(100, 1);
    expect(fig(r, 'B').populated_area_pct).toBe(0);
    const d = unit(r, 'D1');
    expect(d.populated_area_method).toBe('villages');
    // 1 covered disc of 4 equal discs: 25 % (a mean of the two percentages would say 50 %).
    expect(
      d.coverage.find((x) => x.technology === '4G' && x.operator === 'all')!.populated_area_pct,
    ).toBeCloseTo(25, 1);
    expect(d.populated_area_km2!).toBeCloseTo(4 * Math.PI * 0.25, 2);
  });

  it('settlements win over raster cells, which win over villages, per commune; none gives null', () => {
    const a = commune('A', 108.0, 14.0, 108.1, 14.1);
    const b = commune('B', 108.1, 14.0, 108.2, 14.1);
    const cc = commune('C', 108.2, 14.0, 108.3, 14.1);
    const dd = commune('D', 108.3, 14.0, 108.4, 14.1);
    const cell = (lon: number, lat: number): PopulationPoint => ({
      lon,
      lat,
      population: 50,
      cell: [0.01, 0.01],
    });
    const r = analyze({
      communes: [a, b, cc, dd],
      sites: [site('s1', 108.15, 14.05, 2000)],
      populationPoints: [cell(108.055, 14.055), cell(108.155, 14.055)],
      populatedLayers: {
        settlements: [rect(108.02, 14.02, 108.03, 14.03)],
        populationPoints: [cell(108.055, 14.055), cell(108.155, 14.055)],
        villages: [
          { lon: 108.25, lat: 14.05 },
          { lon: 108.15, lat: 14.02 },
        ],
      },
    });
    expect(unit(r, 'A').populated_area_method).toBe('settlements');
    expect(unit(r, 'B').populated_area_method).toBe('raster');
    expect(unit(r, 'C').populated_area_method).toBe('villages');
    expect(unit(r, 'D').populated_area_method).toBeNull();
    expect(fig(r, 'D').populated_area_pct).toBeNull();
    // B's one raster cell (0.01° square, ≈ 1.08 × 1.11 km) lies inside the 2 km circle: all covered.
    expect(fig(r, 'B').populated_area_pct).toBeCloseTo(100, 1);
    const cellKm2 = turfArea(polygon(rect(108.15, 14.05, 108.16, 14.06).coordinates)) / 1e6;
    expect(Math.abs(unit(r, 'B').populated_area_km2! - cellKm2) / cellKm2).toBeLessThan(0.005);
    expect(unit(r, 'D1').populated_area_method).toBe('mixed');
  });
});
