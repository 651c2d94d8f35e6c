import { DEFAULT_CONFIG } from '../base/config.ts';
import { UserError } from '../base/errors.ts';
import { cellsOf } from '../base/site_cells.ts';
import {
  ALL_OPERATORS,
  type AnalysisResult,
  type Callbacks,
  type Commune,
  type CoverageFigure,
  type EngineConfig,
  type GapPolygon,
  type PopulatedAreaMethod,
  type PopulationMethod,
  type PopulationPoint,
  type Setting,
  type Site,
  TECHNOLOGIES,
  type Technology,
  type UnitResult,
} from '../base/types.ts';
import { communeLocator } from '../geometry/commune_locator.ts';
import { geodesicArea } from '../geometry/geodesic_area.ts';
import { pointInRings } from '../geometry/point_in_polygon.ts';
import type { RadioConfig } from '../propagation/radio_config.ts';
import type { Dem } from '../terrain/dem.ts';
import { terrainCellCounts, terrainSummary } from '../terrain/footprint_method.ts';
import type { TerrainContext, TerrainOptions } from '../terrain/terrain_context.ts';
import { analysisTerrain } from './analysis_terrain.ts';
import { coveredSum, reportCombos } from './combos.ts';
import { type CommuneScan, type PairRows, type ScanReuse, scanCommune } from './commune_scan.ts';
import { MAX_PAIRS, type PairLayout, pairLayout } from './footprints.ts';
import { gapPolygons } from './gap_polygons.ts';
import { POPULATED_BIT, type PopulatedLayers, populatedZones } from './populated_zones.ts';
import { type ProbeResult, probeCoverage } from './probe_coverage.ts';
import { rollup } from './rollup.ts';
import { type SiteFootprints, siteFootprints } from './site_footprints.ts';

export interface AnalysisInput {
  communes: readonly Commune[];
  sites: readonly Site[];
  /** Village points or raster cells; when a commune has some, they shape its population surface. */
  populationPoints?: readonly PopulationPoint[];
  /** Points to test against the footprints (villages, commune centres); results in `probes`. */
  probes?: readonly { lon: number; lat: number }[];
  /** Heights (a DEM mosaic): with one, the cells without a predicted polygon get terrain footprints. */
  dem?: Dem;
  /**
   * What the populated area is drawn from (settlement polygons, raster cells, village points;
   * populated_zones.ts); without it no unit has a populated area.
   */
  populatedLayers?: PopulatedLayers;
}

export interface AnalysisOptions {
  /** Produce gap polygons (the figures are always computed). Default true. */
  gapPolygons?: boolean;
  /**
   * The terrain model (and cache) to use with `input.dem`; default: `defaultTerrainModel(radio)` with
   * the process's shared cache. Ignored without a DEM.
   */
  terrain?: TerrainOptions;
  /** The radio settings of the default terrain model (`--config`'s `radio`); default `DEFAULT_RADIO`. */
  radio?: RadioConfig;
  /**
   * The setting (urban or rural) of a site; default: that of the commune it stands in, else rural. An
   * incremental update passes the full input's, since its sub-analysis holds only some communes.
   */
  siteSetting?: (site: Site) => Setting;
  /**
   * Pair rows kept between scans of a commune (`PairRows`): an incremental update hands back those of
   * the pairs it did not change, and takes the others once scanned. Without it every pair is scanned.
   */
  scanMemo?: ScanMemo;
  /**
   * A probe's result when it is known already: an incremental update gives back the previous result
   * of a point no changed footprint can reach (its nearest 4G site it sets right itself).
   */
  knownProbe?: (lon: number, lat: number) => ProbeResult | undefined;
}

/** A technology and operator pair as a scan memo names it (bit positions differ between analyses). */
export type PairName = `${Technology}\u0000${string}`;

/** Pair rows by commune id and pair name, kept across the scans of an incremental update. */
export interface ScanMemo {
  /** The commune's kept rows of the pairs that have not changed since they were kept. */
  unchanged(communeId: string): ReadonlyMap<PairName, PairRows> | undefined;
  /** Takes the rows of every pair of the commune's latest scan. */
  keep(communeId: string, rows: Map<PairName, PairRows>): void;
}

/**
 * Computes mobile coverage per commune, district and province: area and population coverage (%) and
 * covered people, per technology (and "any") and per operator (and "all"), plus gap polygons.
 *
 * Commune population is the census figure. It is spread evenly over the commune's area unless
 * population points fall inside the commune, in which case coverage is the share of the points'
 * weight that is covered (scaled to the census total).
 */
export function analyze(
  input: AnalysisInput,
  config: Partial<EngineConfig> = {},
  callbacks: Callbacks & AnalysisOptions = {},
): AnalysisResult {
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...config };
  const { communes, sites } = input;
  const operators = [...new Set(sites.map((s) => s.operator))].sort();
  const technologies = TECHNOLOGIES.filter((t) => sites.some((s) => s.technologies.includes(t)));
  if (technologies.length * operators.length > MAX_PAIRS) {
    throw new UserError(
      `Too many technology × operator pairs (${technologies.length} × ${operators.length}); at most ${MAX_PAIRS} are supported. ` +
        `Operators found: ${operators.join(', ')}.`,
    );
  }
  const layout = pairLayout(technologies, operators);
  const combos = reportCombos(layout);
  const locator = communeLocator(communes);
  const settingOf =
    callbacks.siteSetting ??
    ((s: Site): Setting => {
      const i = locator.locate(s.lon, s.lat);
      return i >= 0 ? communes[i]!.setting : 'rural';
    });
  const terrain = input.dem ? analysisTerrain(input.dem, callbacks) : null;
  const footprints = siteFootprints(sites, layout, cfg, settingOf, undefined, terrain);

  const pointsByCommune = new Map<number, PopulationPoint[]>();
  let outside = 0;
  for (const p of input.populationPoints ?? []) {
    const i = locator.locate(p.lon, p.lat);
    if (i < 0) {
      outside++;
      continue;
    }
    const list = pointsByCommune.get(i) ?? [];
    list.push(p);
    pointsByCommune.set(i, list);
  }
  if (outside > 0)
    callbacks.onWarning?.(`${outside} population point(s) fall outside every commune and were not used.`);

  const gapCombos = cfg.gapTechnologies.map(
    (t) => combos.find((c) => c.technology === t && c.operator === ALL_OPERATORS)!,
  );
  const zones = populatedZones(locator.bboxes, input.populatedLayers ?? {}, cfg.populatedVillageRadiusM);
  const memo = callbacks.scanMemo;
  const communeUnits: UnitResult[] = [];
  const gaps: GapPolygon[] = [];
  const populationMethod: Record<string, PopulationMethod> = {};
  communes.forEach((commune, ci) => {
    callbacks.onProgress?.(ci, communes.length, commune.name);
    const bbox = locator.bboxes[ci]!;
    // A commune across the antimeridian would make the scan crawl over the whole globe (the import
    // refuses it; a geometry that bypassed the import is refused here, before the scan).
    if (bbox[2] - bbox[0] > 180)
      throw new UserError(
        `commune ${commune.id} ("${commune.name}"): the polygon spans more than 180° of longitude (it crosses the antimeridian); fix it in a GIS`,
      );
    const centre = commune.center ?? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
    const nearby = footprints.stream(bbox, centre[0]!, centre[1]!);
    const pairsIn = (lon: number, lat: number) => footprints.pairsAt(lon, lat, footprints.pairs);
    const scanOptions = {
      scanlines: cfg.scanlines,
      minScanlines: cfg.minScanlines,
      spacing: cfg.scanSpacingM,
      gapMasks: callbacks.gapPolygons === false ? [] : gapCombos.map((c) => c.mask),
      gapRows: cfg.gapGridRows,
    };
    // The populated area: the first layer with area inside the commune (a settlement or disc whose
    // bounding box only meets the commune's gives none, and the next layer is tried).
    const candidates = zones[ci]!;
    let zone = candidates[0] ?? null;
    const reuse = memo ? memoReuse(memo, commune.id, layout) : null;
    let scan = scanCommune(locator.rings[ci]!, bbox, nearby, scanOptions, zone?.footprints, reuse);
    for (let k = 1; k < candidates.length && populatedInside(scan) === 0; k++) {
      zone = candidates[k]!;
      const again = footprints.stream(bbox, centre[0]!, centre[1]!);
      // Every pair's rows are known now: only the next populated area is scanned.
      scan = scanCommune(
        locator.rings[ci]!,
        bbox,
        again,
        scanOptions,
        zone.footprints,
        reuse && allGiven(reuse),
      );
    }
    if (memo && reuse) memo.keep(commune.id, namedRows(reuse, layout));
    const area = communeArea(commune);
    const populated = populatedFigures(scan, zone?.method ?? null, area);
    const points = pointsByCommune.get(ci);
    const weights = points ? pointWeights(points, pairsIn) : null;
    populationMethod[commune.id] = weights ? 'points' : 'uniform';
    const areaShare = (mask: number) =>
      scan.totalArea > 0 ? Math.min(1, coveredSum(scan.maskArea, mask) / scan.totalArea) : 0;
    const popShare = (mask: number) =>
      weights
        ? weights.total > 0
          ? Math.min(1, coveredSum(weights.byMask, mask) / weights.total)
          : 0
        : areaShare(mask);
    const coverage: CoverageFigure[] = combos.map((c) => {
      const ps = popShare(c.mask);
      return {
        technology: c.technology,
        operator: c.operator,
        area_pct: 100 * areaShare(c.mask),
        population_pct: 100 * ps,
        covered_population: ps * commune.population,
        populated_area_pct: populated.pct(c.mask),
      };
    });
    communeUnits.push({
      id: commune.id,
      name: commune.name,
      level: 'commune',
      parent_id: commune.districtId ?? commune.provinceId,
      area_km2: area,
      population: commune.population,
      populated_area_km2: populated.km2,
      populated_area_method: populated.method,
      coverage,
      gaps: gapCombos.map((c) => ({
        technology: c.technology,
        area_km2: area * (1 - areaShare(c.mask)),
        population: commune.population * (1 - popShare(c.mask)),
      })),
    });
    if (callbacks.gapPolygons !== false)
      gaps.push(...communeGaps(commune, scan, area, points, footprints.pairsAt, gapCombos, cfg));
  });
  callbacks.onProgress?.(communes.length, communes.length, 'done');
  /** The probes: those known taken as they are, the others tested against the footprints. */
  function probesOf(points: readonly { lon: number; lat: number }[], known: AnalysisOptions['knownProbe']) {
    const at = technologiesAt(footprints, layout);
    if (!known) return probeCoverage(points, at, sites, footprints.points);
    const out = points.map((p) => known(p.lon, p.lat) ?? null);
    const todo = out.flatMap((r, k) => (r ? [] : [k]));
    const fresh = probeCoverage(
      todo.map((k) => points[k]!),
      at,
      sites,
      footprints.points,
    );
    todo.forEach((k, j) => {
      out[k] = fresh[j]!;
    });
    return out as ProbeResult[];
  }
  const probes = input.probes?.length ? probesOf(input.probes, callbacks.knownProbe) : [];
  return {
    probes,
    units: [...communeUnits, ...rollup(communes, communeUnits)],
    gaps,
    operators,
    technologies: technologies as Technology[],
    populationMethod,
    ...(terrain ? { terrain: summaryOf(terrain, sites, settingOf) } : {}),
  };
}

/** The terrain summary for the outputs: how many cells got a terrain footprint (all from the cache by now). */
function summaryOf(terrain: TerrainContext, sites: readonly Site[], settingOf: (s: Site) => Setting) {
  const n = terrainCellCounts(terrain, sites, settingOf);
  return terrainSummary(terrain, n.onDem, n.off);
}

/**
 * The technologies covering a point: its covering pairs, stopping once every technology of the
 * layout is found.
 */
function technologiesAt(footprints: SiteFootprints, layout: PairLayout) {
  const ops = layout.operators.length;
  const techMask = layout.technologies.map((_, t) => ((1 << ops) - 1) << (t * ops));
  const want = techMask.reduce((a, m) => a | m, 0);
  const all = (found: number) => techMask.every((m) => (found & m) !== 0);
  return (lon: number, lat: number): Technology[] => {
    const found = footprints.pairsAt(lon, lat, want, all);
    return layout.technologies.filter((_, t) => (found & techMask[t]!) !== 0);
  };
}

/**
 * A commune's populated area (km², its share of the scanned area times the geodesic area) and the
 * covered share of it for a combination mask (%): the length of each row inside the populated area and
 * covered, over the length inside the populated area. Null where the commune has no populated area.
 */
function populatedFigures(scan: CommuneScan, method: PopulatedAreaMethod | null, area: number) {
  const inside = populatedInside(scan);
  const known = method !== null && scan.totalArea > 0;
  return {
    method: known ? method : null,
    km2: known ? Math.min(area, (area * inside) / scan.totalArea) : null,
    pct(mask: number): number | null {
      if (!known || inside <= 0) return null;
      let covered = 0;
      for (const [m, a] of scan.maskArea) if ((m & POPULATED_BIT) !== 0 && (m & mask) !== 0) covered += a;
      return Math.min(100, (100 * covered) / inside);
    },
  };
}

/** The scanned area (m², local plane) inside the populated area. */
function populatedInside(scan: CommuneScan): number {
  let inside = 0;
  for (const [m, a] of scan.maskArea) if ((m & POPULATED_BIT) !== 0) inside += a;
  return inside;
}

/** Population weight per coverage mask for a commune's population points. */
function pointWeights(points: PopulationPoint[], pairsIn: (lon: number, lat: number) => number) {
  const byMask = new Map<number, number>();
  let total = 0;
  for (const p of points) {
    const mask = pairsIn(p.lon, p.lat);
    byMask.set(mask, (byMask.get(mask) ?? 0) + p.population);
    total += p.population;
  }
  return { byMask, total };
}

function communeGaps(
  commune: Commune,
  scan: CommuneScan,
  area: number,
  points: PopulationPoint[] | undefined,
  pairsAt: SiteFootprints['pairsAt'],
  gapCombos: { technology: Technology | 'any'; mask: number }[],
  cfg: EngineConfig,
): GapPolygon[] {
  const out: GapPolygon[] = [];
  const density = area > 0 ? commune.population / area : 0;
  const pointTotal = points?.reduce((s, p) => s + p.population, 0) ?? 0;
  scan.gapGrids.forEach((grid, g) => {
    const combo = gapCombos[g]!;
    for (const geometry of gapPolygons(grid, scan.projection)) {
      const a = geodesicArea(geometry);
      if (a < cfg.minGapAreaKm2) continue;
      let population = a * density;
      if (points && pointTotal > 0) {
        let w = 0;
        for (const p of points) {
          if (!pointInRings(p.lon, p.lat, geometry.coordinates)) continue;
          const covered = pairsAt(p.lon, p.lat, combo.mask, (found) => found !== 0);
          if (covered === 0) w += p.population;
        }
        population = (w / pointTotal) * commune.population;
      }
      out.push({ unitId: commune.id, technology: combo.technology, area_km2: a, population, geometry });
    }
  });
  return out;
}

/** A commune's area; a geometry with a negative area is refused with the commune named. */
function communeArea(commune: Commune): number {
  try {
    return geodesicArea(commune.geometry);
  } catch (e) {
    if (e instanceof UserError)
      throw new UserError(`commune ${commune.id} ("${commune.name}"): ${e.message}`);
    throw e;
  }
}

/** Every pair of the layout, as a mask. */
function layoutMask(layout: PairLayout): number {
  let mask = 0;
  for (const t of layout.technologies) for (const o of layout.operators) mask |= 1 << layout.pairOf(t, o);
  return mask;
}

/**
 * The reuse of a commune's scan with a memo: the unchanged pairs' rows given, every other pair of the
 * layout scanned and collected in `given` as it is handed back (so the reuse ends with every pair).
 */
function memoReuse(memo: ScanMemo, communeId: string, layout: PairLayout): ScanReuse {
  const held = memo.unchanged(communeId);
  const given = new Map<number, PairRows>();
  if (held)
    for (const t of layout.technologies)
      for (const o of layout.operators) {
        const rows = held.get(`${t}\u0000${o}`);
        if (rows) given.set(layout.pairOf(t, o), rows);
      }
  return { given, keep: layoutMask(layout), kept: (pair, rows) => given.set(pair, rows) };
}

/** The same reuse with every pair given (after a first scan handed the rest back). */
function allGiven(reuse: ScanReuse): ScanReuse {
  return { given: reuse.given, keep: 0, kept: () => {} };
}

/** The rows of a reuse by pair name. */
function namedRows(reuse: ScanReuse, layout: PairLayout): Map<PairName, PairRows> {
  const out = new Map<PairName, PairRows>();
  for (const t of layout.technologies)
    for (const o of layout.operators) {
      const rows = reuse.given.get(layout.pairOf(t, o));
      if (rows) out.set(`${t}\u0000${o}`, rows);
    }
  return out;
}
