import type { Village } from '../base/infrastructure.ts';
import { type Commune, TECHNOLOGIES, type Technology, type TechnologyKey } from '../base/types.ts';

/** Coverage of a unit's villages by one technology (any operator). */
export interface VillageCoverage {
  technology: TechnologyKey;
  villages_covered: number;
  /** Covered ÷ all villages × 100; null without villages. */
  villages_covered_pct: number | null;
  grid_powered_covered: number;
  /** Covered ÷ grid-powered villages × 100 (the 2026 target's denominator); null without any. */
  grid_powered_covered_pct: number | null;
}

/** The `villages` block of a unit in report.json. */
export interface VillageBlock {
  villages: number;
  grid_powered: number;
  population: number;
  covered: VillageCoverage[];
  /** Villages with no 4G from any operator (vùng lõm sóng 4G), and their people. */
  dead_zone_villages: number;
  dead_zone_population: number;
  /** Commune centres known, and those with a signal of any technology (M4). */
  commune_centres: number;
  commune_centres_covered: number;
  /**
   * With a baseline report: the dead-zone villages that were not dead zones in it (M9, "no new dead
   * zones"); absent without a baseline.
   */
  new_dead_zone_villages?: number;
}

export interface DeadZoneVillage {
  village_id: string;
  name: string | null;
  commune_id: string;
  commune_name: string;
  population: number;
  has_grid_power: boolean | null;
  /** Straight-line distance to the nearest site carrying 4G, km (null when there is no 4G site). */
  nearest_4g_site_km: number | null;
  /** Id of that nearest 4G site (null when there is no 4G site); the app looks its cells up to explain the gap. */
  nearest_4g_site_id: string | null;
  /** Bearing from that site to the village, degrees clockwise from north in [0, 360) (null as the id). */
  nearest_4g_bearing_deg: number | null;
}

/**
 * The dead-zone list entry of a village without 4G (shared by the full and the incremental analysis),
 * with its probe's nearest 4G site (distance km, id, bearing from the site in degrees).
 */
export function deadZoneVillage(
  v: Village,
  commune: Commune,
  nearest: {
    nearest4gSiteKm: number | null;
    nearest4gSiteId: string | null;
    nearest4gBearingDeg: number | null;
  },
): DeadZoneVillage {
  return {
    village_id: v.id,
    name: v.name ?? null,
    commune_id: commune.id,
    commune_name: commune.name,
    population: v.population,
    has_grid_power: v.hasGridPower,
    nearest_4g_site_km: nearest.nearest4gSiteKm,
    nearest_4g_site_id: nearest.nearest4gSiteId,
    nearest_4g_bearing_deg: nearest.nearest4gBearingDeg,
  };
}

const KEYS: TechnologyKey[] = [...TECHNOLOGIES, 'any'];

/** Builds a village block from villages with the technologies that cover each. */
export function villageBlock(
  villages: readonly { village: Village; technologies: readonly Technology[] }[],
  centres: readonly { covered: boolean }[],
  baselineDead?: ReadonlySet<string>,
): VillageBlock {
  const grid = villages.filter((v) => v.village.hasGridPower === true);
  const covers = (v: { technologies: readonly Technology[] }, t: TechnologyKey) =>
    t === 'any' ? v.technologies.length > 0 : v.technologies.includes(t);
  const dead = villages.filter((v) => !v.technologies.includes('4G'));
  return {
    villages: villages.length,
    grid_powered: grid.length,
    population: villages.reduce((s, v) => s + v.village.population, 0),
    covered: KEYS.map((technology) => {
      const all = villages.filter((v) => covers(v, technology)).length;
      const g = grid.filter((v) => covers(v, technology)).length;
      return {
        technology,
        villages_covered: all,
        villages_covered_pct: villages.length ? (100 * all) / villages.length : null,
        grid_powered_covered: g,
        grid_powered_covered_pct: grid.length ? (100 * g) / grid.length : null,
      };
    }),
    dead_zone_villages: dead.length,
    dead_zone_population: dead.reduce((s, v) => s + v.village.population, 0),
    commune_centres: centres.length,
    commune_centres_covered: centres.filter((c) => c.covered).length,
    ...(baselineDead
      ? { new_dead_zone_villages: dead.filter((v) => !baselineDead.has(v.village.id)).length }
      : {}),
  };
}

/** Adds village blocks up to a district or province. */
export function rollupVillages(members: readonly VillageBlock[]): VillageBlock {
  const sum = (f: (b: VillageBlock) => number) => members.reduce((s, b) => s + f(b), 0);
  const villages = sum((b) => b.villages);
  const grid = sum((b) => b.grid_powered);
  return {
    villages,
    grid_powered: grid,
    population: sum((b) => b.population),
    covered: KEYS.map((technology, k) => {
      const all = sum((b) => b.covered[k]!.villages_covered);
      const g = sum((b) => b.covered[k]!.grid_powered_covered);
      return {
        technology,
        villages_covered: all,
        villages_covered_pct: villages ? (100 * all) / villages : null,
        grid_powered_covered: g,
        grid_powered_covered_pct: grid ? (100 * g) / grid : null,
      };
    }),
    dead_zone_villages: sum((b) => b.dead_zone_villages),
    dead_zone_population: sum((b) => b.dead_zone_population),
    commune_centres: sum((b) => b.commune_centres),
    commune_centres_covered: sum((b) => b.commune_centres_covered),
    ...(members.length > 0 && members.every((b) => b.new_dead_zone_villages !== undefined)
      ? { new_dead_zone_villages: sum((b) => b.new_dead_zone_villages!) }
      : {}),
  };
}
