import type { Polygon } from 'geojson';
import {
  POSTAL_CATEGORIES,
  type PostalCategory,
  type PostalPoint,
  type PostalType,
  postalCategory,
} from '../base/infrastructure.ts';
import type { Commune, EngineConfig, PopulationPoint } from '../base/types.ts';
import { localDistanceM } from '../coverage/probe_coverage.ts';
import { discZone, zoneCoverage } from '../coverage/zone_coverage.ts';
import type { CommuneLocator } from '../geometry/commune_locator.ts';
import { geodesicArea } from '../geometry/geodesic_area.ts';

export interface PostalOptions {
  /** Which categories count as public postal service points for N. Default: all four. */
  countingRule: PostalCategory[];
  /** Target average service radius R* (km). */
  targetRadiusKm: number;
  /** Straight-line distance for the distance view (km). */
  distanceKm: number;
}

export const DEFAULT_POSTAL_OPTIONS: PostalOptions = {
  countingRule: [...POSTAL_CATEGORIES],
  targetRadiusKm: 3,
  distanceKm: 3,
};

/** A tier standard of the Đắk Nông plan (002:306), evaluated on urban / centre communes. */
export interface TierStandard {
  categories: PostalCategory[];
  points: number;
  avg_service_radius_km: number | null;
  population_per_point: number | null;
  max_radius_km: number;
  max_population_per_point: number;
  meets_radius: boolean;
  meets_population: boolean;
}

/** The `postal` block of a unit in report.json. */
export interface PostalBlock {
  counting_rule: PostalCategory[];
  /** N: points of the counted categories. */
  points: number;
  points_by_type: Record<PostalType, number>;
  staffed_points: number;
  points_with_internet: number;
  staffed_points_with_internet: number;
  points_with_online_public_services: number;
  /** Staffed points with Internet ÷ staffed points × 100 (null without staffed points). */
  staffed_with_internet_pct: number | null;
  /** Counted points able to help with online public services ÷ N × 100 (null when N = 0). */
  online_services_pct: number | null;
  /** R̄ = √(S / (π·N)) in km; null when N = 0. */
  avg_service_radius_km: number | null;
  /** P̄ = population / N; null when N = 0. */
  population_per_point: number | null;
  /** ⌈S / (π·R*²)⌉ − N, never below 0. */
  points_needed_3km: number;
  area_km2: number;
  /** Share of area farther than `distanceKm` in a straight line from the nearest staffed point. */
  beyond_distance_area_pct: number;
  beyond_distance_population_pct: number;
  beyond_distance_population: number;
  communes: number;
  communes_with_staffed_point: number;
  communes_with_cultural_point: number;
  /** P5/P6 tier standards; only for urban (phường, thị trấn) communes, null elsewhere and for rollups. */
  tier_standards: { agents_and_cultural: TierStandard; post_offices: TierStandard } | null;
}

export interface PostalResult {
  /** One block per commune, in input order. */
  communes: PostalBlock[];
  /** Areas farther than the distance from any staffed point, per commune. */
  beyondPolygons: { unitId: string; geometry: Polygon }[];
}

const emptyByType = (): Record<PostalType, number> => ({
  post_office: 0,
  post_office_1: 0,
  post_office_2: 0,
  post_office_3: 0,
  cultural_post_point: 0,
  agent: 0,
  kiosk: 0,
});

/** R̄ = √(S/(π·N)) in km, or null when N = 0. */
export function averageServiceRadius(areaKm2: number, n: number): number | null {
  return n > 0 ? Math.sqrt(areaKm2 / (Math.PI * n)) : null;
}

/** Points needed to bring R̄ to at most R* km: ⌈S/(π·R*²)⌉ − N, never below 0. */
export function pointsNeeded(areaKm2: number, n: number, targetKm: number): number {
  return Math.max(0, Math.ceil(areaKm2 / (Math.PI * targetKm * targetKm) - 1e-9) - n);
}

function tier(
  pts: PostalPoint[],
  categories: PostalCategory[],
  area: number,
  population: number,
  maxR: number,
  maxP: number,
): TierStandard {
  const n = pts.filter((p) => categories.includes(postalCategory(p.type))).length;
  const r = averageServiceRadius(area, n);
  const per = n > 0 ? population / n : null;
  return {
    categories,
    points: n,
    avg_service_radius_km: r,
    population_per_point: per,
    max_radius_km: maxR,
    max_population_per_point: maxP,
    meets_radius: r !== null && r <= maxR,
    meets_population: per !== null && per <= maxP,
  };
}

/**
 * Postal indicators per commune: counts by type and flag, the average service radius R̄ = √(S/(π·N)),
 * population per point, points needed for R̄ ≤ 3 km, the distance view (area and people farther than
 * 3 km from the nearest staffed point, with polygons), staffed/cultural flags and the tier standards.
 */
export function postalIndicators(
  communes: readonly Commune[],
  locator: CommuneLocator,
  points: readonly PostalPoint[],
  populationPoints: readonly PopulationPoint[] | undefined,
  cfg: EngineConfig,
  options: PostalOptions = DEFAULT_POSTAL_OPTIONS,
  withPolygons = true,
): PostalResult {
  const byCommune = communes.map(() => [] as PostalPoint[]);
  for (const p of points) {
    const i = locator.locate(p.lon, p.lat);
    if (i >= 0) byCommune[i]!.push(p);
  }
  const staffed = points.filter((p) => p.staffed);
  const radiusM = options.distanceKm * 1000;
  const zone = zoneCoverage(locator, discZone(staffed, radiusM), cfg, withPolygons);
  const popByCommune = communes.map(() => [] as PopulationPoint[]);
  for (const p of populationPoints ?? []) {
    const i = locator.locate(p.lon, p.lat);
    if (i >= 0) popByCommune[i]!.push(p);
  }
  const beyondPolygons: PostalResult['beyondPolygons'] = [];
  const blocks = communes.map((c, i) => {
    const pts = byCommune[i]!;
    const area = geodesicArea(c.geometry);
    const counted = pts.filter((p) => options.countingRule.includes(postalCategory(p.type)));
    const n = counted.length;
    const byType = emptyByType();
    for (const p of pts) byType[p.type]++;
    const staffedHere = pts.filter((p) => p.staffed);
    const beyondArea = 1 - zone[i]!.areaShare;
    let beyondPop = beyondArea;
    const pp = popByCommune[i]!;
    if (pp.length) {
      const total = pp.reduce((s, p) => s + p.population, 0);
      const far = pp
        .filter((p) => !staffed.some((s) => localDistanceM(p.lon, p.lat, s.lon, s.lat) <= radiusM))
        .reduce((s, p) => s + p.population, 0);
      beyondPop = total > 0 ? far / total : 0;
    }
    for (const geometry of zone[i]!.outside) beyondPolygons.push({ unitId: c.id, geometry });
    const block: PostalBlock = {
      counting_rule: options.countingRule,
      points: n,
      points_by_type: byType,
      staffed_points: staffedHere.length,
      points_with_internet: pts.filter((p) => p.internet).length,
      staffed_points_with_internet: staffedHere.filter((p) => p.internet).length,
      points_with_online_public_services: counted.filter((p) => p.online_public_services).length,
      staffed_with_internet_pct: null,
      online_services_pct: null,
      avg_service_radius_km: averageServiceRadius(area, n),
      population_per_point: n > 0 ? c.population / n : null,
      points_needed_3km: pointsNeeded(area, n, options.targetRadiusKm),
      area_km2: area,
      beyond_distance_area_pct: 100 * beyondArea,
      beyond_distance_population_pct: 100 * beyondPop,
      beyond_distance_population: beyondPop * c.population,
      communes: 1,
      communes_with_staffed_point: staffedHere.length > 0 ? 1 : 0,
      communes_with_cultural_point: byType.cultural_post_point > 0 ? 1 : 0,
      tier_standards:
        c.setting === 'urban'
          ? {
              agents_and_cultural: tier(
                pts,
                ['agent', 'kiosk', 'cultural_post_point'],
                area,
                c.population,
                1,
                2000,
              ),
              post_offices: tier(pts, ['post_office'], area, c.population, 0.5, 1000),
            }
          : null,
    };
    return withShares(block);
  });
  return { communes: blocks, beyondPolygons };
}

function withShares(b: PostalBlock): PostalBlock {
  return {
    ...b,
    staffed_with_internet_pct:
      b.staffed_points > 0 ? (100 * b.staffed_points_with_internet) / b.staffed_points : null,
    online_services_pct: b.points > 0 ? (100 * b.points_with_online_public_services) / b.points : null,
  };
}

/** Adds commune blocks up to a district or province (R̄ from the summed area and points). */
export function rollupPostal(
  members: readonly PostalBlock[],
  population: number,
  options: PostalOptions,
): PostalBlock {
  const sum = (f: (b: PostalBlock) => number) => members.reduce((s, b) => s + f(b), 0);
  const area = sum((b) => b.area_km2);
  const n = sum((b) => b.points);
  const byType = emptyByType();
  for (const b of members)
    for (const t of Object.keys(byType) as PostalType[]) byType[t] += b.points_by_type[t];
  const beyondArea = sum((b) => (b.beyond_distance_area_pct / 100) * b.area_km2);
  const beyondPop = sum((b) => b.beyond_distance_population);
  return withShares({
    counting_rule: options.countingRule,
    points: n,
    points_by_type: byType,
    staffed_points: sum((b) => b.staffed_points),
    points_with_internet: sum((b) => b.points_with_internet),
    staffed_points_with_internet: sum((b) => b.staffed_points_with_internet),
    points_with_online_public_services: sum((b) => b.points_with_online_public_services),
    staffed_with_internet_pct: null,
    online_services_pct: null,
    avg_service_radius_km: averageServiceRadius(area, n),
    population_per_point: n > 0 ? population / n : null,
    points_needed_3km: pointsNeeded(area, n, options.targetRadiusKm),
    area_km2: area,
    beyond_distance_area_pct: area > 0 ? (100 * beyondArea) / area : 0,
    beyond_distance_population_pct: population > 0 ? (100 * beyondPop) / population : 0,
    beyond_distance_population: beyondPop,
    communes: sum((b) => b.communes),
    communes_with_staffed_point: sum((b) => b.communes_with_staffed_point),
    communes_with_cultural_point: sum((b) => b.communes_with_cultural_point),
    tier_standards: null,
  });
}
