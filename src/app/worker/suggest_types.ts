/**
 * Plain data of the "Suggest sites" panel (issue 6) between the page and the analysis worker: what to
 * plan, and the plan as the panel shows it (rows, curve, candidates, status), all structured-clonable.
 */
import type { InputIssue } from '../../core/base/errors.ts';
import type { Technology } from '../../core/base/types.ts';
import type {
  CandidateSource,
  CurvePoint,
  PlanMeasure,
  PlanRow,
  PlanScope,
  PlanStatus,
} from '../../core/planning/plan_types.ts';
import type { PostalPlan, PostalReason } from '../../core/planning/suggest_postal_points.ts';

/** Which generated candidate sources to use. */
export interface CandidateSources {
  centres: boolean;
  villages: boolean;
  grid: boolean;
}

/** A plan of new mobile sites on the current scenario. */
export interface SiteSuggestRequest {
  mode: 'sites';
  technology: Technology;
  /** Existing coverage counts only this operator's sites (null: any operator). */
  operator: string | null;
  /** The operator the accepted sites get (the form's operator, whether or not `operator` is set). */
  siteOperator: string;
  /** Footprint radius for candidates without their own; null: the engine default. */
  radius_m: number | null;
  sources: CandidateSources;
  /** With a DEM: move each candidate to the highest point within this many metres first; null: off. */
  moveToHighestM?: number | null;
  /** An imported candidates CSV (`id,lon,lat[,radius_m,cost]`), parsed in the worker. */
  candidatesCsv: { name: string; text: string } | null;
  /** Budget mode (k sites) or target mode (population or grid-village share, %). */
  k: number | null;
  targetPct: number | null;
  measure: PlanMeasure;
  scope: PlanScope;
}

/** A plan of new postal service points on the current scenario. */
export interface PostalSuggestRequest {
  mode: 'postal';
  radiusKm: number;
  scope: PlanScope;
}

export type SuggestRequest = SiteSuggestRequest | PostalSuggestRequest;

/** A candidate as drawn on the map. */
export interface CandidatePoint {
  id: string;
  lon: number;
  lat: number;
  source: CandidateSource;
}

export interface SiteSuggestResult {
  mode: 'sites';
  technology: Technology;
  measure: PlanMeasure;
  costAware: boolean;
  population: number;
  measureTotal: number;
  existing: { population_pct: number; measure_pct: number; covered_population: number };
  rows: (PlanRow & { commune_name: string | null })[];
  curve: CurvePoint[];
  status: PlanStatus;
  candidates: {
    total: number;
    useful: number;
    bySource: Partial<Record<CandidateSource, number>>;
    /** For the map; at most MAX_CANDIDATE_POINTS. */
    points: CandidatePoint[];
  };
  /** Problems of the imported candidates CSV (rows rejected). */
  csvIssues: InputIssue[];
  csvRows: { total: number; kept: number } | null;
  /** What the map will show for the scope once every row is accepted (plan_preview.ts). */
  onMap: MapPreview | null;
  /** With "move to the highest point": how many candidates moved, and the median height gained (m). */
  moves: { moved: number; total: number; radius_m: number; medianUp_m: number } | null;
  /** The move was asked for but no DEM is loaded. */
  noDem: boolean;
  warnings: string[];
  ms: number;
}

/**
 * The map's population coverage (%) of the plan's technology and operator for the plan's scope, now
 * and with every row accepted, and the people that adds, as the map counts them (exact footprints).
 */
export interface MapPreview {
  beforePct: number;
  afterPct: number;
  gainedPopulation: number;
}

export interface PostalSuggestRow {
  rank: number;
  commune_id: string;
  commune_name: string;
  lon: number;
  lat: number;
  reason: PostalReason;
  gained_population: number;
}

export interface PostalSuggestResult {
  mode: 'postal';
  radiusKm: number;
  rows: PostalSuggestRow[];
  totals: PostalPlan['totals'];
  /** Communes planned, and those that still fail R̄ ≤ R* after the suggestions (should be none). */
  communes: number;
  warnings: string[];
  ms: number;
}

export type SuggestResult = SiteSuggestResult | PostalSuggestResult;

/** At most this many candidates go to the map. */
export const MAX_CANDIDATE_POINTS = 5000;
