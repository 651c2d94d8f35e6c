import type { MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_CONFIG } from './base/config.ts';
import { foldText } from './base/fold_text.ts';
import { groupDigits } from './base/group_digits.ts';
import type { FiberRoute, PostalPoint, Village } from './base/infrastructure.ts';
import { DEFAULT_SPEED_THRESHOLDS_MBPS, type SpeedTest } from './base/speed_tests.ts';
import type {
  AnalysisResult,
  Callbacks,
  Cell,
  Commune,
  EngineConfig,
  PopulationPoint,
  Setting,
  Site,
  Technology,
  UnitResult,
} from './base/types.ts';
import { type UnitGroup, unitGroups } from './base/unit_groups.ts';
import { analysisTerrain } from './coverage/analysis_terrain.ts';
import { type AnalysisOptions, analyze } from './coverage/analyze.ts';
import type { PopulatedLayers } from './coverage/populated_zones.ts';
import { type CommuneLocator, communeLocator } from './geometry/commune_locator.ts';
import { type FiberBlock, fiberIndicators, rollupFiber } from './infrastructure/fiber_indicators.ts';
import {
  DEFAULT_POSTAL_OPTIONS,
  type PostalBlock,
  type PostalOptions,
  postalIndicators,
  rollupPostal,
} from './infrastructure/postal_indicators.ts';
import {
  type DeadZoneVillage,
  deadZoneVillage,
  rollupVillages,
  type VillageBlock,
  villageBlock,
} from './infrastructure/village_indicators.ts';
import { applyOffsets, calibrateOffsets, type OffsetFit } from './measured/calibrate_offset.ts';
import { applyCalibration, calibrateRadii, type RadiusFit } from './measured/calibrate_radius.ts';
import {
  type MeasuredBlock,
  type MeasuredResult,
  measuredIndicators,
  type SpeedThresholds,
} from './measured/measured_indicators.ts';
import { footprintIndex, modelAgreement, settingLookup, type Verdict } from './measured/model_agreement.ts';
import { DEFAULT_RADIO } from './propagation/radio_config.ts';
import {
  type EvaluationUnit,
  evaluateTargets,
  type MetricValue,
  type TargetEvaluation,
} from './targets/evaluate_targets.ts';
import type { MetricId, Target } from './targets/targets.ts';
import type { Dem } from './terrain/dem.ts';

/** Everything one analysis takes: the CLI and the app's worker both build this and call `runAnalysis`. */
export interface FullInput {
  communes: readonly Commune[];
  sites: readonly Site[];
  populationPoints?: readonly PopulationPoint[];
  postal?: readonly PostalPoint[];
  fiber?: readonly FiberRoute[];
  villages?: readonly Village[];
  /**
   * The village ids that were dead zones in a baseline report (the previous period): the dead-zone
   * villages not among them are new dead zones (M9). Without it, M9 is not evaluable.
   */
  baselineDeadZones?: readonly string[];
  /** Settlement polygons (`--settlements`): the populated area, before raster cells and villages. */
  settlements?: readonly (Polygon | MultiPolygon)[];
  /**
   * What the populated area is drawn from, when not this input's own settlements, population points
   * and villages: an update's sub-analysis passes the whole input's, so that a disc or cell across a
   * boundary counts as in the full analysis.
   */
  populatedLayers?: PopulatedLayers;
  /** Speed tests (points, or tiles counting with their tests): the measured figures. */
  speedTests?: readonly SpeedTest[];
  /** Target sets; a set with a province applies only to units of that province (names folded). */
  targets?: readonly {
    province: string | null;
    targets: readonly Target[];
    /** Results the plan reports (targets_file.ts `reported`), compared with ours, never evaluated. */
    reported?: readonly Target[];
  }[];
  /** Terrain heights (`--dem`, the Data tab): footprints follow the terrain where it covers a site. */
  dem?: Dem;
}

export interface FullOptions extends AnalysisOptions {
  config?: Partial<EngineConfig>;
  postal?: Partial<PostalOptions>;
  /** Fiber reach distance in metres (default 1,000). */
  fiberReachM?: number;
  /**
   * Trace the polygons of the areas farther than the postal distance from a staffed point (default
   * true). The figures do not need them; the app leaves them out of its first analysis and fills them in
   * when the layer or an export asks (`withDeferredPolygons`).
   */
  postalBeyondPolygons?: boolean;
  /**
   * Use the default radii fitted to the speed tests (per operator and technology) instead of the
   * configured ones (the CLI's --calibrate); with a DEM, the fitted loss offsets instead (the radii
   * are then reported but not applied). Never applied otherwise.
   */
  calibrate?: boolean;
  /** The download each technology's tests are held to (Mb/s); default: the plans' 40 (4G, any), 100 (5G). */
  speedThresholds?: SpeedThresholds;
}

/** A unit of the report: mobile coverage plus the postal, fiber and village blocks. */
export interface FullUnit extends UnitResult {
  postal: PostalBlock | null;
  fiber: FiberBlock | null;
  villages: VillageBlock;
  /** What the speed tests in the unit say (measured, not modelled); null without a speed-test file. */
  measured?: MeasuredBlock | null;
}

export interface FullResult {
  mobile: AnalysisResult;
  units: FullUnit[];
  deadZoneVillages: DeadZoneVillage[];
  communesWithoutStaffedPoint: { id: string; name: string; parent_id: string | null }[];
  communesWithoutCulturalPoint: { id: string; name: string; parent_id: string | null }[];
  villagesOutOfFiberReach: {
    commune_id: string;
    commune_name: string;
    village_id: string;
    name: string | null;
    population: number;
  }[];
  postalBeyondPolygons: { unitId: string; geometry: Polygon }[];
  targets: TargetEvaluation[];
  /** The plans' reported results beside the tool's figure for the same unit and metric. */
  reported?: ReportedComparison[];
  postalOptions: PostalOptions;
  fiberReachM: number;
  /** The speed tests placed in communes, with one block per unit; null without speed tests. */
  measured: (MeasuredResult & { verdicts: Verdict[] | null }) | null;
  /** With a baseline: the dead-zone villages that were not dead zones in it (M9); absent without one. */
  newDeadZoneVillages?: DeadZoneVillage[];
  /** The radii fitted to the speed tests, and whether the analysis used them; null without tests. */
  calibration?: { applied: boolean; fits: RadiusFit[] } | null;
  /** With a DEM: the loss offsets fitted to the speed tests, and whether the analysis used them. */
  offsetCalibration?: { applied: boolean; fits: OffsetFit[] } | null;
}

export const DEFAULT_FIBER_REACH_M = 1000;

/** A usable fiber reach distance: metres in (0, 100,000]. */
export function isFiberReach(metres: number): boolean {
  return metres > 0 && metres <= 100_000;
}

/**
 * The one in-memory entry point: mobile coverage, postal, fiber and village indicators per commune,
 * district and province, and every target evaluated at every level it applies to.
 */
export function runAnalysis(
  input: FullInput,
  options: FullOptions = {},
  callbacks: Callbacks = {},
): FullResult {
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...options.config };
  const { communes } = input;
  const villages = input.villages ?? [];
  const centres = communes.flatMap((c, i) => (c.center ? [{ i, lon: c.center[0], lat: c.center[1] }] : []));
  const locator = communeLocator(communes);
  const fits = calibrationOf(input, options, locator);
  const offsets = offsetCalibrationOf(input, options, locator);
  // With a DEM the loss offsets are what --calibrate applies (terrain cells have no radius to fit).
  const sites = !options.calibrate
    ? input.sites
    : offsets
      ? applyOffsets(
          input.sites,
          offsets,
          settingLookup(communes, locator),
          offsetResolver(input, options),
          input.dem ?? null,
        )
      : fits && !input.dem
        ? applyCalibration(input.sites, fits, settingLookup(communes, locator))
        : input.sites;
  const mobile = analyze(
    {
      communes,
      sites,
      ...(input.populationPoints ? { populationPoints: input.populationPoints } : {}),
      probes: [...villages.map((v) => ({ lon: v.lon, lat: v.lat })), ...centres],
      ...(input.dem ? { dem: input.dem } : {}),
      populatedLayers: populatedLayersOf(input),
    },
    cfg,
    {
      ...callbacks,
      ...(options.gapPolygons === false ? { gapPolygons: false } : {}),
      ...(options.terrain ? { terrain: options.terrain } : {}),
      ...(options.siteSetting ? { siteSetting: options.siteSetting } : {}),
      ...(options.scanMemo ? { scanMemo: options.scanMemo } : {}),
      ...(options.knownProbe ? { knownProbe: options.knownProbe } : {}),
      ...(options.radio ? { radio: options.radio } : {}),
    },
  );
  const villageProbes = mobile.probes.slice(0, villages.length);
  const centreProbes = mobile.probes.slice(villages.length);

  // Villages and commune centres, per commune.
  const villagesBy = communes.map(() => [] as { village: Village; technologies: Technology[] }[]);
  const deadZoneVillages: DeadZoneVillage[] = [];
  villages.forEach((v, k) => {
    const i = locator.locate(v.lon, v.lat);
    if (i < 0) return;
    const probe = villageProbes[k]!;
    villagesBy[i]!.push({ village: v, technologies: probe.technologies });
    if (!probe.technologies.includes('4G')) deadZoneVillages.push(deadZoneVillage(v, communes[i]!, probe));
  });
  const centreCovered = communes.map(() => [] as { covered: boolean }[]);
  centres.forEach((c, k) => {
    centreCovered[c.i]!.push({ covered: centreProbes[k]!.technologies.length > 0 });
  });
  const baselineDead = input.baselineDeadZones ? new Set(input.baselineDeadZones) : undefined;
  const villageBlocks = communes.map((_, i) => villageBlock(villagesBy[i]!, centreCovered[i]!, baselineDead));

  const infra = infrastructureIndicators(input, options, locator);
  const measured = measuredOf({ ...input, sites }, options, locator);
  const units = assembleUnits(
    communes,
    mobile.units,
    infra.postal,
    infra.fiber,
    villageBlocks,
    infra.postalOptions,
    measured?.units ?? null,
  );
  return {
    mobile,
    units,
    deadZoneVillages,
    communesWithoutStaffedPoint: infra.communesWithoutStaffedPoint,
    communesWithoutCulturalPoint: infra.communesWithoutCulturalPoint,
    villagesOutOfFiberReach: infra.villagesOutOfFiberReach,
    postalBeyondPolygons: infra.postalBeyondPolygons,
    targets: evaluateTargetSets(input.targets ?? [], units, communes),
    reported: reportedComparisons(input.targets ?? [], units, communes),
    postalOptions: infra.postalOptions,
    fiberReachM: infra.fiberReachM,
    measured,
    calibration: fits ? { applied: options.calibrate === true && !input.dem, fits } : null,
    ...(offsets ? { offsetCalibration: { applied: options.calibrate === true, fits: offsets } } : {}),
    ...(baselineDead
      ? { newDeadZoneVillages: deadZoneVillages.filter((d) => !baselineDead.has(d.village_id)) }
      : {}),
  };
}

/** The layers an input's populated area is drawn from (settlements > raster cells > villages). */
export function populatedLayersOf(input: FullInput): PopulatedLayers {
  if (input.populatedLayers) return input.populatedLayers;
  return {
    ...(input.settlements ? { settlements: input.settlements } : {}),
    ...(input.populationPoints ? { populationPoints: input.populationPoints } : {}),
    ...(input.villages ? { villages: input.villages } : {}),
  };
}

/** The measured indicators of the input's speed tests (null without any). */
export function measuredOf(
  input: FullInput,
  options: FullOptions = {},
  locator: CommuneLocator = communeLocator(input.communes),
): (MeasuredResult & { verdicts: Verdict[] | null }) | null {
  if (!input.speedTests) return null;
  // The shares of tests at the thresholds the targets name (DN-S1-5G: ≥ 95 % of tests at 220 Mb/s).
  const extra: Partial<Record<string, number[]>> = {};
  for (const set of input.targets ?? [])
    for (const t of set.targets)
      if (t.metric === 'speed.tests_meeting_pct' && t.threshold_mbps !== undefined) {
        const key = t.technology ?? 'any';
        extra[key] = [...(extra[key] ?? []), t.threshold_mbps];
      }
  const thresholds = options.speedThresholds ?? DEFAULT_SPEED_THRESHOLDS_MBPS;
  const m = measuredIndicators(input.communes, locator, input.speedTests, thresholds, extra);
  if (input.sites.length === 0) return { ...m, verdicts: null };
  // Model against measurement: each test against the footprints of its technology and operator.
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...options.config };
  const terrain = input.dem ? analysisTerrain(input.dem, options) : null;
  const footprints = footprintIndex(input.sites, cfg, settingLookup(input.communes, locator), terrain);
  const agreement = modelAgreement(
    input.communes,
    input.speedTests,
    m.communeOf,
    footprints,
    thresholds,
    m.operators,
  );
  return {
    ...m,
    units: m.units.map((u, k) => ({ ...u, agreement: agreement.units[k]! })),
    verdicts: agreement.verdicts,
  };
}

/**
 * The fitted default radius per operator and technology (`calibrateRadii`), from the speed tests;
 * null without tests or sites. Computed always, applied only with `calibrate`.
 */
export function calibrationOf(
  input: FullInput,
  options: FullOptions = {},
  locator: CommuneLocator = communeLocator(input.communes),
): RadiusFit[] | null {
  if (!input.speedTests || input.sites.length === 0) return null;
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...options.config };
  return calibrateRadii(
    input.speedTests,
    input.sites,
    cfg,
    settingLookup(input.communes, locator),
    options.speedThresholds ?? DEFAULT_SPEED_THRESHOLDS_MBPS,
  );
}

/** How the offset fit resolves a cell's radio parameters: the analysis's terrain model's. */
function offsetResolver(input: FullInput, options: FullOptions) {
  const model = analysisTerrain(input.dem!, options).model;
  return (site: Site, cell: Cell, setting: Setting) => model.resolve(site, cell, setting);
}

/**
 * With a DEM and speed tests: the loss offset per operator and technology (`calibrateOffsets`) over
 * the analysis's terrain model and radio settings; null otherwise. Computed always, applied only with
 * `calibrate`.
 */
export function offsetCalibrationOf(
  input: FullInput,
  options: FullOptions = {},
  locator: CommuneLocator = communeLocator(input.communes),
): OffsetFit[] | null {
  if (!input.dem || !input.speedTests || input.sites.length === 0) return null;
  return calibrateOffsets(
    input.speedTests,
    input.sites,
    input.dem,
    options.radio ?? DEFAULT_RADIO,
    settingLookup(input.communes, locator),
    options.speedThresholds ?? DEFAULT_SPEED_THRESHOLDS_MBPS,
    offsetResolver(input, options),
  );
}

/** The postal and fiber half of an analysis: per-commune blocks and the lists drawn from them. */
export interface InfrastructureResult {
  /** One block per commune, or null without postal points. */
  postal: PostalBlock[] | null;
  /** One block per commune, or null without fiber routes. */
  fiber: FiberBlock[] | null;
  communesWithoutStaffedPoint: FullResult['communesWithoutStaffedPoint'];
  communesWithoutCulturalPoint: FullResult['communesWithoutCulturalPoint'];
  villagesOutOfFiberReach: FullResult['villagesOutOfFiberReach'];
  postalBeyondPolygons: FullResult['postalBeyondPolygons'];
  postalOptions: PostalOptions;
  fiberReachM: number;
}

/**
 * The postal and fiber indicators of every commune, without mobile coverage (the sites are not
 * used): `runAnalysis` is this plus the mobile half, and the app's worker runs the two one after the
 * other so that the map is coloured before this half is done (`combineAnalyses`).
 */
export function infrastructureIndicators(
  input: FullInput,
  options: FullOptions = {},
  locator: CommuneLocator = communeLocator(input.communes),
): InfrastructureResult {
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...options.config };
  const postalOptions: PostalOptions = { ...DEFAULT_POSTAL_OPTIONS, ...options.postal };
  const reach = options.fiberReachM ?? DEFAULT_FIBER_REACH_M;
  const { communes } = input;
  const postal = input.postal
    ? postalIndicators(
        communes,
        locator,
        input.postal,
        input.populationPoints,
        cfg,
        postalOptions,
        options.postalBeyondPolygons !== false,
      )
    : null;
  const fiber = input.fiber
    ? fiberIndicators(
        communes,
        locator,
        input.fiber,
        (input.villages ?? []).map((v) => ({
          id: v.id,
          ...(v.name ? { name: v.name } : {}),
          lon: v.lon,
          lat: v.lat,
          population: v.population,
        })),
        input.populationPoints,
        cfg,
        reach,
      )
    : null;
  // A commune's parent in the report: its district, else its province (as the mobile units have it).
  const flagged = (pred: (b: PostalBlock) => boolean) =>
    postal
      ? communes.flatMap((c, i) =>
          pred(postal.communes[i]!)
            ? [{ id: c.id, name: c.name, parent_id: c.districtId ?? c.provinceId }]
            : [],
        )
      : [];
  return {
    postal: postal?.communes ?? null,
    fiber: fiber?.communes ?? null,
    communesWithoutStaffedPoint: flagged((b) => b.communes_with_staffed_point === 0),
    communesWithoutCulturalPoint: flagged((b) => b.communes_with_cultural_point === 0),
    villagesOutOfFiberReach: fiber
      ? fiber.villagesOutOfReach.map(({ communeIndex, village }) => ({
          commune_id: communes[communeIndex]!.id,
          commune_name: communes[communeIndex]!.name,
          village_id: village.id,
          name: village.name ?? null,
          population: village.population,
        }))
      : [],
    postalBeyondPolygons: postal?.beyondPolygons ?? [],
    postalOptions,
    fiberReachM: reach,
  };
}

/**
 * Joins the communes' mobile units with their postal, fiber and village blocks, and adds the three
 * blocks up to the districts and provinces (the mobile rollups are already in `mobileUnits`).
 */
export function assembleUnits(
  communes: readonly Commune[],
  mobileUnits: readonly UnitResult[],
  postal: readonly PostalBlock[] | null,
  fiber: readonly FiberBlock[] | null,
  villageBlocks: readonly VillageBlock[],
  postalOptions: PostalOptions,
  measured: readonly MeasuredBlock[] | null = null,
): FullUnit[] {
  const groups = unitGroups(communes);
  return mobileUnits.map((u, k) => {
    const m = measured?.[k] ?? null;
    if (k < communes.length) {
      return {
        ...u,
        postal: postal?.[k] ?? null,
        fiber: fiber?.[k] ?? null,
        villages: villageBlocks[k]!,
        measured: m,
      };
    }
    const g = groups[k - communes.length]!;
    const areas = g.members.map((i) => mobileUnits[i]!.area_km2);
    return {
      ...u,
      postal: postal
        ? rollupPostal(
            g.members.map((i) => postal[i]!),
            u.population,
            postalOptions,
          )
        : null,
      fiber: fiber
        ? rollupFiber(
            g.members.map((i) => fiber[i]!),
            u.population,
            areas,
          )
        : null,
      villages: rollupVillages(g.members.map((i) => villageBlocks[i]!)),
      measured: m,
    };
  });
}

/** The territory a target set (or one target) is evaluated on: a province-level unit and its communes. */
interface Territory {
  id: string;
  name: string;
  /** Report unit indices (communes, districts, the province-level unit) evaluated. */
  units: Set<number>;
}

/**
 * The territory of a target of a set for province `province`: a plan's scope is its province as it was
 * when the plan was written. A `pre2025` target of a province that is now part of a merged one is
 * evaluated over that old province's area (the 2025 units with at least FORMER_AREA_MIN_SHARE of their
 * area in it, see `unitGroups`); otherwise over the province of that name; a set without a province
 * over everything. Null when the set's province is not in the boundary set at all.
 */
function territoryOf(
  province: string | null,
  boundarySet: 'pre2025' | '2025' | undefined,
  units: readonly FullUnit[],
  communes: readonly Commune[],
  groups: readonly UnitGroup[],
): Territory | null {
  const n = communes.length;
  if (province === null) return { id: '', name: '', units: new Set(units.map((_u, k) => k)) };
  const key = foldText(province);
  const formerK = groups.findIndex(
    (g) => g.formerProvince !== undefined && foldText(g.formerProvince) === key,
  );
  const currentK = groups.findIndex(
    (g) => g.level === 'province' && g.formerProvince === undefined && foldText(g.name) === key,
  );
  const pick =
    boundarySet === '2025' ? currentK : formerK >= 0 && boundarySet === 'pre2025' ? formerK : currentK;
  const k = pick >= 0 ? pick : formerK;
  if (k < 0) return null;
  const g = groups[k]!;
  const members = new Set(g.members);
  const out = new Set<number>([n + k]);
  for (const i of members) out.add(i);
  // Districts wholly inside the territory (pre-2025 sets) are evaluated too.
  groups.forEach((d, j) => {
    if (d.level === 'district' && d.members.every((i) => members.has(i))) out.add(n + j);
  });
  return { id: g.id, name: g.name, units: out };
}

/**
 * Evaluates every target of every set at every unit of its territory (see `territoryOf`: the
 * province of the set as the plan knew it) and names that territory on each evaluation. With `only`,
 * just the units whose index it accepts.
 */
export function evaluateTargetSets(
  sets: readonly { province: string | null; targets: readonly Target[] }[],
  units: readonly FullUnit[],
  communes: readonly Commune[],
  only?: (unitIndex: number) => boolean,
): TargetEvaluation[] {
  const groups = unitGroups(communes);
  const evaluationUnits = (territory: Territory): EvaluationUnit[] =>
    units.flatMap((u, k) =>
      (only === undefined || only(k)) && territory.units.has(k)
        ? [
            {
              id: u.id,
              name: u.name,
              level: u.level,
              urban: k < communes.length ? communes[k]!.setting === 'urban' : undefined,
            },
          ]
        : [],
    );
  const memberIndex = new Map(groups.map((g) => [g.id, g.members]));
  const byId = new Map(units.map((u, k) => [u.id, k]));
  // One target at a time, so the lookup knows the target's scope (urban scopes sum urban communes).
  return sets.flatMap((set) =>
    set.targets.flatMap((t) => {
      const territory = territoryOf(set.province, t.boundary_set, units, communes, groups);
      if (!territory) return [];
      return evaluateTargets(
        [t],
        evaluationUnits(territory),
        metricLookup(units, communes, byId, memberIndex, URBAN_SCOPES.has(t.scope)),
      ).map((e) => (territory.id ? { ...e, territory_id: territory.id, territory_name: territory.name } : e));
    }),
  );
}

/**
 * A result a plan reports (Gia Lai 2025: "đạt tỷ lệ phủ sóng 91% khu vực có dân cư", 001:115) next to
 * the tool's own figure for the same metric and unit. Not a target: nothing is met or not met.
 */
export interface ReportedComparison {
  reported_id: string;
  indicator: string;
  indicator_en: string;
  metric: MetricId;
  technology: string | null;
  unit_id: string;
  unit_name: string;
  level: FullUnit['level'];
  /** The plan's figure, in the metric's unit. */
  reported_value: number;
  /** The year the plan reports it for. */
  year: number | null;
  /** The tool's figure (modelled); null where it has no data for the metric. */
  value: number | null;
  /** value − reported_value, in the metric's unit; null without a value. */
  difference: number | null;
  source: Target['source'];
  note?: string;
  /** The boundaries the plan reported it on (its province as it then was); absent when not stated. */
  boundary_set?: Target['boundary_set'];
  territory_id?: string;
  territory_name?: string;
}

/** The reported results of every target set beside our figures, on the territory their plan names. */
export function reportedComparisons(
  sets: NonNullable<FullInput['targets']>,
  units: readonly FullUnit[],
  communes: readonly Commune[],
): ReportedComparison[] {
  return sets.flatMap((set) => {
    const reported = set.reported ?? [];
    if (!reported.length) return [];
    const byId = new Map(reported.map((r) => [r.id, r]));
    return evaluateTargetSets([{ province: set.province, targets: reported }], units, communes).map((e) => {
      const r = byId.get(e.target_id)!;
      return {
        reported_id: r.id,
        indicator: r.indicator,
        indicator_en: r.indicator_en,
        metric: r.metric,
        technology: r.technology,
        unit_id: e.unit_id,
        unit_name: e.unit_name,
        level: e.level,
        reported_value: r.value,
        year: r.year,
        value: e.value,
        difference: e.value === null ? null : e.value - r.value,
        source: r.source,
        ...(r.note ? { note: r.note } : {}),
        ...(r.boundary_set ? { boundary_set: r.boundary_set } : {}),
        ...(e.territory_id ? { territory_id: e.territory_id, territory_name: e.territory_name! } : {}),
      };
    });
  });
}

const pct = (num: number, den: number): MetricValue => ({
  value: den > 0 ? (100 * num) / den : null,
  numerator: num,
  denominator: den,
});

const URBAN_SCOPES = new Set(['urban_communes', 'urban_or_centre_communes']);

/**
 * Reads a target metric off the report units (null where the tool has no data for it). With
 * `urbanOnly`, district and province values are sums over their urban communes (phường, thị trấn).
 */
function metricLookup(
  units: readonly FullUnit[],
  communes: readonly Commune[],
  byId: Map<string, number>,
  members: Map<string, number[]>,
  urbanOnly: boolean,
) {
  return (
    unitId: string,
    metric: MetricId,
    technology: string | null,
    target?: Target,
  ): MetricValue | null => {
    const k = byId.get(unitId);
    if (k === undefined) return null;
    const u = units[k]!;
    const cov = u.coverage.find((c) => c.technology === (technology ?? 'any') && c.operator === 'all');
    const v = u.villages;
    const p = u.postal;
    const f = u.fiber;
    // Urban-only figures at district/province level: sums over their urban communes.
    const urbanMembers = () => (members.get(unitId) ?? [k]).filter((i) => communes[i]!.setting === 'urban');
    switch (metric) {
      case 'mobile.population_pct': {
        if (!cov) return null;
        if (!urbanOnly || k < communes.length) return pct(cov.covered_population, u.population);
        const urban = urbanMembers();
        if (urban.length === 0) return null;
        const ci = u.coverage.indexOf(cov);
        const covered = urban.reduce((s, i) => s + units[i]!.coverage[ci]!.covered_population, 0);
        return pct(
          covered,
          urban.reduce((s, i) => s + units[i]!.population, 0),
        );
      }
      case 'mobile.area_pct':
        return cov ? { value: cov.area_pct } : null;
      case 'mobile.populated_area_pct': {
        if (!cov) return null;
        if (!urbanOnly || k < communes.length)
          return cov.populated_area_pct == null ? null : { value: cov.populated_area_pct };
        // Urban communes only: covered populated km² over populated km², as the rollup weights them.
        const ci = u.coverage.indexOf(cov);
        let area = 0;
        let covered = 0;
        for (const i of urbanMembers()) {
          const m = units[i]!;
          const share = m.coverage[ci]!.populated_area_pct;
          if (!m.populated_area_km2 || share == null) continue;
          area += m.populated_area_km2;
          covered += (share / 100) * m.populated_area_km2;
        }
        return area > 0 ? { value: (100 * covered) / area } : null;
      }
      case 'mobile.commune_centres_covered_pct':
        return v.commune_centres ? pct(v.commune_centres_covered, v.commune_centres) : null;
      case 'villages.grid_powered_with_4g_pct': {
        const c = v.covered.find((x) => x.technology === (technology ?? '4G'))!;
        return v.grid_powered ? pct(c.grid_powered_covered, v.grid_powered) : null;
      }
      case 'villages.new_dead_zones':
        return v.new_dead_zone_villages === undefined
          ? null
          : { value: v.new_dead_zone_villages, numerator: v.new_dead_zone_villages, denominator: v.villages };
      case 'villages.with_mobile_pct': {
        const c = v.covered.find((x) => x.technology === (technology ?? 'any'))!;
        return v.villages ? pct(c.villages_covered, v.villages) : null;
      }
      case 'postal.avg_service_radius_km':
        return p ? { value: p.avg_service_radius_km, numerator: p.points, denominator: p.area_km2 } : null;
      case 'postal.communes_with_staffed_point_pct':
        return p ? pct(p.communes_with_staffed_point, p.communes) : null;
      case 'postal.staffed_points_with_internet_pct':
        return p && p.staffed_points ? pct(p.staffed_points_with_internet, p.staffed_points) : null;
      case 'postal.points_with_online_services_pct':
        return p && p.points ? pct(p.points_with_online_public_services, p.points) : null;
      case 'postal.communes_with_cultural_point_pct':
        return p ? pct(p.communes_with_cultural_point, p.communes) : null;
      case 'postal.tier_agents_radius_km':
      case 'postal.tier_agents_population_per_point':
      case 'postal.tier_post_offices_radius_km':
      case 'postal.tier_post_offices_population_per_point': {
        if (!p) return null;
        const agents = metric.startsWith('postal.tier_agents');
        const urban = urbanMembers();
        if (urban.length === 0) return null;
        let n = 0;
        let area = 0;
        let people = 0;
        for (const i of urban) {
          const t = units[i]!.postal?.tier_standards;
          if (!t) continue;
          const s = agents ? t.agents_and_cultural : t.post_offices;
          n += s.points;
          area += units[i]!.area_km2;
          people += units[i]!.population;
        }
        if (metric.endsWith('radius_km')) {
          return { value: n > 0 ? Math.sqrt(area / (Math.PI * n)) : null, numerator: n, denominator: area };
        }
        return { value: n > 0 ? people / n : null, numerator: n, denominator: people };
      }
      case 'fiber.population_within_reach_pct':
        return f ? pct(f.population_within_reach, u.population) : null;
      case 'fiber.commune_centres_within_reach_pct':
        return f && f.communes_with_centre
          ? pct(f.communes_centre_within_reach, f.communes_with_centre)
          : null;
      case 'fiber.villages_within_reach_pct':
        return f && f.villages ? pct(f.villages_within_reach, f.villages) : null;
      case 'speed.download_mbps':
      case 'speed.tests_meeting_pct':
        return speedValue(u.measured ?? null, metric, technology ?? 'any', target?.threshold_mbps);
      default:
        return null;
    }
  };
}

/**
 * A speed target's measured value in a unit: the mean download over its tests of the technology (any
 * operator), or the share of them at or above the threshold (a tile counts whole, by its mean). Null
 * without a speed-test file; a value of null, with the reason, where no test of the technology falls.
 */
function speedValue(
  m: MeasuredBlock | null,
  metric: 'speed.download_mbps' | 'speed.tests_meeting_pct',
  technology: string,
  threshold: number | undefined,
): MetricValue | null {
  if (!m) return null;
  const g = m.groups.find((x) => x.technology === technology && x.operator === 'all');
  const tests = g?.tests ?? 0;
  const span = m.date_from ? ` (${m.date_from} – ${m.date_to})` : '';
  if (!g || tests === 0)
    return {
      value: null,
      reason: {
        vi: `không có lần đo tốc độ ${technology === 'any' ? '' : `${technology} `}nào trong đơn vị này${span}`,
        en: `no ${technology === 'any' ? '' : `${technology} `}speed test falls in this unit${span}`,
      },
    };
  const note = {
    vi: `đo thực tế, ${groupDigits(String(tests), '.')} lần đo${span}`,
    en: `measured, ${groupDigits(String(tests), ',')} tests${span}`,
  };
  if (metric === 'speed.download_mbps') return { value: g.download_mean_mbps, note };
  if (threshold === undefined) return null;
  const above =
    g.threshold_mbps === threshold
      ? g.tests_at_or_above
      : g.shares.find((x) => x.threshold_mbps === threshold)?.tests_at_or_above;
  return above === undefined || above === null ? null : { ...pct(above, tests), note };
}
