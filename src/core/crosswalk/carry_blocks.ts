/**
 * The postal, fiber and village figures of a baseline carried onto units of another boundary set
 * (`carryReport`): every count, length, area and people figure of a baseline commune is split by the
 * share of its area lying in the current unit (its points, routes and villages taken as spread evenly
 * over it), and every ratio is recomputed from the carried sums (R̄ = √(S / (π·N)), shares as
 * carried part ÷ carried whole). Counts may therefore be fractional ("2.4 points"): they are an
 * estimate of what the old figures say about the new unit, labelled as converted wherever shown.
 */

import type { FullUnit } from '../run_analysis.ts';

// The blocks' types as the report's units carry them (this room does not import core/infrastructure).
type PostalBlock = NonNullable<FullUnit['postal']>;
type FiberBlock = NonNullable<FullUnit['fiber']>;
type VillageBlock = FullUnit['villages'];

/** Sums of one current unit's carried infrastructure figures. */
export interface BlockSums {
  /** Whether every contributing baseline commune had the block (else the carried block is null). */
  postalAll: boolean;
  fiberAll: boolean;
  villagesAll: boolean;
  postal: Map<string, number>;
  byType: Map<string, number>;
  fiber: Map<string, number>;
  villages: Map<string, number>;
  covered: Map<string, { villages: number; grid: number }>;
  postalTemplate: PostalBlock | null;
  reachM: number | null;
  /** Area (km²) and people carried, as the coverage sums have them. */
  area: number;
  population: number;
}

export function emptyBlockSums(): BlockSums {
  return {
    postalAll: true,
    fiberAll: true,
    villagesAll: true,
    postal: new Map(),
    byType: new Map(),
    fiber: new Map(),
    villages: new Map(),
    covered: new Map(),
    postalTemplate: null,
    reachM: null,
    area: 0,
    population: 0,
  };
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const get = (m: Map<string, number>, k: string) => m.get(k) ?? 0;
const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Adds `share` of a baseline unit's postal, fiber and village figures (its area `areaKm2` carried). */
export function addBlocks(sums: BlockSums, u: FullUnit, share: number, areaKm2: number): void {
  sums.area += areaKm2;
  sums.population += u.population * share;
  const p = u.postal;
  if (!p) sums.postalAll = false;
  else {
    sums.postalTemplate ??= p;
    for (const k of [
      'points',
      'staffed_points',
      'points_with_internet',
      'staffed_points_with_internet',
      'points_with_online_public_services',
      'beyond_distance_population',
      'communes',
      'communes_with_staffed_point',
      'communes_with_cultural_point',
    ] as const)
      add(sums.postal, k, p[k] * share);
    add(sums.postal, 'beyond_area', (p.beyond_distance_area_pct / 100) * p.area_km2 * share);
    for (const [t, n] of Object.entries(p.points_by_type)) add(sums.byType, t, n * share);
  }
  const f = u.fiber;
  if (!f) sums.fiberAll = false;
  else {
    sums.reachM ??= f.reach_m;
    for (const k of [
      'route_km',
      'communes',
      'communes_with_centre',
      'communes_centre_within_reach',
      'population_within_reach',
      'villages',
      'villages_within_reach',
    ] as const)
      add(sums.fiber, k, f[k] * share);
    add(sums.fiber, 'area_within_reach', (f.area_within_reach_pct / 100) * u.area_km2 * share);
  }
  const v = u.villages;
  if (!v || !finite(v.villages)) sums.villagesAll = false;
  else {
    for (const k of [
      'villages',
      'grid_powered',
      'population',
      'dead_zone_villages',
      'dead_zone_population',
      'commune_centres',
      'commune_centres_covered',
    ] as const)
      add(sums.villages, k, v[k] * share);
    for (const c of v.covered) {
      const t = sums.covered.get(c.technology) ?? { villages: 0, grid: 0 };
      t.villages += c.villages_covered * share;
      t.grid += c.grid_powered_covered * share;
      sums.covered.set(c.technology, t);
    }
  }
}

const pct = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

/** The carried postal block: sums split by area, ratios recomputed (R̄ from the carried S and N). */
function carriedPostal(s: BlockSums, targetRadiusKm: number): PostalBlock | null {
  const t = s.postalTemplate;
  if (!s.postalAll || !t) return null;
  const n = get(s.postal, 'points');
  const staffed = get(s.postal, 'staffed_points');
  const area = s.area;
  const byType = { ...t.points_by_type };
  for (const k of Object.keys(byType) as (keyof typeof byType)[]) byType[k] = get(s.byType, k);
  return {
    counting_rule: t.counting_rule,
    points: n,
    points_by_type: byType,
    staffed_points: staffed,
    points_with_internet: get(s.postal, 'points_with_internet'),
    staffed_points_with_internet: get(s.postal, 'staffed_points_with_internet'),
    points_with_online_public_services: get(s.postal, 'points_with_online_public_services'),
    staffed_with_internet_pct: pct(get(s.postal, 'staffed_points_with_internet'), staffed),
    online_services_pct: pct(get(s.postal, 'points_with_online_public_services'), n),
    avg_service_radius_km: n > 0 ? Math.sqrt(area / (Math.PI * n)) : null,
    population_per_point: n > 0 ? s.population / n : null,
    points_needed_3km: Math.max(0, Math.ceil(area / (Math.PI * targetRadiusKm ** 2)) - n),
    area_km2: area,
    beyond_distance_area_pct: pct(get(s.postal, 'beyond_area'), area) ?? 0,
    beyond_distance_population_pct: pct(get(s.postal, 'beyond_distance_population'), s.population) ?? 0,
    beyond_distance_population: get(s.postal, 'beyond_distance_population'),
    communes: get(s.postal, 'communes'),
    communes_with_staffed_point: get(s.postal, 'communes_with_staffed_point'),
    communes_with_cultural_point: get(s.postal, 'communes_with_cultural_point'),
    tier_standards: null,
  };
}

function carriedFiber(s: BlockSums): FiberBlock | null {
  if (!s.fiberAll || s.reachM === null) return null;
  const villages = get(s.fiber, 'villages');
  return {
    reach_m: s.reachM,
    route_km: get(s.fiber, 'route_km'),
    centre_within_reach: null,
    communes: get(s.fiber, 'communes'),
    communes_with_centre: get(s.fiber, 'communes_with_centre'),
    communes_centre_within_reach: get(s.fiber, 'communes_centre_within_reach'),
    population_within_reach_pct: pct(get(s.fiber, 'population_within_reach'), s.population) ?? 0,
    population_within_reach: get(s.fiber, 'population_within_reach'),
    area_within_reach_pct: pct(get(s.fiber, 'area_within_reach'), s.area) ?? 0,
    villages,
    villages_within_reach: get(s.fiber, 'villages_within_reach'),
    villages_within_reach_pct: villages > 0 ? pct(get(s.fiber, 'villages_within_reach'), villages) : null,
  };
}

/** Village figures not carried: NaN reads as "no value" in every indicator (see reportIndicators). */
const NO_VILLAGES: VillageBlock = {
  villages: Number.NaN,
  grid_powered: Number.NaN,
  population: Number.NaN,
  covered: [],
  dead_zone_villages: Number.NaN,
  dead_zone_population: Number.NaN,
  commune_centres: Number.NaN,
  commune_centres_covered: Number.NaN,
};

function carriedVillages(s: BlockSums): VillageBlock {
  if (!s.villagesAll) return NO_VILLAGES;
  const villages = get(s.villages, 'villages');
  const grid = get(s.villages, 'grid_powered');
  return {
    villages,
    grid_powered: grid,
    population: get(s.villages, 'population'),
    covered: [...s.covered].map(([technology, c]) => ({
      technology: technology as VillageBlock['covered'][number]['technology'],
      villages_covered: c.villages,
      villages_covered_pct: pct(c.villages, villages),
      grid_powered_covered: c.grid,
      grid_powered_covered_pct: pct(c.grid, grid),
    })),
    dead_zone_villages: get(s.villages, 'dead_zone_villages'),
    dead_zone_population: get(s.villages, 'dead_zone_population'),
    commune_centres: get(s.villages, 'commune_centres'),
    commune_centres_covered: get(s.villages, 'commune_centres_covered'),
  };
}

/** The carried postal, fiber and village blocks of a unit. */
export function carriedBlocks(
  s: BlockSums,
  targetRadiusKm = 3,
): Pick<FullUnit, 'postal' | 'fiber' | 'villages'> {
  return { postal: carriedPostal(s, targetRadiusKm), fiber: carriedFiber(s), villages: carriedVillages(s) };
}
