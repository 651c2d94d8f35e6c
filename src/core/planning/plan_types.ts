/**
 * Types for site planning (where the next mobile sites and postal points do the most good).
 * Plain data, shared by the core, the CLI and the app.
 */
import type { EngineConfig, Technology, TerrainSummary } from '../base/types.ts';
import type { RadioConfig } from '../propagation/radio_config.ts';
import type { TerrainOptions } from '../terrain/terrain_context.ts';
import type { CandidateMove } from './move_to_highest.ts';

/**
 * A demand point: where people live, with a weight in people. Either a village (weights scaled so a
 * commune's villages add up to its census population) or a cell centre of the uniform grid that spreads
 * a commune's census population evenly over its area.
 */
export interface DemandPoint {
  lon: number;
  lat: number;
  /** People (census-scaled). */
  population: number;
  /** Index of the commune in the communes array. */
  commune: number;
  /** Set for village points. */
  villageId?: string;
  /** Set for village points: on the national grid (null when unknown). */
  hasGridPower?: boolean | null;
}

/** How the demand points were built. */
export interface DemandSummary {
  /** Communes whose population sits on village points. */
  communesOnVillages: number;
  /** Communes whose census population is spread evenly over grid cells. */
  communesOnGrid: number;
  /** Side of a grid cell, metres. */
  cellSizeM: number;
  points: number;
  /** Villages that fell outside every commune and were not used. */
  villagesOutside: number;
}

/** Where a candidate came from. */
export type CandidateSource = 'file' | 'commune_centre' | 'uncovered_village' | 'gap_grid';

/** A place where a new site could go. */
export interface Candidate {
  id: string;
  lon: number;
  lat: number;
  /** Own footprint radius (m); otherwise --radius-m, otherwise the engine default. */
  radius_m?: number;
  /** Cost in the user's currency (> 0); when every candidate has one, greedy ranks by gain per cost. */
  cost?: number;
  source: CandidateSource;
}

/** What the target and the greedy objective count. */
export type PlanMeasure = 'population' | 'grid_villages';

/** Which communes the plan is for. */
export type PlanScope =
  | { kind: 'all' }
  | { kind: 'province'; id: string }
  | { kind: 'district'; id: string }
  | { kind: 'commune'; id: string };

export interface SitePlanOptions {
  technology: Technology;
  /** Existing coverage counts only this operator's sites; null or absent: any operator. */
  operator?: string | null;
  /** Footprint radius (m) for candidates without their own. */
  radius_m?: number;
  /** Budget mode: at most k new sites. */
  k?: number;
  /** Target mode: stop when the measure reaches this share of the scope, 0–100 %. */
  targetPct?: number;
  measure?: PlanMeasure;
  scope?: PlanScope;
  /** Grid cell size (m) for communes without villages. Default 250. */
  cellSizeM?: number;
  /** Spacing (m) of generated gap-grid candidates. Default: the footprint radius. */
  gridSpacingM?: number;
  /** Plain greedy instead of lazy greedy (same picks; for benchmarks and tests). */
  lazy?: boolean;
  /** Improve greedy's set by local search (swaps for k sites, dropping redundant sites for a target). Default true. */
  localSearch?: boolean;
  /** Greedy restarts from other first sites in budget mode (default min(16, ⌊64/k⌋); 0 for swaps only). */
  restarts?: number;
  config?: Partial<EngineConfig>;
  /** With a DEM: the terrain model and cache (default: the default model and the shared cache). */
  terrain?: TerrainOptions;
  /** The radio settings of the default terrain model (`--config`'s `radio`). */
  radio?: RadioConfig;
  /** With a DEM: move each candidate to the highest ground within this many metres first (CLI default 300). */
  moveToHighestM?: number;
}

/** One chosen site, in the order greedy picked it. */
export interface PlanRow {
  rank: number;
  candidate_id: string;
  lon: number;
  lat: number;
  /** Commune the site stands in, null when outside every commune. */
  commune_id: string | null;
  source: CandidateSource;
  radius_m: number;
  cost: number | null;
  /** People newly covered by this site (not covered by existing or earlier-ranked sites). */
  gained_population: number;
  /** Share of the scope's population covered by existing sites plus sites ranked 1..rank, %. */
  cumulative_population_pct: number;
  /** Newly covered units of the measure (people, or grid-powered villages). */
  gained_measure: number;
  cumulative_measure_pct: number;
  /** cost ÷ gained_population, when costs are given. */
  cost_per_person: number | null;
}

/** One point of the cumulative coverage curve (0 new sites = existing sites only). */
export interface CurvePoint {
  sites: number;
  population_pct: number;
  measure_pct: number;
  cumulative_cost: number | null;
}

export type PlanStatus =
  | { kind: 'budget'; requested_k: number; chosen: number; exhausted: boolean }
  | { kind: 'reached'; target_pct: number; achieved_pct: number; sites: number }
  | {
      kind: 'not_reached';
      target_pct: number;
      achieved_pct: number;
      /** Percentage points still missing. */
      shortfall_pct: number;
      /** Units of the measure (people or villages) still missing. */
      shortfall_measure: number;
      /** Why it stopped: no candidate adds coverage, or the k cap. */
      reason: 'candidates_exhausted' | 'k_reached';
    };

/** The result of planSites: ranked picks, the coverage curve and whether the target is met. */
export interface SitePlan {
  technology: Technology;
  operator: string | null;
  measure: PlanMeasure;
  mode: 'budget' | 'target';
  scope: { label: string; communes: string[] };
  demand: DemandSummary;
  candidates: { total: number; bySource: Partial<Record<CandidateSource, number>>; useful: number };
  costAware: boolean;
  /** Totals over the scope. */
  population: number;
  measureTotal: number;
  existing: { sites: number; covered_population: number; population_pct: number; measure_pct: number };
  rows: PlanRow[];
  curve: CurvePoint[];
  status: PlanStatus;
  /** What local search changed: greedy's own result, swaps made (budget mode), sites dropped (target mode). */
  localSearch: {
    greedy_sites: number;
    greedy_measure_pct: number;
    /** Greedy runs from another first site that were tried. */
    restarts: number;
    /** Whether local search found a better set than greedy's. */
    improved: boolean;
    /** Swaps made on the winning set. */
    swaps: number;
    /** Sites dropped as redundant (target mode). */
    pruned: number;
  };
  /** Gain evaluations made by greedy (for the lazy vs plain comparison). */
  evaluations: number;
  /** With a DEM: the terrain model and DEM the footprints came from (absent: circles). */
  terrain?: TerrainSummary;
  /** With `moveToHighestM`: every candidate's old and new position and ground height. */
  moves?: CandidateMove[];
}
