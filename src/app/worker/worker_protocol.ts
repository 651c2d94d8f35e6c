/**
 * Messages between the page and the analysis worker. The worker owns the data and the analysis; the
 * page receives figures already rounded as in the CLI's report.json, and map features keyed so that an
 * update only replaces what changed.
 */

import type { Feature } from 'geojson';
import type { InputIssue } from '../../core/base/errors.ts';
import type { PostalCategory } from '../../core/base/infrastructure.ts';
import type { OffsetFit } from '../../core/measured/calibrate_offset.ts';
import type { RadiusFit } from '../../core/measured/calibrate_radius.ts';
import type { PathProfile } from '../../core/propagation/path_profile.ts';
import type { ReportComparison } from '../../core/report/compare_reports.ts';
import type { FullResult, FullUnit, ReportedComparison } from '../../core/run_analysis.ts';
import type { TargetEvaluation } from '../../core/targets/evaluate_targets.ts';
import type { Comparator, MetricId, TargetLevel, TargetUnit } from '../../core/targets/targets.ts';
import type { ColumnMap, ColumnRequest } from '../../io/import/header_mapping.ts';
import type { ImportFormat } from '../../io/import/import_file.ts';
import type { DatasetKind, DatasetPayload } from '../state/dataset_kind.ts';
import type { Edit } from '../state/scenario_edits.ts';
import type { SiteInfo, SiteRow } from '../state/site_info.ts';
import type { ExportFormat } from './export_logic.ts';
import type { SuggestRequest, SuggestResult } from './suggest_types.ts';

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type BBox = [number, number, number, number];

/** Which communes to analyse: a bundled boundary set or the user's imported boundaries. */
export type BoundarySet = 'pre2025' | '2025' | 'imported';

/** The analysis options the user can change (the CLI's --postal-count and --fiber-reach-m). */
export interface AnalysisOptionsChoice {
  countingRule?: PostalCategory[];
  fiberReachM?: number;
  /** Count planned cells on air by this year too (the CLI's --as-of); unset: cells on air today. */
  asOf?: number;
  /** Use the default radii fitted to the speed tests (the CLI's --calibrate). */
  calibrate?: boolean;
}

/** Which cells the figures count: the rule, and what it kept of the scenario's sites when loaded. */
export interface CellCounting {
  /** null: on air today; a year: plus the planned cells with that year or earlier. */
  asOf: number | null;
  onAirCells: number;
  plannedCounted: number;
  plannedLeftOut: number;
  plannedWithoutYear: number;
  sitesLeftOut: number;
}

/** Same-origin URLs of the bundled sample files. */
export interface SampleUrls {
  boundaries: { pre2025: string; '2025': string };
  sites: string;
  postal: string;
  fiber: string;
  villages: string;
  /** Bundled target files; each applies to the province it names. */
  targets: string[];
  /** The bundled pre2025 → 2025 crosswalk CSV, read when a baseline from the other set is compared. */
  crosswalk: string;
}

/** Map layers whose features come from the worker, each keyed (by site, point or commune id). */
export const FEATURE_LAYERS = [
  'sites',
  'footprints',
  'postal',
  'serviceCircles',
  'fiber',
  'villages',
  'speedtests',
  'gaps',
  'beyond',
] as const;
export type FeatureLayer = (typeof FEATURE_LAYERS)[number];

/** Replacement features per key; an empty list removes the key. */
export type LayerPatch = [string, Feature[]][];

/** A unit of report.json (figures rounded as the CLI writes them). */
export type ReportUnit = FullUnit;

/** What a target says, for labels and badges. */
export interface TargetDef {
  province: string | null;
  id: string;
  indicator: string;
  indicator_en: string;
  metric: MetricId;
  technology: string | null;
  comparator: Comparator;
  value: number;
  unit: TargetUnit;
  year: number | null;
  levels: TargetLevel[];
}

/** Where a dataset came from, and how much of it was kept. */
export interface DatasetInfo {
  kind: DatasetKind;
  source: 'sample' | 'imported' | 'none';
  name: string;
  total: number;
  kept: number;
  rejected: number;
  warnings: number;
  synthetic: boolean;
  /** When the file was added to the records loaded before it: what it was added to, and how. */
  addedTo?: { base: string; added: number; replaced: number };
}

/** The lists of report.json that change with the scenario. */
export interface ReportLists {
  deadZoneVillages: FullResult['deadZoneVillages'];
  /**
   * The ids of the dead-zone villages that were not dead zones in the baseline report.json imported in
   * the Data tab (DN-M9's new dead zones); null without a baseline.
   */
  newDeadZoneVillages: string[] | null;
  communesWithoutStaffedPoint: FullResult['communesWithoutStaffedPoint'];
  communesWithoutCulturalPoint: FullResult['communesWithoutCulturalPoint'];
  /** The speed tests the model disagrees with (issue 16), in input order; empty without speed tests. */
  disagreements: DisagreementRow[];
}

/** One speed test the model disagrees with, for the list in the unit panel. */
export interface DisagreementRow {
  /** The test's record ("row 12", "feature 3"). */
  test: string;
  lon: number;
  lat: number;
  commune_id: string | null;
  commune_name: string | null;
  technology: string | null;
  operator: string | null;
  download_mbps: number;
  /** Tests the record stands for (a tile: its test count). */
  tests: number;
  date: string | null;
  verdict: 'poor_inside' | 'good_outside';
}

/** Everything the page shows, after a (re)load. */
export interface Snapshot {
  /**
   * True for the quick first look sent before the full analysis: mobile coverage only (no postal,
   * fiber, village figures or targets yet). The full snapshot follows.
   */
  partial: boolean;
  boundarySet: BoundarySet;
  hasDistricts: boolean;
  /** Commune outlines, when the page asked for them (it loads the bundled sets itself). */
  communes: { type: 'FeatureCollection'; features: Feature[] } | null;
  communeBoxes: [string, BBox][];
  bbox: BBox;
  units: ReportUnit[];
  targets: TargetEvaluation[];
  targetDefs: TargetDef[];
  /**
   * The results the plans report (the target files' `reported`: Gia Lai 2025, 5G 91 % khu vực có dân
   * cư) beside our figure for the same unit and metric, rounded as in report.json. Not targets.
   */
  reported: ReportedComparison[];
  lists: ReportLists;
  operators: string[];
  technologies: string[];
  /** Features of the layers the page subscribed to. */
  layers: Partial<Record<FeatureLayer, LayerPatch>>;
  datasets: DatasetInfo[];
  skippedEdits: number[];
  postalDistanceKm: number;
  fiberReachM: number;
  countingRule: string[];
  /** Which cells the mobile figures count: on air today, or as planned by a year. */
  cellCounting: CellCounting;
  populationPoints: boolean;
  /** Sites outside every commune of the boundary set (not counted in the status line, hidden unless asked). */
  outsideSites: number;
  /** Postal points and fiber routes (no vertex in a commune) outside the boundary set, drawn likewise. */
  outsidePostal: number;
  outsideFiber: number;
  /** The default radii fitted to the speed tests, and whether the figures use them (null: no tests). */
  calibration?: { applied: boolean; fits: RadiusFit[] } | null;
  /** With a DEM: the loss offsets (dB) fitted to the speed tests, and whether the figures use them. */
  offsetCalibration?: { applied: boolean; fits: OffsetFit[] } | null;
  issues: number;
  warnings: string[];
  timings: { loadMs: number; analysisMs: number; totalMs: number };
}

/** What changed after an edit of the scenario. */
export interface Delta {
  units: ReportUnit[];
  /** Keys (`level:id`) of the units in `units`; their target evaluations are all in `targets`. */
  unitKeys: string[];
  targets: TargetEvaluation[];
  /** Every reported result beside our figure (all of them: our figure may change with any edit). */
  reported: ReportedComparison[];
  lists: ReportLists;
  operators: string[];
  technologies: string[];
  layers: Partial<Record<FeatureLayer, LayerPatch>>;
  skippedEdits: number[];
  recomputedCommunes: string[];
  /** ms the worker spent: incremental analysis, rounding and features. */
  workerMs: number;
  /** Of which the incremental analysis (`updateAnalysis`, with any footprints it had to compute). */
  analysisMs: number;
}

/** The result of reading one file, for the import report. */
export interface ImportReport {
  kind: DatasetKind;
  name: string;
  /** The format read (geojson, csv, xlsx, kml, kmz, shapefile, geotiff); null when unreadable. */
  format: ImportFormat | null;
  total: number;
  kept: number;
  rejected: number;
  issues: InputIssue[];
  /** Set when the file can't be used at all (not JSON, missing columns, no valid row). */
  fatal: string | null;
  /** The importer's one-line summary ("sites.csv: imported 1,203 of 1,210 rows; 7 rejected"). */
  summary: string | null;
  /** The coordinate system the positions were read in ("WGS 84", "VN-2000 / TM-3 108°30′ … → WGS 84"). */
  crs: string | null;
  /** Rows whose latitude and longitude were swapped (swapped back, or rejected). */
  swapped: number;
  /** Boundary polygons repaired. */
  repaired: number;
  /** The rejected rows with their reasons and original values (CSV, UTF-8 BOM); null when none. */
  rejectedCsv: string | null;
  /** The column mapping used: field → the file's column. */
  columns?: ColumnMap;
  /** A table whose required columns were not found: what the mapping form shows. */
  needsColumns?: ColumnRequest | null;
  /** The file's table header row (1 unless title rows come first). */
  headerRow?: number;
  /** The columns came from the mapping remembered for this header (the page sets it). */
  columnsRemembered?: boolean;
}

/** The report of a file that could not be used at all (too big, unreadable, kind unknown). */
export function failedImport(
  kind: DatasetKind,
  name: string,
  fatal: string,
  issues: InputIssue[] = [],
  rejectedCsv: string | null = null,
  needsColumns: ColumnRequest | null = null,
): ImportReport {
  return {
    kind,
    name,
    format: null,
    total: 0,
    kept: 0,
    rejected: 0,
    issues,
    fatal,
    summary: null,
    crs: null,
    swapped: 0,
    repaired: 0,
    rejectedCsv,
    ...(needsColumns ? { needsColumns } : {}),
  };
}

/** The DEM loaded in the worker, as the Data tab describes it. */
export interface DemInfo {
  files: string[];
  tiles: number;
  bbox: BBox;
  /** Finest post spacing, metres. */
  spacingM: number;
  voidsFilled: number;
  /** The readers' warnings, each naming its file. */
  warnings: string[];
}

/** The hillshade of the DEM: RGBA pixels, row 0 the north, over `bbox`. */
export interface DemShade {
  width: number;
  height: number;
  rgba: ArrayBuffer;
  bbox: BBox;
}

/** The "why" of a point: each cell's link budget to it, and the profile of the best-received cell. */
export interface WhyResult {
  siteId: string;
  /** The site's position, degrees (the profile runs from it to lon, lat). */
  siteLon: number;
  siteLat: number;
  lon: number;
  lat: number;
  cells: { label: string; received_dbm: number; threshold_dbm: number; covered: boolean }[];
  /** Index in `cells` of the one drawn (received best). */
  best: number;
  /** Its antenna height above ground, m, and which of its values are defaults. */
  height_m: number;
  defaulted: string[];
  profile: PathProfile;
}

/** A file to import: a dataset whose kind may still be unknown ("auto": detected from its fields). */
export type ImportPayload = Omit<DatasetPayload, 'kind'> & { kind: DatasetKind | 'auto' };

/** What the page asks for in a load (the client adds the id and whether to send a preview). */
export type LoadOptions = Omit<Extract<WorkerRequest, { kind: 'load' }>, 'kind' | 'id' | 'preview'>;

/** Page → worker. */
export type WorkerRequest =
  | {
      kind: 'load';
      id: number;
      boundarySet: BoundarySet;
      sample: SampleUrls;
      imported: DatasetPayload[];
      edits: Edit[];
      /** Layers whose features the page wants now (and in every later update). */
      layers: FeatureLayer[];
      /** Send the commune outlines (the page has no copy of them). */
      withGeometry: boolean;
      /** Send a quick mobile-only snapshot first. */
      preview: boolean;
      /** Postal counting rule and fiber reach (unset: the defaults). */
      analysis: AnalysisOptionsChoice;
    }
  | { kind: 'edit'; id: number; edits: Edit[] }
  | { kind: 'features'; id: number; layers: FeatureLayer[] }
  | { kind: 'validate'; id: number; dataset: ImportPayload }
  | { kind: 'report'; id: number }
  /** Issue 13: one site's cells (its popup), and every site as a row of the Sites tab (worker_sites.ts). */
  | { kind: 'site-info'; id: number; siteId: string }
  | { kind: 'site-rows'; id: number }
  /** "Suggest sites": plan new sites or postal points on the current scenario (worker_plan.ts). */
  | { kind: 'plan'; id: number; request: SuggestRequest }
  // Report tab (worker_export.ts): an export of the current scenario, or its comparison with a baseline.
  | {
      kind: 'export';
      id: number;
      format: ExportFormat;
      lang: 'vi' | 'en';
      baseline: BaselineSpec | null;
      /** report.json indicator id the ranking and the PDF maps go by (the CLI's --rank-by, --map-indicator). */
      indicator: string;
      /** The PDF maps' classes: the map's own (fixed, or fitted to the data). */
      classes?: 'fixed' | 'quantile';
    }
  /** `indicators`: the report.json indicator ids to compare (default: the headline ones). */
  | { kind: 'compare'; id: number; baseline: BaselineSpec; indicators?: string[] }
  /** Issue 17: DEM files (replacing the DEM), or none to forget it (worker_dem.ts). */
  | { kind: 'dem'; id: number; files: { name: string; bytes: ArrayBuffer }[] }
  /** Uses a radio config file's `radio` section for the terrain model from now on (null: the defaults). */
  | { kind: 'radio'; id: number; file: { name: string; text: string } | null }
  | { kind: 'why'; id: number; siteId: string; lon: number; lat: number };

/**
 * What to compare the current scenario with: the loaded data without the scenario's edits, a saved
 * scenario's edits on the same data, or an imported report.json (e.g. last period's CLI output).
 */
export type BaselineSpec =
  | { kind: 'data' }
  | { kind: 'scenario'; name: string; edits: Edit[] }
  | { kind: 'report'; name: string; json: string };

/** Worker → page. */
export type WorkerMessage =
  | { kind: 'progress'; id: number; done: number; total: number; label: string }
  | { kind: 'snapshot'; id: number; snapshot: Snapshot }
  | { kind: 'features'; id: number; layers: Partial<Record<FeatureLayer, LayerPatch>> }
  | { kind: 'delta'; id: number; delta: Delta }
  | { kind: 'validated'; id: number; report: ImportReport }
  | { kind: 'report'; id: number; json: string }
  | { kind: 'site-info'; id: number; info: SiteInfo | null }
  | { kind: 'site-rows'; id: number; rows: SiteRow[] }
  | { kind: 'plan-progress'; id: number; done: number; total: number; label: string }
  /** result null: a newer plan request came in while this one waited, so it was skipped. */
  | { kind: 'planned'; id: number; result: SuggestResult | null }
  | { kind: 'exported'; id: number; bytes: ArrayBuffer }
  | {
      kind: 'compared';
      id: number;
      comparison: ReportComparison;
      better: Record<string, 'higher' | 'lower' | null>;
    }
  | { kind: 'dem'; id: number; dem: { info: DemInfo; shade: DemShade } | null }
  | { kind: 'radio'; id: number; radio: { name: string } | null }
  | { kind: 'why'; id: number; why: WhyResult | null }
  | { kind: 'error'; id: number; userError: boolean; message: string; issues: InputIssue[] };

/** The key of a unit: ids are only unique within a level. */
export function unitKey(level: string, id: string): string {
  return `${level}:${id}`;
}

/** The label of the progress messages of the terrain footprint pool (the status line says "Computing terrain footprints"). */
export const TERRAIN_PROGRESS = 'terrain';
