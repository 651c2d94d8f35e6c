/**
 * The fiber corridor (the area within reach of a route): one capsule footprint per segment, scanned at
 * each row's midline. Checked against the analytic area of a capsule, against a point-to-segment
 * distance test (and Turf's), and on the real sample against an exact vector computation: geodesic
 * capsule polygons, polyclip-ts union ∩ commune, GeographicLib ellipsoidal areas.
 */
import { readFileSync } from 'node:fs';
import { pointToLineDistance } from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { footprintContains } from '../../src/core/coverage/footprints.ts';
import { corridorZone, zoneCoverage } from '../../src/core/coverage/zone_coverage.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { localProjection } from '../../src/core/geometry/local_projection.ts';
import { fiberIndicators } from '../../src/core/infrastructure/fiber_indicators.ts';
import { fiberFromGeoJSON } from '../../src/io/import/fiber.ts';
import { exactCoveredShare, geodesicCapsule, rect } from '../support/reference.ts';
import { loadSample, ROOT } from '../support/sample.ts';

/** A commune that is a lon/lat rectangle of `km` × `km` around (lon, lat). */
function squareCommune(lon: number, lat: number, km: number): Commune {
  const dLat = km / 2 / 110.6;
  const dLon = km / 2 / (111.32 * Math.cos((lat * Math.PI) / 180));
  return {
    id: 'c',
    name: 'c',
    districtId: null,
    districtName: null,
    provinceId: 'p',
    provinceName: 'p',
    population: 1000,
    setting: 'rural',
    geometry: rect(lon - dLon, lat - dLat, lon + dLon, lat + dLat),
  };
}

/** Covered area in m² of a zone inside one commune, from the engine's share. */
function coveredM2(commune: Commune, lines: Position[][], reach: number): number {
  const [share] = zoneCoverage(communeLocator([commune]), corridorZone(lines, reach), DEFAULT_CONFIG, false);
  return share!.areaShare * geodesicArea(commune.geometry) * 1e6;
}

describe('fiber corridor: one capsule', () => {
  const lon0 = 108.2;
  const lat0 = 13.8;
  const commune = squareCommune(lon0, lat0, 12);
  const P = localProjection(lon0, lat0);

  // The commune is scanned in 200 strips of dy ≈ 60 m, each at its midline. Where a capsule's straight
  // side is level (within a strip's height over its length), the midline rule can count it a whole
  // strip early or late: an error of up to dy/2 · L per side, which averages out over many routes.
  const dy = 12_000 / 200;
  const levelSide = (deg: number, L: number) => Math.abs(Math.sin((deg * Math.PI) / 180)) * L < 2 * dy;

  it.each([0, 3, 17, 30, 45, 60, 77, 90, 135, 180])(
    'a 3 km segment at %i° has the area 2rL + πr² (r = 1 km): to 0.5 %, or dy·L when level',
    (deg) => {
      const L = 3000;
      const r = 1000;
      const th = (deg * Math.PI) / 180;
      const a = P.inverse((-L / 2) * Math.cos(th), (-L / 2) * Math.sin(th));
      const b = P.inverse((L / 2) * Math.cos(th), (L / 2) * Math.sin(th));
      const exact = 2 * r * L + Math.PI * r * r;
      const tol = 0.005 * exact + (levelSide(deg, L) ? dy * L : 0);
      expect(Math.abs(coveredM2(commune, [[a, b]], r) - exact)).toBeLessThan(tol);
    },
  );

  it('a zero-length segment is a disc', () => {
    const a = P.inverse(200, -300);
    expect(Math.abs(coveredM2(commune, [[a, a]], 800) / (Math.PI * 800 * 800) - 1)).toBeLessThan(0.005);
  });

  it('a polyline counts the overlap at its bends once', () => {
    // Two perpendicular 3 km legs a–b–c. Each capsule is 2r·L + πr²; they share the disc at b and the
    // r × r square on the inner side of the bend (of which the disc already holds a quarter disc), so
    // the union is 4r·L + πr² − r² + πr²/4.
    const r = 500;
    const a = P.inverse(-3000, 0);
    const b = P.inverse(0, 0);
    const c = P.inverse(0, 3000);
    const legs = 2 * (2 * r * 3000);
    const ends = Math.PI * r * r;
    const innerOverlap = r * r;
    const outerWedge = (Math.PI * r * r) / 4;
    const exact = legs + ends - innerOverlap + outerWedge;
    // The first leg is level (see above).
    expect(Math.abs(coveredM2(commune, [[a, b, c]], r) - exact)).toBeLessThan(0.005 * exact + dy * 3000);
    // Turned by 30°, neither leg is level.
    const turn = (x: number, y: number) => {
      const t = Math.PI / 6;
      return P.inverse(x * Math.cos(t) - y * Math.sin(t), x * Math.sin(t) + y * Math.cos(t));
    };
    const turned = [turn(-3000, 0), turn(0, 0), turn(0, 3000)];
    expect(Math.abs(coveredM2(commune, [turned], r) / exact - 1)).toBeLessThan(0.005);
  });

  it('a point is inside a capsule exactly when it is within reach of the segment (Turf agrees)', () => {
    const a = P.inverse(-1500, -400);
    const b = P.inverse(1800, 900);
    const [capsule] = corridorZone([[a, b]], 700);
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let inside = 0;
    for (let k = 0; k < 2000; k++) {
      const p = P.inverse(-3000 + 6000 * rand(), -2500 + 5000 * rand());
      const d = pointToLineDistance(p, { type: 'LineString', coordinates: [a, b] }, { units: 'meters' });
      // Turf measures on a sphere; skip points within 0.5 % of the rim.
      if (Math.abs(d - 700) < 3.5) continue;
      expect(footprintContains(capsule!, p[0]!, p[1]!)).toBe(d < 700);
      if (d < 700) inside++;
    }
    expect(inside).toBeGreaterThan(200);
  });
});

describe('fiber corridor on the sample (exact vector reference)', () => {
  const { communes } = loadSample();
  const file = 'data/synthetic/fiber.synthetic.geojson';
  const { routes } = fiberFromGeoJSON(JSON.parse(readFileSync(ROOT + file, 'utf8')), file);
  const reach = 1000;
  const blocks = fiberIndicators(
    communes,
    communeLocator(communes),
    routes,
    [],
    undefined,
    DEFAULT_CONFIG,
    reach,
  ).communes;
  const capsules: { ring: Position[]; bbox: number[] }[] = [];
  for (const r of routes) {
    if (r.medium !== 'fiber') continue;
    const lines = r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.coordinates;
    for (const line of lines)
      for (let i = 0; i + 1 < line.length; i++) {
        const ring = geodesicCapsule(line[i]!, line[i + 1]!, reach, 32);
        const xs = ring.map((p) => p[0]!);
        const ys = ring.map((p) => p[1]!);
        capsules.push({ ring, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
      }
  }

  it('area within reach is within 0.25 pp of the exact union on every 8th commune', () => {
    const locator = communeLocator(communes);
    let worst = 0;
    let where = '';
    let n = 0;
    communes.forEach((c, i) => {
      if (i % 8 !== 0) return;
      const b = locator.bboxes[i]!;
      const near = capsules.filter(
        (f) => f.bbox[0]! <= b[2] && f.bbox[2]! >= b[0] && f.bbox[1]! <= b[3] && f.bbox[3]! >= b[1],
      );
      const ref =
        100 *
        exactCoveredShare(
          c.geometry,
          near.map((f) => f.ring),
        );
      const err = Math.abs(blocks[i]!.area_within_reach_pct - ref);
      n++;
      if (err > worst) {
        worst = err;
        where = c.name;
      }
    });
    console.log(`fiber corridor: worst error ${worst.toFixed(3)} pp over ${n} communes (${where})`);
    expect(n).toBeGreaterThan(30);
    expect(worst).toBeLessThan(0.25);
  }, 120_000);
});
