import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { FiberRoute } from '../base/infrastructure.ts';
import type { Commune, EngineConfig, PopulationPoint } from '../base/types.ts';
import { pointSegmentM } from '../coverage/footprints.ts';
import { corridorZone, zoneCoverage } from '../coverage/zone_coverage.ts';
import type { CommuneLocator } from '../geometry/commune_locator.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { pointInRings } from '../geometry/point_in_polygon.ts';

/** The `fiber` block of a unit in report.json. */
export interface FiberBlock {
  /** Reach distance used, metres. */
  reach_m: number;
  /** Route length inside the unit, km (fiber medium only). */
  route_km: number;
  /** Commune centre within reach of a route; null when the commune has no known centre (and for rollups). */
  centre_within_reach: boolean | null;
  communes: number;
  communes_with_centre: number;
  communes_centre_within_reach: number;
  /** Share of population within reach, % (village points when given, else the uniform spread). */
  population_within_reach_pct: number;
  population_within_reach: number;
  /** Share of the area within reach, %. */
  area_within_reach_pct: number;
  villages: number;
  villages_within_reach: number;
  /** null when there are no villages. */
  villages_within_reach_pct: number | null;
}

export interface FiberVillage {
  id: string;
  name?: string;
  lon: number;
  lat: number;
  population: number;
}

type Segment = [number, number, number, number];

function segmentsOf(routes: readonly FiberRoute[]): Segment[] {
  const segs: Segment[] = [];
  for (const r of routes) {
    if (r.medium !== 'fiber') continue;
    const lines = r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.coordinates;
    for (const line of lines) {
      for (let i = 0; i + 1 < line.length; i++)
        segs.push([line[i]![0]!, line[i]![1]!, line[i + 1]![0]!, line[i + 1]![1]!]);
    }
  }
  return segs;
}

/** Length in km of the part of a segment inside a set of rings (split at every edge crossing). */
function clippedLengthKm(s: Segment, rings: Position[][]): number {
  const ts = [0, 1];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x3, y3] = ring[i] as [number, number];
      const [x4, y4] = ring[i + 1] as [number, number];
      const d = (s[2] - s[0]) * (y4 - y3) - (s[3] - s[1]) * (x4 - x3);
      if (d === 0) continue;
      const t = ((x3 - s[0]) * (y4 - y3) - (y3 - s[1]) * (x4 - x3)) / d;
      const u = ((x3 - s[0]) * (s[3] - s[1]) - (y3 - s[1]) * (s[2] - s[0])) / d;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
    }
  }
  ts.sort((a, b) => a - b);
  let km = 0;
  for (let k = 0; k + 1 < ts.length; k++) {
    const t0 = ts[k]!;
    const t1 = ts[k + 1]!;
    if (t1 <= t0) continue;
    const mid = (t0 + t1) / 2;
    const mx = s[0] + (s[2] - s[0]) * mid;
    const my = s[1] + (s[3] - s[1]) * mid;
    if (!pointInRings(mx, my, rings)) continue;
    const lat = my;
    const dx = (s[2] - s[0]) * (t1 - t0) * metresPerDegreeLon(lat);
    const dy = (s[3] - s[1]) * (t1 - t0) * metresPerDegreeLat(lat);
    km += Math.hypot(dx, dy) / 1000;
  }
  return km;
}

/**
 * Fiber indicators per commune: route length clipped to the commune (km), whether the commune centre
 * lies within `reach_m` of a route, and the shares of population, area and villages within reach.
 * Copper routes are not fiber and are left out. Also lists the villages out of reach.
 */
export function fiberIndicators(
  communes: readonly Commune[],
  locator: CommuneLocator,
  routes: readonly FiberRoute[],
  villages: readonly FiberVillage[],
  populationPoints: readonly PopulationPoint[] | undefined,
  cfg: EngineConfig,
  reach_m: number,
): { communes: FiberBlock[]; villagesOutOfReach: { communeIndex: number; village: FiberVillage }[] } {
  const segs = segmentsOf(routes);
  let index: Flatbush | null = null;
  if (segs.length) {
    index = new Flatbush(segs.length);
    for (const s of segs)
      index.add(Math.min(s[0], s[2]), Math.min(s[1], s[3]), Math.max(s[0], s[2]), Math.max(s[1], s[3]));
    index.finish();
  }
  const near = (lon: number, lat: number): boolean => {
    if (!index) return false;
    const dLat = reach_m / metresPerDegreeLat(lat);
    const dLon = reach_m / metresPerDegreeLon(lat);
    return index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat).some((k) => {
      const s = segs[k]!;
      return pointSegmentM(lon, lat, s[0], s[1], s[2], s[3]) <= reach_m;
    });
  };
  const lines = segs.map((s): Position[] => [
    [s[0], s[1]],
    [s[2], s[3]],
  ]);
  const zone = zoneCoverage(locator, corridorZone(lines, reach_m), cfg, false);
  const villagesBy = communes.map(() => [] as FiberVillage[]);
  for (const v of villages) {
    const i = locator.locate(v.lon, v.lat);
    if (i >= 0) villagesBy[i]!.push(v);
  }
  const popBy = communes.map(() => [] as PopulationPoint[]);
  for (const p of populationPoints ?? []) {
    const i = locator.locate(p.lon, p.lat);
    if (i >= 0) popBy[i]!.push(p);
  }
  const villagesOutOfReach: { communeIndex: number; village: FiberVillage }[] = [];
  const blocks = communes.map((c, i) => {
    const bbox = locator.bboxes[i]!;
    const rings = locator.rings[i]!;
    let km = 0;
    if (index) for (const k of index.search(...bbox)) km += clippedLengthKm(segs[k]!, rings);
    const vs = villagesBy[i]!;
    const inReach = vs.filter((v) => near(v.lon, v.lat));
    for (const v of vs) if (!inReach.includes(v)) villagesOutOfReach.push({ communeIndex: i, village: v });
    const pp = popBy[i]!;
    let popShare = zone[i]!.areaShare;
    if (pp.length) {
      const total = pp.reduce((s, p) => s + p.population, 0);
      popShare =
        total > 0 ? pp.filter((p) => near(p.lon, p.lat)).reduce((s, p) => s + p.population, 0) / total : 0;
    }
    const centre = c.center ? near(c.center[0], c.center[1]) : null;
    return {
      reach_m,
      route_km: km,
      centre_within_reach: centre,
      communes: 1,
      communes_with_centre: c.center ? 1 : 0,
      communes_centre_within_reach: centre ? 1 : 0,
      population_within_reach_pct: 100 * popShare,
      population_within_reach: popShare * c.population,
      area_within_reach_pct: 100 * zone[i]!.areaShare,
      villages: vs.length,
      villages_within_reach: inReach.length,
      villages_within_reach_pct: vs.length ? (100 * inReach.length) / vs.length : null,
    };
  });
  return { communes: blocks, villagesOutOfReach };
}

/** Adds commune fiber blocks up to a district or province. */
export function rollupFiber(
  members: readonly FiberBlock[],
  population: number,
  areas: readonly number[],
): FiberBlock {
  const sum = (f: (b: FiberBlock) => number) => members.reduce((s, b) => s + f(b), 0);
  const area = areas.reduce((s, a) => s + a, 0);
  const villages = sum((b) => b.villages);
  const inReach = sum((b) => b.villages_within_reach);
  const popReach = sum((b) => b.population_within_reach);
  return {
    reach_m: members[0]?.reach_m ?? 0,
    route_km: sum((b) => b.route_km),
    centre_within_reach: null,
    communes: sum((b) => b.communes),
    communes_with_centre: sum((b) => b.communes_with_centre),
    communes_centre_within_reach: sum((b) => b.communes_centre_within_reach),
    population_within_reach_pct: population > 0 ? (100 * popReach) / population : 0,
    population_within_reach: popReach,
    area_within_reach_pct:
      area > 0
        ? (100 * members.reduce((s, b, k) => s + (b.area_within_reach_pct / 100) * areas[k]!, 0)) / area
        : 0,
    villages,
    villages_within_reach: inReach,
    villages_within_reach_pct: villages ? (100 * inReach) / villages : null,
  };
}
