/**
 * An analysis that can be updated cheaply after a what-if edit: `startAnalysis` / `resumeAnalysis` keep
 * the inputs and result with a cache (incremental_cache.ts), `updateAnalysis` recomputes only the
 * communes a changed site or postal point can reach and rebuilds the rollups, lists and targets.
 */

import { cellsOf } from './base/site_cells.ts';
import {
  ALL_OPERATORS,
  type Callbacks,
  type Commune,
  type CoverageFigure,
  type EngineConfig,
  type Setting,
  type Site,
  TECHNOLOGIES,
  type TechnologyKey,
  type TerrainSummary,
  type UnitResult,
} from './base/types.ts';
import { unitGroups } from './base/unit_groups.ts';
import { analysisTerrain } from './coverage/analysis_terrain.ts';
import type { PairName, ScanMemo } from './coverage/analyze.ts';
import { keepScanRows, type ScanRowsStore } from './coverage/keep_scan_rows.ts';
import { type ProbeResult, probeCoverage } from './coverage/probe_coverage.ts';
import { rollup } from './coverage/rollup.ts';
import { communeLocator } from './geometry/commune_locator.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from './geometry/local_projection.ts';
import { ringsBBox, ringsOf } from './geometry/point_in_polygon.ts';
import {
  type AnalysisCache,
  type BBox,
  buildCache,
  candidateReach2,
  siteIndex,
} from './incremental_cache.ts';
import { type PostalBlock, postalIndicators } from './infrastructure/postal_indicators.ts';
import {
  type DeadZoneVillage,
  deadZoneVillage,
  type VillageBlock,
} from './infrastructure/village_indicators.ts';
import {
  assembleUnits,
  evaluateTargetSets,
  type FullInput,
  type FullOptions,
  type FullResult,
  type FullUnit,
  measuredOf,
  reportedComparisons,
  runAnalysis,
} from './run_analysis.ts';
import type { TargetEvaluation } from './targets/evaluate_targets.ts';
import { terrainCellCounts } from './terrain/footprint_method.ts';
import type { TerrainContext } from './terrain/terrain_context.ts';

/** An analysis together with what it takes to update it cheaply after a few sites or postal points change. */
export interface AnalysisState {
  readonly input: FullInput;
  readonly options: FullOptions;
  readonly result: FullResult;
  readonly cache: AnalysisCache;
}

/** What one update recomputed. */
export interface UpdateSummary {
  /** Ids of the communes whose figures were recomputed (in input order). */
  recomputedCommunes: string[];
  sitesChanged: number;
  postalChanged: number;
}

/** Runs the full analysis (`runAnalysis`) and keeps what later incremental updates need. */
export function startAnalysis(
  input: FullInput,
  options: FullOptions = {},
  callbacks: Callbacks = {},
): AnalysisState {
  // With a DEM the scans are costly (terrain footprints have many vertices): the full analysis keeps
  // every commune's pair rows, so that an update rescans only the pairs it changed.
  const rows: ScanRowsStore | undefined = input.dem ? new Map() : undefined;
  const run = rows ? { ...options, scanMemo: keepScanRows(rows) } : options;
  return withCache(input, options, runAnalysis(input, run, callbacks), rows);
}

/**
 * Recomputes an analysis after some sites and/or postal points were added, moved, edited or deleted
 * (matched by id). Only the communes whose bounding box meets a changed footprint (or a changed point's
 * distance disc) are analysed again, with only the sites that can reach them; district and province
 * rollups, dead-zone villages and every target are then rebuilt from the merged communes. The result
 * equals `runAnalysis` on the new input (to floating-point rounding). Nothing is mutated.
 */
export function updateAnalysis(
  state: AnalysisState,
  change: { sites?: readonly Site[]; postal?: FullInput['postal'] },
): { state: AnalysisState; summary: UpdateSummary } {
  const { input, options, cache } = state;
  const prev = state.result;
  const sites = change.sites ?? input.sites;
  const postal = change.postal === undefined ? input.postal : change.postal;
  const next: FullInput = { ...input, sites, ...(postal ? { postal } : {}) };
  const { cfg } = cache;
  const postalOptions = prev.postalOptions;

  const siteDiff = diffById(input.sites, sites);
  const postalDiff = diffById(input.postal ?? [], postal ?? []);
  const empty: UpdateSummary = { recomputedCommunes: [], sitesChanged: 0, postalChanged: 0 };
  if (!siteDiff || !postalDiff || Boolean(input.postal) !== Boolean(postal)) {
    // Duplicate ids, or postal data appearing/disappearing: start again from scratch.
    const fresh = startAnalysis(next, options);
    return {
      state: fresh,
      summary: { ...empty, recomputedCommunes: input.communes.map((c) => c.id) },
    };
  }
  if (siteDiff.length === 0 && postalDiff.length === 0) return { state, summary: empty };

  const communes = input.communes;
  const n = communes.length;
  // With a DEM, a terrain cell reaches its footprint's box; the footprints come from the shared cache,
  // so only the changed cells are computed (and each once).
  const terrain = input.dem ? analysisTerrain(input.dem, options) : null;
  const settingOf = (s: Site): Setting => {
    let setting = cache.siteSettings.get(s);
    if (setting === undefined) {
      const at = cache.locator.locate(s.lon, s.lat);
      setting = at >= 0 ? communes[at]!.setting : 'rural';
      cache.siteSettings.set(s, setting);
    }
    return setting;
  };
  const reach = (s: Site) => {
    let box = cache.siteBoxes.get(s);
    if (!box) {
      box = siteReach(s, cfg, terrain, settingOf);
      cache.siteBoxes.set(s, box);
    }
    return box;
  };
  const mobileAffected = new Set<number>();
  // Per commune, the pairs (technology, operator) of the changed sites that reach it: its other pairs'
  // rows are given back to the scan (`scanMemo`).
  const changedPairs = new Map<number, Set<PairName>>();
  for (const s of siteDiff)
    for (const i of cache.boxIndex.search(...reach(s))) {
      mobileAffected.add(i);
      let names = changedPairs.get(i);
      if (!names) {
        names = new Set();
        changedPairs.set(i, names);
      }
      for (const cell of cellsOf(s)) names.add(`${cell.technology}\u0000${s.operator}`);
    }
  const communeAt = new Map(communes.map((c, i) => [c.id, i]));
  // A probe (village, commune centre) outside every changed site's reach has the technologies it had.
  const changedBoxes = siteDiff.map(reach);
  const previousProbe = new Map<string, ProbeResult>();
  cache.probePoints.forEach((p, k) => {
    previousProbe.set(`${p.lon}\u0000${p.lat}`, prev.mobile.probes[k]!);
  });
  const knownProbe = (lon: number, lat: number) =>
    changedBoxes.some((b) => inBox(b, lon, lat)) ? undefined : previousProbe.get(`${lon}\u0000${lat}`);
  const scanMemo: ScanMemo = {
    unchanged(id) {
      const held = cache.scanRows.get(id);
      const changed = changedPairs.get(communeAt.get(id) ?? -1);
      if (!held || !changed) return held;
      return new Map([...held].filter(([name]) => !changed.has(name)));
    },
    keep(id, rows) {
      cache.scanRows.set(id, rows);
    },
  };
  const distanceM = postalOptions.distanceKm * 1000;
  const postalAffected = new Set<number>();
  for (const p of postalDiff)
    for (const i of cache.boxIndex.search(...pointBox(p.lon, p.lat, distanceM))) postalAffected.add(i);

  // Mobile coverage, villages and centres of the affected communes.
  const operators = [...new Set(sites.map((s) => s.operator))].sort();
  const technologies = TECHNOLOGIES.filter((t) => sites.some((s) => s.technologies.includes(t)));
  const order = comboOrder(operators);
  const mobileCommunes: UnitResult[] = prev.mobile.units
    .slice(0, n)
    .map((u) => (sameOperators(prev.mobile.operators, operators) ? u : reorder(u, order)));
  const villageBlocks: VillageBlock[] = prev.units.slice(0, n).map((u) => u.villages);
  const villages = input.villages ?? [];
  const villageProbes = prev.mobile.probes.slice(0, villages.length);
  const centreProbes = prev.mobile.probes.slice(villages.length);
  const gapsByCommune = [...cache.gapsByCommune];
  const populationMethod = { ...prev.mobile.populationMethod };
  const picked = [...mobileAffected].sort((a, b) => a - b);
  if (picked.length > 0) {
    const slot = new Map(picked.map((i, j) => [i, j]));
    const subCommunes = picked.map((i) => communes[i]!);
    const villageIdx = villages.flatMap((_v, k) => (slot.has(cache.villageCommune[k]!) ? [k] : []));
    const people = input.populationPoints?.filter((_p, k) => slot.has(cache.populationCommune[k]!));
    const sub = runAnalysis(
      {
        communes: subCommunes,
        sites: reachingSites(communes, sites, picked, cache, cfg, reach, terrain !== null),
        ...(people ? { populationPoints: people } : {}),
        villages: villageIdx.map((k) => villages[k]!),
        populatedLayers: cache.populatedLayers,
        ...(input.baselineDeadZones ? { baselineDeadZones: input.baselineDeadZones } : {}),
        ...(input.dem ? { dem: input.dem } : {}),
      },
      {
        config: cfg,
        ...(options.gapPolygons === false ? { gapPolygons: false } : {}),
        ...(options.terrain ? { terrain: options.terrain } : {}),
        siteSetting: settingOf,
        scanMemo,
        knownProbe,
        ...(options.radio ? { radio: options.radio } : {}),
      },
    );
    picked.forEach((i, j) => {
      mobileCommunes[i] = reorder(sub.mobile.units[j]!, order);
      villageBlocks[i] = sub.units[j]!.villages;
      gapsByCommune[i] = sub.mobile.gaps.filter((g) => g.unitId === communes[i]!.id);
      populationMethod[communes[i]!.id] = sub.mobile.populationMethod[communes[i]!.id] ?? 'uniform';
    });
    villageIdx.forEach((k, j) => {
      villageProbes[k] = sub.mobile.probes[j]!;
    });
    let centre = villageIdx.length;
    for (const i of picked) {
      const s = cache.centreSlot[i]!;
      if (s >= 0) centreProbes[s] = sub.mobile.probes[centre++]!;
    }
  }
  // The nearest 4G site: probeCoverage measures the 8 nearest 4G sites (planar degrees) of a point, so
  // a changed 4G site matters only to points for which it is, or becomes, one of those 8.
  const probeReach2 = cache.probeReach2.slice();
  const moved4g = siteDiff.filter((s) => s.technologies.includes('4G'));
  if (moved4g.length > 0) {
    const hit = cache.probePoints.flatMap((p, k) =>
      moved4g.some((s) => (s.lon - p.lon) ** 2 + (s.lat - p.lat) ** 2 <= probeReach2[k]!) ? [k] : [],
    );
    const index = siteIndex(sites);
    const points = hit.map((k) => cache.probePoints[k]!);
    const nearest = probeCoverage(points, () => [], sites, index);
    const reach = candidateReach2(points, sites, index);
    hit.forEach((k, j) => {
      probeReach2[k] = reach[j]!;
      const probes = k < villages.length ? villageProbes : centreProbes;
      const at = k < villages.length ? k : k - villages.length;
      const { technologies } = probes[at]!;
      // As probeCoverage has it: the distance only for a point without 4G.
      const none = technologies.includes('4G');
      probes[at] = {
        technologies,
        nearest4gSiteKm: none ? null : nearest[j]!.nearest4gSiteKm,
        nearest4gSiteId: none ? null : nearest[j]!.nearest4gSiteId,
        nearest4gBearingDeg: none ? null : nearest[j]!.nearest4gBearingDeg,
      };
    });
  }

  // Postal indicators of the communes near a changed postal point.
  const postalBlocks: (PostalBlock | null)[] = prev.units.slice(0, n).map((u) => u.postal);
  const beyondByCommune = [...cache.beyondByCommune];
  const postalPicked = [...postalAffected].sort((a, b) => a - b);
  if (postal && postalPicked.length > 0) {
    const subCommunes = postalPicked.map((i) => communes[i]!);
    const slot = new Set(postalPicked);
    const people = input.populationPoints?.filter((_p, k) => slot.has(cache.populationCommune[k]!));
    const reach = postalPicked.map((i) => grow(cache.boxes[i]!, distanceM));
    const near = postal.filter((p) => reach.some((b) => inBox(b, p.lon, p.lat)));
    const res = postalIndicators(
      subCommunes,
      communeLocator(subCommunes),
      near,
      people,
      cfg,
      postalOptions,
      options.postalBeyondPolygons !== false,
    );
    postalPicked.forEach((i, j) => {
      postalBlocks[i] = res.communes[j]!;
      beyondByCommune[i] = res.beyondPolygons
        .filter((b) => b.unitId === communes[i]!.id)
        .map((b) => b.geometry);
    });
  }

  // The terrain summary's cell counts, less the changed sites' old versions, plus their new ones.
  const terrainAfter = (t: TerrainSummary): TerrainSummary => {
    const before = new Set(input.sites);
    const was = terrainCellCounts(
      terrain!,
      siteDiff.filter((s) => before.has(s)),
      settingOf,
    );
    const now = terrainCellCounts(
      terrain!,
      siteDiff.filter((s) => !before.has(s)),
      settingOf,
    );
    return {
      ...t,
      terrain_cells: t.terrain_cells - was.onDem + now.onDem,
      fallback_cells: t.fallback_cells - was.off + now.off,
    };
  };
  const mobileUnits = [...mobileCommunes, ...rollup(communes, mobileCommunes)];
  // The measured figures do not depend on the sites, their agreement with the model does.
  const measured = siteDiff.length > 0 && next.speedTests ? measuredOf(next, options) : prev.measured;
  const units = assembleUnits(
    communes,
    mobileUnits,
    postal ? postalBlocks.map((b) => b!) : null,
    input.fiber ? prev.units.slice(0, n).map((u) => u.fiber!) : null,
    villageBlocks,
    postalOptions,
    measured?.units ?? null,
  );
  const deadZoneVillages: DeadZoneVillage[] = [];
  villages.forEach((v, k) => {
    const i = cache.villageCommune[k]!;
    const probe = villageProbes[k]!;
    if (i < 0 || probe.technologies.includes('4G')) return;
    deadZoneVillages.push(deadZoneVillage(v, communes[i]!, probe));
  });
  const flagged = (pred: (b: PostalBlock) => boolean) =>
    postal
      ? communes.flatMap((c, i) =>
          pred(postalBlocks[i]!) ? [{ id: c.id, name: c.name, parent_id: mobileUnits[i]!.parent_id }] : [],
        )
      : [];
  const result: FullResult = {
    ...prev,
    measured,
    mobile: {
      units: mobileUnits,
      probes: [...villageProbes, ...centreProbes],
      gaps: gapsByCommune.flat(),
      operators,
      technologies,
      populationMethod,
      ...(terrain && prev.mobile.terrain ? { terrain: terrainAfter(prev.mobile.terrain) } : {}),
    },
    units,
    deadZoneVillages,
    communesWithoutStaffedPoint: flagged((b) => b.communes_with_staffed_point === 0),
    communesWithoutCulturalPoint: flagged((b) => b.communes_with_cultural_point === 0),
    postalBeyondPolygons: communes.flatMap((c, i) =>
      beyondByCommune[i]!.map((geometry) => ({ unitId: c.id, geometry })),
    ),
    ...(input.baselineDeadZones
      ? {
          newDeadZoneVillages: deadZoneVillages.filter(
            (d) => !new Set(input.baselineDeadZones).has(d.village_id),
          ),
        }
      : {}),
    targets: reevaluateTargets(input.targets ?? [], prev.targets, units, communes, [
      ...picked,
      ...postalPicked,
    ]),
    reported: reportedComparisons(input.targets ?? [], units, communes),
  };
  const recomputed = new Set([...picked, ...(postal ? postalPicked : [])]);
  return {
    state: { input: next, options, result, cache: { ...cache, gapsByCommune, beyondByCommune, probeReach2 } },
    summary: {
      recomputedCommunes: communes.flatMap((c, i) => (recomputed.has(i) ? [c.id] : [])),
      sitesChanged: siteDiff.length,
      postalChanged: postalDiff.length,
    },
  };
}

/**
 * The target evaluations after the given communes changed: those of the communes and of the districts
 * and provinces holding them are evaluated again, the others are kept. The list keeps the order of a
 * full evaluation (set, target, unit), since which units a target applies to never depends on figures.
 */
function reevaluateTargets(
  sets: NonNullable<FullInput['targets']>,
  previous: readonly TargetEvaluation[],
  units: readonly FullUnit[],
  communes: readonly Commune[],
  changedCommunes: readonly number[],
): TargetEvaluation[] {
  const changed = new Set(changedCommunes);
  const n = communes.length;
  unitGroups(communes).forEach((g, k) => {
    if (g.members.some((i) => changedCommunes.includes(i))) changed.add(n + k);
  });
  const key = (level: string, id: string) => `${level}\u0000${id}`;
  const changedKeys = new Set([...changed].map((k) => key(units[k]!.level, units[k]!.id)));
  const fresh = evaluateTargetSets(sets, units, communes, (k) => changed.has(k));
  let next = 0;
  const out = previous.map((t) => (changedKeys.has(key(t.level, t.unit_id)) ? fresh[next++]! : t));
  if (next !== fresh.length) return evaluateTargetSets(sets, units, communes);
  return out;
}

/**
 * Takes up an analysis computed elsewhere (`result` must be `runAnalysis(input, options)`, e.g. put
 * together by `combineAnalyses`), ready for incremental updates.
 */
export function resumeAnalysis(
  input: FullInput,
  options: FullOptions,
  result: FullResult,
  scanRows?: ScanRowsStore,
): AnalysisState {
  return withCache(input, options, result, scanRows);
}

/**
 * The state with its cache built on first use: the first update pays for it, or the caller can build it
 * at a quiet moment by reading `cache` (the app's worker does, after posting the first figures).
 */
function withCache(
  input: FullInput,
  options: FullOptions,
  result: FullResult,
  scanRows?: ScanRowsStore,
): AnalysisState {
  let cache: AnalysisCache | null = null;
  return {
    input,
    options,
    result,
    get cache() {
      cache ??= buildCache(input, options, result, scanRows);
      return cache;
    },
  };
}

/** Items added, removed or changed between two lists keyed by id (both versions of a changed item); null on duplicate ids. */
function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] | null {
  const a = new Map(before.map((x) => [x.id, x]));
  const b = new Map(after.map((x) => [x.id, x]));
  if (a.size !== before.length || b.size !== after.length) return null;
  const out: T[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (y === undefined) out.push(x);
    else if (y !== x && JSON.stringify(y) !== JSON.stringify(x)) out.push(x, y);
  }
  for (const [id, y] of b) if (!a.has(id)) out.push(y);
  return out;
}

/**
 * A box sure to hold every footprint of the site (each cell's own radius or polygon, its terrain
 * footprint's box with a DEM, else the largest default radius).
 */
function siteReach(
  site: Site,
  cfg: EngineConfig,
  terrain: TerrainContext | null,
  settingOf: (s: Site) => Setting,
): BBox {
  let box: BBox = [site.lon, site.lat, site.lon, site.lat];
  for (const cell of cellsOf(site)) {
    const tf = cell.coverage ? null : terrain?.footprintOf(site, cell, settingOf(site));
    if (cell.coverage || tf) {
      const b = tf ? tf.bbox : ringsBBox(ringsOf(cell.coverage!));
      if (!b.every(Number.isFinite)) continue;
      box = [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])];
      continue;
    }
    const t = cell.technology;
    const r = cell.radius_m ?? site.radius_m ?? Math.max(cfg.radii[t].rural, cfg.radii[t].urban);
    const b = pointBox(site.lon, site.lat, r);
    box = [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])];
  }
  return box;
}

/** A box around a point holding a disc of `r` metres, with a 5 % margin. */
function pointBox(lon: number, lat: number, r: number): BBox {
  return grow([lon, lat, lon, lat], r);
}

function grow(b: BBox, r: number): BBox {
  const m = r * 1.05 + 1;
  const dLat = m / metresPerDegreeLat(Math.max(Math.abs(b[1]), Math.abs(b[3])));
  const dLon = m / metresPerDegreeLon(Math.min(89, Math.max(Math.abs(b[1]), Math.abs(b[3])) + dLat));
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

function inBox(b: BBox, lon: number, lat: number): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/**
 * The sites whose footprints can reach the picked communes. A cell with no radius of its own gets the
 * default radius for the setting of the commune its site stands in, since the sub-analysis may not
 * contain that commune.
 */
function reachingSites(
  communes: readonly Commune[],
  sites: readonly Site[],
  picked: readonly number[],
  cache: AnalysisCache,
  cfg: EngineConfig,
  siteBox: (s: Site) => BBox,
  withTerrain: boolean,
): Site[] {
  const out: Site[] = [];
  const boxes = picked.map((i) => cache.boxes[i]!);
  for (const s of sites) {
    const r = siteBox(s);
    if (!boxes.some((b) => r[0] <= b[2] && r[2] >= b[0] && r[1] <= b[3] && r[3] >= b[1])) continue;
    const cells = cellsOf(s);
    // With terrain the sub-analysis is given every site's setting (`siteSetting`), and a site is kept
    // as it is so that its cells resolve to the same radio cells, hence the same cache keys.
    if (
      withTerrain ||
      s.radius_m !== undefined ||
      cells.every((c) => c.coverage || c.radius_m !== undefined)
    ) {
      out.push(s);
      continue;
    }
    const at = cache.locator.locate(s.lon, s.lat);
    const setting = at >= 0 ? communes[at]!.setting : 'rural';
    const resolved = cells.map((c) =>
      c.coverage || c.radius_m !== undefined ? c : { ...c, radius_m: cfg.radii[c.technology][setting] },
    );
    out.push({ ...s, cells: resolved });
  }
  return out;
}

/** The report's combination order: technologies 2G…5G then any, each with "all" then every operator. */
function comboOrder(operators: readonly string[]): { technology: TechnologyKey; operator: string }[] {
  const techs: TechnologyKey[] = [...TECHNOLOGIES, 'any'];
  return techs.flatMap((technology) =>
    [ALL_OPERATORS, ...operators].map((operator) => ({ technology, operator })),
  );
}

function sameOperators(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The unit's coverage in the given combination order; a combination it lacks (a new operator) is 0. */
function reorder(u: UnitResult, order: ReturnType<typeof comboOrder>): UnitResult {
  const have = new Map(u.coverage.map((c) => [`${c.technology}\u0000${c.operator}`, c]));
  const coverage: CoverageFigure[] = order.map(
    (o) =>
      have.get(`${o.technology}\u0000${o.operator}`) ?? {
        ...o,
        area_pct: 0,
        population_pct: 0,
        covered_population: 0,
        populated_area_pct: u.populated_area_km2 ? 0 : null,
      },
  );
  return { ...u, coverage };
}
