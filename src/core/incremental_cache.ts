/**
 * What an incremental update of an analysis reads besides the last result: indexes over the fixed
 * inputs (commune boxes, the commune of every village and population point, the centre probes) and
 * the per-commune pieces of the result (gap and beyond-distance polygons, how far each probe's
 * nearest-4G candidates reach). Built once per analysis state, on first use (incremental_analysis.ts).
 */
import Flatbush from 'flatbush';
import type { Polygon } from 'geojson';
import { DEFAULT_CONFIG } from './base/config.ts';
import type { EngineConfig, GapPolygon, Setting, Site } from './base/types.ts';
import type { ScanRowsStore } from './coverage/keep_scan_rows.ts';
import type { PopulatedLayers } from './coverage/populated_zones.ts';
import { type CommuneLocator, communeLocator } from './geometry/commune_locator.ts';
import { type FullInput, type FullOptions, type FullResult, populatedLayersOf } from './run_analysis.ts';

export type BBox = [number, number, number, number];

/** Per-commune pieces of the last result, and indexes over the fixed inputs (communes, villages). */
export interface AnalysisCache {
  cfg: EngineConfig;
  locator: CommuneLocator;
  /** Commune bounding boxes, stretched to take in each commune's centre point. */
  boxes: BBox[];
  boxIndex: Flatbush;
  villageCommune: Int32Array;
  populationCommune: Int32Array;
  /** For each commune, the index of its centre among the centre probes (-1 without a centre). */
  centreSlot: Int32Array;
  gapsByCommune: GapPolygon[][];
  beyondByCommune: Polygon[][];
  /** Villages then commune centres: the probe points, in the order of `mobile.probes`. */
  probePoints: { lon: number; lat: number }[];
  /** Squared planar distance (degrees²) from each probe to the farthest of its nearest-4G candidates. */
  probeReach2: Float64Array;
  /**
   * The populated-area layers as one object for every update's sub-analysis (`populatedLayersOf`), so
   * that their discs and indexes are built once (populated_zones.ts keeps them per layers object).
   */
  populatedLayers: PopulatedLayers;
  /**
   * Per site object (a site is never changed in place: an edit makes a new one), the box its
   * footprints can reach and the setting of the commune it stands in: every update asks them of
   * every site, and with a DEM the box takes a footprint lookup per cell.
   */
  siteBoxes: WeakMap<Site, BBox>;
  siteSettings: WeakMap<Site, Setting>;
  /**
   * By commune id, the rows of every pair of its latest scan in an update (`PairRows`): the next update
   * gives back those of the pairs none of its changed sites has near the commune, and scans only the
   * others. Filled by the full analysis with a DEM (`startAnalysis`, the app's load), else by the
   * updates for the communes they recompute.
   */
  scanRows: ScanRowsStore;
}

export function buildCache(
  input: FullInput,
  options: FullOptions,
  result: FullResult,
  scanRows: ScanRowsStore = new Map(),
): AnalysisCache {
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...options.config };
  const { communes } = input;
  const locator = communeLocator(communes);
  const boxes = communes.map((c, i): BBox => {
    const b: BBox = [...locator.bboxes[i]!];
    if (c.center) {
      b[0] = Math.min(b[0], c.center[0]);
      b[1] = Math.min(b[1], c.center[1]);
      b[2] = Math.max(b[2], c.center[0]);
      b[3] = Math.max(b[3], c.center[1]);
    }
    return b;
  });
  const boxIndex = new Flatbush(Math.max(1, boxes.length));
  for (const b of boxes) boxIndex.add(...b);
  if (boxes.length === 0) boxIndex.add(0, 0, 0, 0);
  boxIndex.finish();
  const byUnit = <T>(items: readonly { unitId: string }[], pick: (x: never) => T): T[][] => {
    const at = new Map(communes.map((c, i) => [c.id, i]));
    const out = communes.map(() => [] as T[]);
    for (const x of items) {
      const i = at.get(x.unitId);
      if (i !== undefined) out[i]!.push(pick(x as never));
    }
    return out;
  };
  let centres = 0;
  const probePoints = [
    ...(input.villages ?? []).map((v) => ({ lon: v.lon, lat: v.lat })),
    ...communes.flatMap((c) => (c.center ? [{ lon: c.center[0], lat: c.center[1] }] : [])),
  ];
  return {
    cfg,
    locator,
    boxes,
    boxIndex,
    villageCommune: Int32Array.from(input.villages ?? [], (v) => locator.locate(v.lon, v.lat)),
    populationCommune: Int32Array.from(input.populationPoints ?? [], (p) => locator.locate(p.lon, p.lat)),
    centreSlot: Int32Array.from(communes, (c) => (c.center ? centres++ : -1)),
    gapsByCommune: byUnit(result.mobile.gaps, (g: GapPolygon) => g),
    beyondByCommune: byUnit(result.postalBeyondPolygons, (b: { geometry: Polygon }) => b.geometry),
    probePoints,
    probeReach2: candidateReach2(probePoints, input.sites, siteIndex(input.sites)),
    populatedLayers: populatedLayersOf(input),
    siteBoxes: new WeakMap(),
    siteSettings: new WeakMap(),
    scanRows,
  };
}

/** As many nearest-4G candidates as `probeCoverage` takes. */
const NEAREST_CANDIDATES = 8;

/**
 * For each point, the squared planar distance (degrees²) to the last of its nearest-4G candidates
 * (Infinity when there are fewer 4G sites than candidates): a 4G site farther than that can't change
 * the point's nearest-4G distance.
 */
export function candidateReach2(
  points: readonly { lon: number; lat: number }[],
  sites: readonly Site[],
  index: Flatbush | null,
): Float64Array {
  return Float64Array.from(points, (p) => {
    if (!index) return Infinity;
    const ids = index.neighbors(p.lon, p.lat, NEAREST_CANDIDATES, Infinity, (i) =>
      sites[i]!.technologies.includes('4G'),
    );
    const last = ids.length < NEAREST_CANDIDATES ? undefined : sites[ids[ids.length - 1]!];
    return last ? (last.lon - p.lon) ** 2 + (last.lat - p.lat) ** 2 : Infinity;
  });
}

export function siteIndex(sites: readonly Site[]): Flatbush | null {
  if (sites.length === 0) return null;
  const index = new Flatbush(sites.length);
  for (const s of sites) index.add(s.lon, s.lat, s.lon, s.lat);
  index.finish();
  return index;
}
