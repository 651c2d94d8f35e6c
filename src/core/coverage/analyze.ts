import Flatbush from 'flatbush';
import { DEFAULT_CONFIG } from '../base/config.ts';
import { UserError } from '../base/errors.ts';
import {
  ALL_OPERATORS,
  type AnalysisResult,
  type Callbacks,
  type Commune,
  type CoverageFigure,
  type EngineConfig,
  type GapPolygon,
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
import { coveredSum, reportCombos } from './combos.ts';
import { type CommuneScan, scanCommune } from './commune_scan.ts';
import { buildFootprints, type Footprint, footprintContains, MAX_PAIRS, pairLayout } from './footprints.ts';
import { gapPolygons } from './gap_polygons.ts';
import { probeCoverage } from './probe_coverage.ts';
import { rollup } from './rollup.ts';

export interface AnalysisInput {
  communes: readonly Commune[];
  sites: readonly Site[];
  /** Village points or raster cells; when a commune has some, they shape its population surface. */
  populationPoints?: readonly PopulationPoint[];
  /** Points to test against the footprints (villages, commune centres); results in `probes`. */
  probes?: readonly { lon: number; lat: number }[];
}

export interface AnalysisOptions {
  /** Produce gap polygons (the figures are always computed). Default true. */
  gapPolygons?: boolean;
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
  const footprints = siteFootprints(sites, layout, cfg, (s) => {
    const i = locator.locate(s.lon, s.lat);
    return i >= 0 ? communes[i]!.setting : 'rural';
  });

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
    const nearby = footprints.near(bbox);
    const scan = scanCommune(locator.rings[ci]!, bbox, nearby, {
      scanlines: cfg.scanlines,
      minScanlines: cfg.minScanlines,
      spacing: cfg.scanSpacingM,
      gapMasks: callbacks.gapPolygons === false ? [] : gapCombos.map((c) => c.mask),
      gapRows: cfg.gapGridRows,
    });
    const area = communeArea(commune);
    const points = pointsByCommune.get(ci);
    const weights = points ? pointWeights(points, nearby) : null;
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
      };
    });
    communeUnits.push({
      id: commune.id,
      name: commune.name,
      level: 'commune',
      parent_id: commune.districtId ?? commune.provinceId,
      area_km2: area,
      population: commune.population,
      coverage,
      gaps: gapCombos.map((c) => ({
        technology: c.technology,
        area_km2: area * (1 - areaShare(c.mask)),
        population: commune.population * (1 - popShare(c.mask)),
      })),
    });
    if (callbacks.gapPolygons !== false)
      gaps.push(...communeGaps(commune, scan, area, points, nearby, gapCombos, cfg));
  });
  callbacks.onProgress?.(communes.length, communes.length, 'done');
  const probes = input.probes?.length
    ? probeCoverage(input.probes, footprints.near, sites, siteIndex(sites))
    : [];
  return {
    probes,
    units: [...communeUnits, ...rollup(communes, communeUnits)],
    gaps,
    operators,
    technologies: technologies as Technology[],
    populationMethod,
  };
}

function siteIndex(sites: readonly Site[]): Flatbush | null {
  if (sites.length === 0) return null;
  const index = new Flatbush(sites.length);
  for (const s of sites) index.add(s.lon, s.lat, s.lon, s.lat);
  index.finish();
  return index;
}

/**
 * Most sites whose footprints are held between communes (about 1 KB each); above it each commune
 * builds the footprints it meets again, so memory stays one box per site.
 */
const HELD_SITES = 250_000;

/**
 * The footprints near a box, built when asked instead of all held at once: five million sites would
 * need gigabytes of footprint objects. Only a bounding box per site is kept (a Flatbush over the union
 * of its footprints' boxes); `near(box)` builds the footprints of the sites whose box meets it and
 * returns those whose own box does, in site and cell order (up to HELD_SITES sites they are built once
and kept). A site's setting (urban or rural) is
 * looked up once, in the first pass.
 */
function siteFootprints(
  sites: readonly Site[],
  layout: ReturnType<typeof pairLayout>,
  cfg: EngineConfig,
  settingOf: (site: Site) => Setting,
): { near: (box: readonly number[]) => Footprint[] } {
  const settings = new Uint8Array(sites.length); // 1: urban
  // Up to HELD_SITES sites the footprints built for the boxes are kept, so no commune rebuilds them.
  const held: Footprint[][] | null = sites.length <= HELD_SITES ? new Array(sites.length) : null;
  let index: Flatbush | null = null;
  if (sites.length > 0) {
    index = new Flatbush(sites.length);
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i]!;
      const setting = settingOf(site);
      settings[i] = setting === 'urban' ? 1 : 0;
      const fs = buildFootprints([site], layout, cfg, () => setting);
      if (held) {
        for (const f of fs) f.siteIndex = i;
        held[i] = fs;
      }
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const f of fs) {
        w = Math.min(w, f.bbox[0]);
        s = Math.min(s, f.bbox[1]);
        e = Math.max(e, f.bbox[2]);
        n = Math.max(n, f.bbox[3]);
      }
      // A site without footprints gets an empty box at its position (never returned by `near`).
      if (fs.length === 0) [w, s, e, n] = [site.lon, site.lat, site.lon, site.lat];
      index.add(w, s, e, n);
    }
    index.finish();
  }
  const near = (box: readonly number[]): Footprint[] => {
    if (!index) return [];
    const [w, s, e, n] = box as [number, number, number, number];
    const out: Footprint[] = [];
    for (const i of index.search(w, s, e, n).sort((a, b) => a - b)) {
      const setting: Setting = settings[i] === 1 ? 'urban' : 'rural';
      const fs = held?.[i] ?? buildFootprints([sites[i]!], layout, cfg, () => setting);
      for (const f of fs) {
        if (f.bbox[0] > e || f.bbox[2] < w || f.bbox[1] > n || f.bbox[3] < s) continue;
        f.siteIndex = i;
        out.push(f);
      }
    }
    return out;
  };
  return { near };
}

/** Population weight per coverage mask for a commune's population points. */
function pointWeights(points: PopulationPoint[], nearby: Footprint[]) {
  const byMask = new Map<number, number>();
  let total = 0;
  for (const p of points) {
    let mask = 0;
    for (const f of nearby) if (footprintContains(f, p.lon, p.lat)) mask |= 1 << f.pair;
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
  nearby: Footprint[],
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
          let covered = false;
          for (const f of nearby) {
            if ((combo.mask & (1 << f.pair)) !== 0 && footprintContains(f, p.lon, p.lat)) {
              covered = true;
              break;
            }
          }
          if (!covered) w += p.population;
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
