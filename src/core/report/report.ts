import type { EngineConfig, TerrainSummary } from '../base/types.ts';
import { type CountedSites, describeRule } from '../coverage/counted_sites.ts';
import type { FiberBlock } from '../infrastructure/fiber_indicators.ts';
import type { PostalBlock } from '../infrastructure/postal_indicators.ts';
import type { DeadZoneVillage, VillageBlock } from '../infrastructure/village_indicators.ts';
import type { OffsetFit } from '../measured/calibrate_offset.ts';
import type { RadiusFit } from '../measured/calibrate_radius.ts';
import type { MeasuredBlock } from '../measured/measured_indicators.ts';
import type { FullResult, FullUnit, ReportedComparison } from '../run_analysis.ts';
import type { TargetEvaluation } from '../targets/evaluate_targets.ts';
import { footprintMethodNote } from '../terrain/footprint_method.ts';
import { calibrationNote } from './calibration_note.ts';

export interface ReportInputs {
  boundaries: string;
  sites: string;
  population: string | null;
  postal: string | null;
  fiber: string | null;
  villages: string | null;
  /** The baseline report whose dead zones M9 compares with; absent without one. */
  baseline?: string | null;
  /** The speed-test file (measured figures); absent in reports made before it existed. */
  speedtests?: string | null;
  /** The settlement polygons (populated area); absent in reports made before it existed. */
  settlements?: string | null;
  targets: string[];
  config: string | null;
  /** True when any input is the bundled synthetic sample. */
  synthetic: boolean;
}

export interface CoverageReport {
  generated_at: string;
  inputs: ReportInputs;
  method: {
    coverage: string;
    area: string;
    population_surface: string;
    population_method_by_commune: Record<string, string>;
    footprint_radii_m: EngineConfig['radii'];
    footprint_precedence: string;
    /**
     * Which footprints the figures use: terrain (model, DEM sources, defaults used) or circles and
     * sectors (no DEM), with the note in both languages.
     */
    footprints?: {
      kind: 'terrain' | 'circles';
      vi: string;
      en: string;
      terrain: TerrainSummary | null;
    };
    scanlines_per_commune: number;
    gap_technologies: string[];
    modelled: string;
    postal_counting_rule: string[];
    postal_radius_formula: string;
    postal_distance_km: number;
    fiber_reach_m: number;
    villages: string;
    /** Which cells the figures count (today: on air; with an as-of year: plus planned by then). */
    cell_counting?: CellCounting;
    /** How the measured (speed-test) figures are computed; present with a speed-test file. */
    measured?: string;
    /** How the populated area (khu vực có dân cư) is drawn, and the village disc radius (m). */
    populated_area?: string;
    populated_village_radius_m?: number;
  };
  /** The speed tests read (đo thực tế / measured): counts and date range; null without a speed-test file. */
  measured?: MeasuredSummary | null;
  /** The default radii fitted to the speed tests, and whether they were used; null without tests and sites. */
  calibration?: { applied: boolean; fits: RadiusFit[] } | null;
  /** With a DEM: the loss offsets (dB) fitted to the speed tests, and whether they were used; absent otherwise. */
  offset_calibration?: { applied: boolean; fits: OffsetFit[] };
  operators: string[];
  technologies: string[];
  units: FullUnit[];
  targets: TargetEvaluation[];
  /** Results the plans report beside our figure for the same metric (not targets); absent in older reports. */
  reported_results?: ReportedComparison[];
  dead_zone_villages: DeadZoneVillage[];
  /** With a baseline report: the dead-zone villages that were not dead zones in it (M9). */
  new_dead_zone_villages?: DeadZoneVillage[] | null;
  communes_without_staffed_postal_point: { id: string; name: string; parent_id: string | null }[];
  communes_without_cultural_post_point: { id: string; name: string; parent_id: string | null }[];
  villages_out_of_fiber_reach: FullResult['villagesOutOfFiberReach'];
}

/** The speed tests behind a report's measured figures. */
export interface MeasuredSummary {
  /** Tests placed in a commune (a tile counts with its test count). */
  tests: number;
  /** Records placed in a commune: points plus tiles. */
  records: number;
  /** Tests outside every commune, left out. */
  tests_outside: number;
  date_from: string | null;
  date_to: string | null;
  operators: string[];
}

/** The cell-counting rule of a report and what it left out. */
export interface CellCounting {
  /** null: today (on air only); a year: the plan as of that year. */
  as_of: number | null;
  rule: string;
  on_air_cells: number;
  planned_counted: number;
  planned_left_out: number;
  planned_without_year: number;
  sites_left_out: number;
}

/** The report's block for a counting. */
export function cellCounting(c: CountedSites): CellCounting {
  return {
    as_of: c.rule.asOf,
    rule: describeRule(c.rule),
    on_air_cells: c.onAirCells,
    planned_counted: c.plannedCounted,
    planned_left_out: c.plannedLeftOut,
    planned_without_year: c.plannedWithoutYear,
    sites_left_out: c.sitesLeftOut,
  };
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const roundOrNull = (v: number | null, d: number) => (v === null ? null : round(v, d));

function roundPostal(p: PostalBlock | null): PostalBlock | null {
  if (!p) return null;
  return {
    ...p,
    staffed_with_internet_pct: roundOrNull(p.staffed_with_internet_pct, 4),
    online_services_pct: roundOrNull(p.online_services_pct, 4),
    avg_service_radius_km: roundOrNull(p.avg_service_radius_km, 4),
    population_per_point: roundOrNull(p.population_per_point, 1),
    area_km2: round(p.area_km2, 4),
    beyond_distance_area_pct: round(p.beyond_distance_area_pct, 4),
    beyond_distance_population_pct: round(p.beyond_distance_population_pct, 4),
    beyond_distance_population: round(p.beyond_distance_population, 1),
  };
}

function roundFiber(f: FiberBlock | null): FiberBlock | null {
  if (!f) return null;
  return {
    ...f,
    route_km: round(f.route_km, 3),
    population_within_reach_pct: round(f.population_within_reach_pct, 4),
    population_within_reach: round(f.population_within_reach, 1),
    area_within_reach_pct: round(f.area_within_reach_pct, 4),
    villages_within_reach_pct: roundOrNull(f.villages_within_reach_pct, 4),
  };
}

function roundMeasured(m: MeasuredBlock | null | undefined): MeasuredBlock | null {
  if (!m) return null;
  const r = (x: number | null) => roundOrNull(x, 3);
  return {
    ...m,
    groups: m.groups.map((g) => ({
      ...g,
      download_mean_mbps: r(g.download_mean_mbps),
      download_median_mbps: r(g.download_median_mbps),
      upload_mean_mbps: r(g.upload_mean_mbps),
      upload_median_mbps: r(g.upload_median_mbps),
      latency_mean_ms: r(g.latency_mean_ms),
      latency_median_ms: r(g.latency_median_ms),
      tests_at_or_above_pct: roundOrNull(g.tests_at_or_above_pct, 4),
      shares: g.shares.map((x) => ({ ...x, tests_at_or_above_pct: roundOrNull(x.tests_at_or_above_pct, 4) })),
    })),
    ...(m.agreement
      ? { agreement: m.agreement.map((a) => ({ ...a, agreement_pct: roundOrNull(a.agreement_pct, 4) })) }
      : {}),
  };
}

function roundVillages(v: VillageBlock): VillageBlock {
  return {
    ...v,
    covered: v.covered.map((c) => ({
      ...c,
      villages_covered_pct: roundOrNull(c.villages_covered_pct, 4),
      grid_powered_covered_pct: roundOrNull(c.grid_powered_covered_pct, 4),
    })),
  };
}

/** Rounds a unit's figures for output: % to 4 decimals, km² to 4, people to 1. */
function roundUnit(u: FullUnit): FullUnit {
  return {
    ...u,
    area_km2: round(u.area_km2, 4),
    population: round(u.population, 1),
    populated_area_km2: roundOrNull(u.populated_area_km2 ?? null, 4),
    populated_area_method: u.populated_area_method ?? null,
    coverage: u.coverage.map((c) => ({
      ...c,
      area_pct: round(c.area_pct, 4),
      population_pct: round(c.population_pct, 4),
      covered_population: round(c.covered_population, 1),
      populated_area_pct: roundOrNull(c.populated_area_pct ?? null, 4),
    })),
    gaps: u.gaps.map((g) => ({ ...g, area_km2: round(g.area_km2, 4), population: round(g.population, 1) })),
    postal: roundPostal(u.postal),
    fiber: roundFiber(u.fiber),
    villages: roundVillages(u.villages),
    measured: roundMeasured(u.measured),
  };
}

/** Assembles report.json from a full analysis (schema: docs/report-schema.md). */
export function buildReport(
  result: FullResult,
  config: EngineConfig,
  inputs: ReportInputs,
  generatedAt: Date,
  counting?: CountedSites,
): CoverageReport {
  const methods = new Set(Object.values(result.mobile.populationMethod));
  const surface =
    methods.size === 1 && methods.has('uniform')
      ? 'uniform: each commune’s census population spread evenly over its area (population % equals area %)'
      : 'points: share of village/raster population points covered, scaled to the commune’s census total; communes without points use the uniform spread';
  return {
    generated_at: generatedAt.toISOString(),
    inputs,
    method: {
      coverage:
        'union of site footprints ∩ unit; scanline integration in a local area-true plane (exact chords per row, midpoint rule across rows)',
      area: 'area on the WGS84 ellipsoid (cylindrical equal-area projection of the ellipsoid), km²',
      population_surface: surface,
      population_method_by_commune: result.mobile.populationMethod,
      footprint_radii_m: config.radii,
      footprint_precedence: result.mobile.terrain
        ? 'one footprint per cell: operator predicted polygon > terrain footprint over the DEM (site on the DEM) > sector (azimuth_deg + beamwidth_deg) > cell or site radius_m > default radius by technology and commune setting'
        : 'one footprint per cell: operator predicted polygon > sector (azimuth_deg + beamwidth_deg) > cell or site radius_m > default radius by technology and commune setting',
      footprints: {
        kind: result.mobile.terrain ? 'terrain' : 'circles',
        vi: footprintMethodNote(result.mobile.terrain, 'vi') + calibrationNote(result, 'vi'),
        en: footprintMethodNote(result.mobile.terrain, 'en') + calibrationNote(result, 'en'),
        terrain: result.mobile.terrain ?? null,
      },
      scanlines_per_commune: config.scanlines,
      gap_technologies: config.gapTechnologies,
      modelled: 'Coverage is MODELLED from footprints, not measured.',
      postal_counting_rule: result.postalOptions.countingRule,
      postal_radius_formula:
        'R̄ = √(S / (π·N)), S = unit area (km²), N = counted points; points needed = ⌈S/(π·3²)⌉ − N',
      postal_distance_km: result.postalOptions.distanceKm,
      fiber_reach_m: result.fiberReachM,
      villages:
        'a village is covered by a technology when it lies inside a footprint of that technology from any operator; dead-zone villages have no 4G',
      ...(counting ? { cell_counting: cellCounting(counting) } : {}),
      ...(result.units.some((u) => u.populated_area_method) ? populatedMethod(config) : {}),
      ...(result.measured
        ? {
            measured:
              'MEASURED (đo thực tế), not modelled. Agreement with the model: a test with download below 10 % of its technology’s threshold (0 Mb/s for 2G/3G) inside a footprint of its technology and operator, or at or above the threshold outside every such footprint, disagrees; agreement % = agreeing tests ÷ tests. Each speed test (an Ookla tile: its centre) is placed in the commune it falls in and counted once at every level above; means and medians are over tests (a tile’s means weighted by its test count, its median as if each of its tests had the tile’s mean); the share of tests at or above a threshold counts a tile whole by its mean; technology “any” and operator “all” include the tests that name none',
          }
        : {}),
    },
    measured: result.measured ? measuredSummary(result) : null,
    calibration: result.calibration
      ? {
          applied: result.calibration.applied,
          fits: result.calibration.fits.map((f) => ({
            ...f,
            scale: round(f.scale, 4),
            service_match_before_pct: round(f.service_match_before_pct, 4),
            service_match_after_pct: round(f.service_match_after_pct, 4),
            agreement_before_pct: round(f.agreement_before_pct, 4),
            agreement_after_pct: round(f.agreement_after_pct, 4),
          })),
        }
      : null,
    ...(result.offsetCalibration
      ? {
          offset_calibration: {
            applied: result.offsetCalibration.applied,
            fits: result.offsetCalibration.fits.map((f) => ({
              ...f,
              agreement_before_pct: round(f.agreement_before_pct, 4),
              agreement_after_pct: round(f.agreement_after_pct, 4),
            })),
          },
        }
      : {}),
    operators: result.mobile.operators,
    technologies: result.mobile.technologies,
    units: result.units.map(roundUnit),
    targets: result.targets.map((t) => ({
      ...t,
      value: roundOrNull(t.value, 4),
      gap: roundOrNull(t.gap, 4),
    })),
    reported_results: (result.reported ?? []).map((r) => ({
      ...r,
      value: roundOrNull(r.value, 4),
      difference: roundOrNull(r.difference, 4),
    })),
    dead_zone_villages: result.deadZoneVillages.map((d) => ({
      ...d,
      nearest_4g_site_km: roundOrNull(d.nearest_4g_site_km, 3),
      nearest_4g_bearing_deg: roundOrNull(d.nearest_4g_bearing_deg, 1),
    })),
    new_dead_zone_villages: result.newDeadZoneVillages
      ? result.newDeadZoneVillages.map((d) => ({
          ...d,
          nearest_4g_site_km: roundOrNull(d.nearest_4g_site_km, 3),
          nearest_4g_bearing_deg: roundOrNull(d.nearest_4g_bearing_deg, 1),
        }))
      : null,
    communes_without_staffed_postal_point: result.communesWithoutStaffedPoint,
    communes_without_cultural_post_point: result.communesWithoutCulturalPoint,
    villages_out_of_fiber_reach: result.villagesOutOfFiberReach,
  };
}

/** The method lines of the populated area, for a report whose units have one. */
function populatedMethod(config: EngineConfig) {
  return {
    populated_area:
      'populated_area_pct = covered part of the populated area (khu vực có dân cư) ÷ the populated area × 100, integrated along the same scanlines as area_pct; the populated area of a commune is, in order of precedence, the settlement polygons (--settlements), else the population raster’s cells with people, else a disc of populated_village_radius_m around each village point, whichever first reaches the commune; null where none does; districts and provinces weight by populated area (km²); MODELLED coverage',
    populated_village_radius_m: config.populatedVillageRadiusM,
  };
}

/** The totals of the speed tests behind the measured figures: those of the provinces, summed. */
function measuredSummary(result: FullResult): MeasuredSummary {
  const m = result.measured!;
  let tests = 0;
  let records = 0;
  let from: string | null = null;
  let to: string | null = null;
  for (const u of result.units) {
    if (u.level !== 'province' || !u.measured) continue;
    const all = u.measured.groups[0]!;
    tests += all.tests;
    records += all.records;
    if (all.date_from !== null && (from === null || all.date_from < from)) from = all.date_from;
    if (all.date_to !== null && (to === null || all.date_to > to)) to = all.date_to;
  }
  return {
    tests,
    records,
    tests_outside: m.testsOutside,
    date_from: from,
    date_to: to,
    operators: m.operators,
  };
}
