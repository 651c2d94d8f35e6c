import { readFileSync } from 'node:fs';
import { bearing as turfBearing, distance as turfDistance } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { FiberRoute, PostalPoint } from '../../src/core/base/infrastructure.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { averageServiceRadius, pointsNeeded } from '../../src/core/infrastructure/postal_indicators.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { parsePostalType } from '../../src/io/import/postal.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';
import { deepFreeze } from '../support/freeze.ts';
import { exactCoveredShare, geodesicCircle, rect } from '../support/reference.ts';
import { loadSample, ROOT } from '../support/sample.ts';

/** A square commune of about `km` × `km` centred at (lon, lat). */
function square(id: string, lon: number, lat: number, km: number, extra: Partial<Commune> = {}): Commune {
  const dLat = km / 2 / 110.6;
  const dLon = km / 2 / (111.32 * Math.cos((lat * Math.PI) / 180));
  return {
    id,
    name: `Xã ${id}`,
    districtId: 'D',
    districtName: 'Huyện D',
    provinceId: 'P',
    provinceName: 'Tỉnh P',
    population: 20_000,
    setting: 'rural',
    geometry: rect(lon - dLon, lat - dLat, lon + dLon, lat + dLat),
    center: [lon, lat],
    ...extra,
  };
}

const pt = (
  id: string,
  lon: number,
  lat: number,
  type: PostalPoint['type'],
  staffed = true,
): PostalPoint => ({
  id,
  lon,
  lat,
  type,
  staffed,
  internet: true,
  online_public_services: id.endsWith('o'),
});

describe('average service radius', () => {
  it('reproduces the ministry’s national figures (S = 330,967 km²)', () => {
    expect(averageServiceRadius(330_967, 18_502)!.toFixed(2)).toBe('2.39');
    expect(averageServiceRadius(330_967, 17_976)!.toFixed(2)).toBe('2.42');
    expect(averageServiceRadius(100, 0)).toBeNull();
  });
  it('points needed is ⌈S/(π·3²)⌉ − N, never below 0', () => {
    expect(pointsNeeded(330_967, 18_502, 3)).toBe(0); // R̄ = 2.39 km already meets 3 km
    expect(pointsNeeded(330_967, 10_000, 3)).toBe(Math.ceil(330_967 / (Math.PI * 9)) - 10_000);
    expect(pointsNeeded(28.27, 1, 3)).toBe(0); // π·3² ≈ 28.27 km²: one point is enough
    expect(pointsNeeded(100, 0, 3)).toBe(4);
  });
  it('a square commune with N points has R̄ = √(S/(πN)), P̄ = P/N', () => {
    const c = square('A', 108, 14, 20);
    const S = geodesicArea(c.geometry);
    const postal = [
      pt('a', 108, 14, 'cultural_post_point'),
      pt('b', 108.02, 14.02, 'agent'),
      pt('c', 108.03, 14, 'kiosk', false),
    ];
    const r = runAnalysis(deepFreeze({ communes: [c], sites: [], postal }), { gapPolygons: false });
    const p = r.units[0]!.postal!;
    expect(p.points).toBe(3);
    expect(p.avg_service_radius_km).toBeCloseTo(Math.sqrt(S / (Math.PI * 3)), 9);
    expect(p.population_per_point).toBeCloseTo(20_000 / 3, 9);
    expect(p.points_needed_3km).toBe(Math.ceil(S / (Math.PI * 9)) - 3);
    expect(p.staffed_points).toBe(2);
    // counting rule: without kiosks N = 2
    const r2 = runAnalysis(
      { communes: [c], sites: [], postal },
      { gapPolygons: false, postal: { countingRule: ['cultural_post_point', 'agent'] } },
    );
    expect(r2.units[0]!.postal!.points).toBe(2);
    expect(r2.units[0]!.postal!.counting_rule).toEqual(['cultural_post_point', 'agent']);
  });
  it('a commune with no point has no radius and is flagged', () => {
    const a = square('A', 108, 14, 10);
    const b = square('B', 108.2, 14, 10);
    const r = runAnalysis(
      { communes: [a, b], sites: [], postal: [pt('a', 108, 14, 'post_office_2')] },
      { gapPolygons: false },
    );
    expect(r.units[1]!.postal!.avg_service_radius_km).toBeNull();
    expect(r.units[1]!.postal!.population_per_point).toBeNull();
    expect(r.communesWithoutStaffedPoint.map((c) => c.id)).toEqual(['B']);
    expect(r.communesWithoutCulturalPoint.map((c) => c.id)).toEqual(['A', 'B']);
    const district = r.units.find((u) => u.level === 'district')!.postal!;
    expect(district.communes_with_staffed_point).toBe(1);
    expect(district.avg_service_radius_km).toBeCloseTo(Math.sqrt(district.area_km2 / Math.PI), 9);
  });
});

describe('distance view', () => {
  it('one staffed point at the centre of a 20 km square leaves 1 − 9π/S beyond 3 km', () => {
    const c = square('A', 108, 14, 20);
    const S = geodesicArea(c.geometry);
    const r = runAnalysis({
      communes: [c],
      sites: [],
      postal: [pt('a', 108, 14, 'agent'), pt('b', 108.05, 14.05, 'kiosk', false)],
    });
    const p = r.units[0]!.postal!;
    const ref = 100 * (1 - exactCoveredShare(c.geometry, [geodesicCircle(108, 14, 3000, 256)]));
    expect(Math.abs(p.beyond_distance_area_pct - ref)).toBeLessThan(0.05);
    expect(Math.abs(p.beyond_distance_area_pct - 100 * (1 - (9 * Math.PI) / S))).toBeLessThan(0.05);
    expect(p.beyond_distance_population).toBeCloseTo((p.beyond_distance_area_pct / 100) * 20_000, 6);
    // the beyond polygon is the square minus the disc: one polygon with one hole
    expect(r.postalBeyondPolygons).toHaveLength(1);
    expect(r.postalBeyondPolygons[0]!.geometry.coordinates).toHaveLength(2);
  });
  it('with village points the population share counts the villages beyond 3 km', () => {
    const c = square('A', 108, 14, 20);
    const populationPoints = [
      { lon: 108.001, lat: 14, population: 600 },
      { lon: 108.08, lat: 14.08, population: 400 },
    ];
    const r = runAnalysis(
      { communes: [c], sites: [], populationPoints, postal: [pt('a', 108, 14, 'agent')] },
      { gapPolygons: false },
    );
    expect(r.units[0]!.postal!.beyond_distance_population_pct).toBeCloseTo(40, 9);
  });
});

describe('tier standards (urban communes only)', () => {
  it('evaluates agents and post offices against 1 km / 2,000 and 0.5 km / 1,000', () => {
    const c = square('W', 108, 14, 2, { setting: 'urban', population: 3000 });
    const S = geodesicArea(c.geometry);
    const postal = [
      pt('a', 108, 14, 'agent'),
      pt('b', 108.001, 14, 'agent'),
      pt('c', 108.002, 14, 'post_office_2'),
    ];
    const r = runAnalysis({ communes: [c], sites: [], postal }, { gapPolygons: false });
    const t = r.units[0]!.postal!.tier_standards!;
    expect(t.agents_and_cultural.avg_service_radius_km).toBeCloseTo(Math.sqrt(S / (2 * Math.PI)), 9);
    expect(t.agents_and_cultural.meets_radius).toBe(true); // √(4/2π) ≈ 0.80 km
    expect(t.agents_and_cultural.meets_population).toBe(true); // 1,500 per point
    expect(t.post_offices.meets_radius).toBe(false); // √(4/π) ≈ 1.13 km
    expect(t.post_offices.meets_population).toBe(false); // 3,000 per point
  });
});

describe('fiber', () => {
  it('a route crossing two communes splits its length between them', () => {
    const a = square('A', 108, 14, 10);
    const b = square('B', 108 + 10 / (111.32 * Math.cos((14 * Math.PI) / 180)), 14, 10);
    const route: FiberRoute = {
      id: 'r',
      operator: 'VNPT',
      medium: 'fiber',
      placement: 'aerial',
      year: 2020,
      geometry: {
        type: 'LineString',
        coordinates: [
          [107.98, 14],
          [108.12, 14],
        ],
      },
    };
    const r = runAnalysis({ communes: [a, b], sites: [], fiber: [route] }, { gapPolygons: false });
    const kmA = r.units[0]!.fiber!.route_km;
    const kmB = r.units[1]!.fiber!.route_km;
    const east = (a.geometry as Polygon).coordinates[0]![1]![0]!;
    const edge = (east - 107.98) * 111.32 * Math.cos((14 * Math.PI) / 180);
    expect(kmA).toBeCloseTo(edge, 1);
    const total = 0.14 * 111.32 * Math.cos((14 * Math.PI) / 180);
    const inB = Math.min(0.14 * 111.32 * Math.cos((14 * Math.PI) / 180) - edge, 10);
    expect(kmB).toBeCloseTo(inB, 1);
    expect(kmA + kmB).toBeLessThanOrEqual(total * 1.002);
    expect(r.units[0]!.fiber!.centre_within_reach).toBe(true);
    // within 1 km of the line inside A: a 2 km band along its `edge` km, plus a half disc at its start
    const band = 2 * edge + Math.PI / 2;
    expect(r.units[0]!.fiber!.area_within_reach_pct).toBeCloseTo((100 * band) / geodesicArea(a.geometry), 0);
  });
  it('copper is not fiber; reach is configurable', () => {
    const a = square('A', 108, 14, 10);
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [107.9, 14.02],
        [108.1, 14.02],
      ],
    };
    const copper: FiberRoute = {
      id: 'c',
      operator: 'X',
      medium: 'copper',
      placement: null,
      year: null,
      geometry: line,
    };
    const r = runAnalysis({ communes: [a], sites: [], fiber: [copper] }, { gapPolygons: false });
    expect(r.units[0]!.fiber!.route_km).toBe(0);
    const fiber: FiberRoute = { ...copper, medium: 'fiber' };
    // the centre is ~2.2 km from the line: out of reach at 1 km, within at 3 km
    expect(
      runAnalysis({ communes: [a], sites: [], fiber: [fiber] }, { gapPolygons: false }).units[0]!.fiber!
        .centre_within_reach,
    ).toBe(false);
    expect(
      runAnalysis({ communes: [a], sites: [], fiber: [fiber] }, { gapPolygons: false, fiberReachM: 3000 })
        .units[0]!.fiber!.centre_within_reach,
    ).toBe(true);
  });
});

describe('villages', () => {
  it('counts covered grid-powered villages and lists dead zones with the nearest 4G site', () => {
    const c = square('A', 108, 14, 20);
    const sites = [
      { id: 's', operator: 'VNPT', lon: 108, lat: 14, technologies: ['4G' as const], radius_m: 2000 },
    ];
    const villages = [
      { id: 'v1', lon: 108.005, lat: 14, population: 100, hasGridPower: true },
      { id: 'v2', lon: 108.05, lat: 14, population: 200, hasGridPower: true },
      { id: 'v3', lon: 108.06, lat: 14.06, population: 50, hasGridPower: false },
    ];
    const r = runAnalysis({ communes: [c], sites, villages }, { gapPolygons: false });
    const v = r.units[0]!.villages;
    const g4 = v.covered.find((x) => x.technology === '4G')!;
    expect([v.villages, v.grid_powered, g4.grid_powered_covered, g4.grid_powered_covered_pct]).toEqual([
      3, 2, 1, 50,
    ]);
    expect(r.deadZoneVillages.map((d) => d.village_id)).toEqual(['v2', 'v3']);
    const d2 = r.deadZoneVillages[0]!;
    expect(d2.nearest_4g_site_km).toBeCloseTo(0.05 * 111.32 * Math.cos((14 * Math.PI) / 180), 1);
    expect(v.commune_centres_covered).toBe(1);
  });
});

describe('a village behind a sector', () => {
  it('is a dead zone 0.5 km from the site, with the site id and the bearing from the site to it', () => {
    const c = square('A', 108, 14, 20);
    // A 4G sector facing east (azimuth 90°, 60° beam, 3 km); the village is 0.5 km due west of it.
    const sites = [
      {
        id: 'S-EAST',
        operator: 'VNPT',
        lon: 108,
        lat: 14,
        technologies: ['4G' as const],
        radius_m: 3000,
        azimuth_deg: 90,
        beamwidth_deg: 60,
      },
    ];
    // 0.5 km west: 0.5 / (111.32 · cos 14°) degrees of longitude (spherical approximation).
    const dLon = 0.5 / (111.32 * Math.cos((14 * Math.PI) / 180));
    const villages = [
      { id: 'behind', lon: 108 - dLon, lat: 14, population: 80, hasGridPower: true },
      { id: 'front', lon: 108 + dLon, lat: 14, population: 90, hasGridPower: true },
    ];
    const r = runAnalysis({ communes: [c], sites, villages }, { gapPolygons: false });
    expect(r.deadZoneVillages.map((d) => d.village_id)).toEqual(['behind']);
    const d = r.deadZoneVillages[0]!;
    expect(d.nearest_4g_site_id).toBe('S-EAST');
    expect(d.nearest_4g_site_km).toBeCloseTo(0.5, 2);
    // Due west of the site: bearing 270° (Turf's bearing agrees: −90° ≡ 270°).
    const turf = (turfBearing([108, 14], [108 - dLon, 14]) + 360) % 360;
    expect(d.nearest_4g_bearing_deg).toBeCloseTo(270, 1);
    expect(d.nearest_4g_bearing_deg).toBeCloseTo(turf, 1);
  });
});

describe('dead-zone villages on the sample', () => {
  it('each one’s distance to the nearest 4G site equals a brute-force Turf search over every 4G site', () => {
    const { communes, sites } = loadSample();
    const file = 'data/synthetic/villages.synthetic.geojson';
    const { villages } = villagesFromGeoJSON(readFileSync(ROOT + file, 'utf8'), file);
    const r = runAnalysis({ communes, sites, villages }, { gapPolygons: false });
    expect(r.deadZoneVillages.length).toBeGreaterThan(50);
    const sites4g = sites.filter((s) => s.technologies.includes('4G'));
    const byId = new Map(villages.map((v) => [v.id, v]));
    for (const d of r.deadZoneVillages) {
      const v = byId.get(d.village_id)!;
      const nearest = Math.min(
        ...sites4g.map((s) => turfDistance([v.lon, v.lat], [s.lon, s.lat], { units: 'kilometers' })),
      );
      // Turf's sphere against the engine's ellipsoid: within 0.5 % (and 10 m).
      expect(Math.abs(d.nearest_4g_site_km! - nearest)).toBeLessThan(0.005 * nearest + 0.01);
    }
  });
});

describe('postal type spellings', () => {
  it.each([
    ['bưu cục', 'post_office'],
    ['Bưu cục cấp II', 'post_office_2'],
    ['post_office_3', 'post_office_3'],
    ['điểm BĐVHX', 'cultural_post_point'],
    ['Bưu điện văn hóa xã', 'cultural_post_point'],
    ['đại lý', 'agent'],
    ['ki ốt', 'kiosk'],
    ['kiosk', 'kiosk'],
  ])('%s → %s', (raw, t) => expect(parsePostalType(raw)).toBe(t));
  it('rejects unknown types', () => expect(parsePostalType('cửa hàng')).toBeNull());
});
