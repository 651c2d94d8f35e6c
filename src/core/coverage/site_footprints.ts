/**
 * The sites' footprints for the engine, built when asked instead of all held at once (five million
 * sites would need gigabytes of footprint objects), and only as many as an answer needs: a commune's
 * scan takes its sites nearest first and passes over a site whose pairs already span every row, and a
 * point's test stops once every pair that could cover it has.
 */
import Flatbush from 'flatbush';
import { cellsOf } from '../base/site_cells.ts';
import type { EngineConfig, Setting, Site } from '../base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { ringsBBox, ringsOf } from '../geometry/point_in_polygon.ts';
import type { TerrainContext } from '../terrain/terrain_context.ts';
import {
  buildFootprints,
  type Footprint,
  footprintContains,
  footprintRadius,
  type PairLayout,
} from './footprints.ts';

/** A commune's footprints, in the order its scan should take them (nearest site first). */
export interface FootprintStream {
  /**
   * Calls `fn` with each footprint meeting the box, nearest site first. A site whose pairs are all in
   * `skip()` is passed over without being built; once `skip()` holds every pair, it stops.
   */
  each(skip: () => number, fn: (f: Footprint) => void): void;
}

export interface SiteFootprints {
  /** Every pair bit some site has. */
  readonly pairs: number;
  /** The footprints that may meet a commune's box, nearest to (lon, lat) first, built as the scan takes them. */
  stream(box: readonly number[], lon: number, lat: number): FootprintStream;
  /**
   * The pairs of `want` whose footprints contain the point (exactly `footprintContains`), looking at
   * the nearest sites first and stopping once all are found, or as soon as `enough(found)` says so.
   */
  pairsAt(lon: number, lat: number, want: number, enough?: (found: number) => boolean): number;
  /** Site positions (a point per site) for nearest-site searches; null without sites. */
  readonly points: Flatbush | null;
}

/**
 * Most sites whose footprints are held between communes (about 1 KB each); above it each commune
 * builds the footprints it takes again, so memory stays a point and a few numbers per site.
 */
export const HELD_SITES = 250_000;

/**
 * Indexes the sites by position, with each site's pairs and each pair's reach (the largest radius of
 * its circles and sectors, or the farthest corner of its predicted polygons' boxes): no footprint is
 * built until a search takes its site. A site's setting (urban or rural) is looked up once; up to
 * `heldLimit` sites, the footprints built are kept. With `terrain`, a cell's terrain footprint is
 * computed (or taken from the cache) up front, since its reach is the farthest corner of its box.
 */
export function siteFootprints(
  sites: readonly Site[],
  layout: PairLayout,
  cfg: EngineConfig,
  settingOf: (site: Site) => Setting,
  heldLimit = HELD_SITES,
  terrain: TerrainContext | null = null,
): SiteFootprints {
  const n = sites.length;
  const settings = new Uint8Array(n); // 1: urban
  const masks = new Int32Array(n);
  /** Per pair, the farthest (metres) any of its footprints reaches from its site. */
  const pairReach = new Float64Array(32);
  const held: (Footprint[] | undefined)[] | null = n <= heldLimit ? new Array(n) : null;
  let pairs = 0;
  let points: Flatbush | null = null;
  if (n > 0) {
    points = new Flatbush(n);
    for (let i = 0; i < n; i++) {
      const site = sites[i]!;
      const setting = settingOf(site);
      settings[i] = setting === 'urban' ? 1 : 0;
      let mask = 0;
      for (const cell of cellsOf(site)) {
        const pair = layout.pairOf(cell.technology, site.operator);
        mask |= 1 << pair;
        let reach: number;
        const terrainBox = cell.coverage ? undefined : terrain?.footprintOf(site, cell, setting)?.bbox;
        if (cell.coverage || terrainBox) {
          // The farthest corner of the polygon's box, at the longest a degree of either axis can be.
          const box = terrainBox ?? ringsBBox(ringsOf(cell.coverage!));
          const far = Math.max(Math.abs(box[0] - site.lon), Math.abs(box[2] - site.lon));
          const farLat = Math.max(Math.abs(box[1] - site.lat), Math.abs(box[3] - site.lat));
          reach = Math.hypot(far * metresPerDegreeLon(0), farLat * metresPerDegreeLat(90));
          // An empty terrain footprint (nothing covered) has no box and reaches nowhere.
          if (!Number.isFinite(reach)) reach = 0;
        } else reach = footprintRadius(site, cell.technology, setting, cfg, cell);
        if (reach > pairReach[pair]!) pairReach[pair] = reach;
      }
      masks[i] = mask;
      pairs |= mask;
      points.add(site.lon, site.lat, site.lon, site.lat);
    }
    points.finish();
  }
  /** Site i's footprints: all of them (held), or (not held) only those of the pairs in `want`. */
  const build = (i: number, want: number): Footprint[] => {
    const cached = held?.[i];
    if (cached) return cached;
    const setting: Setting = settings[i] === 1 ? 'urban' : 'rural';
    const fs = buildFootprints([sites[i]!], layout, cfg, () => setting, held ? -1 : want, terrain);
    for (const f of fs) f.siteIndex = i;
    if (held) held[i] = fs;
    return fs;
  };
  const meets = (f: Footprint, b: readonly number[]) =>
    !(f.bbox[0] > b[2]! || f.bbox[2] < b[0]! || f.bbox[1] > b[3]! || f.bbox[3] < b[1]!);
  /** The largest reach (metres) of the pairs in `missing`. */
  const reachOf = (missing: number) => {
    let r = 0;
    for (let p = 0; p < 32; p++) if ((missing & (1 << p)) !== 0 && pairReach[p]! > r) r = pairReach[p]!;
    return r;
  };

  /**
   * The sites nearest (lon, lat) first, in growing batches, out to `extraDeg` plus the reach of the
   * pairs still missing (`missing()`, asked again at each site). Flatbush measures in planar degrees,
   * and a degree of longitude is the shorter, so metres ÷ its length at the highest latitude the
   * search can reach (`maxLat`, plus a degree) bound the search. `visit` returns false to stop.
   */
  const nearest = (
    lon: number,
    lat: number,
    extraDeg: number,
    maxLat: number,
    missing: () => number,
    visit: (i: number, missing: number) => boolean,
  ): void => {
    if (!points) return;
    const kx = metresPerDegreeLon(Math.min(89, maxLat + 1));
    const seen = new Set<number>();
    for (let batch = 64; ; batch *= 4) {
      const want = missing();
      if (want === 0) return;
      const ids = points.neighbors(lon, lat, batch, extraDeg + (reachOf(want) * 1.001) / kx + 1e-9);
      for (const i of ids) {
        if (seen.has(i)) continue;
        seen.add(i);
        const m = missing();
        if (m === 0) return;
        if ((masks[i]! & m) !== 0 && !visit(i, m)) return;
      }
      if (ids.length < batch) return;
    }
  };

  const stream = (box: readonly number[], lon: number, lat: number): FootprintStream => {
    // A site can meet the box only if it is within its reach of the box: of its centre's farthest corner.
    const halfDiag = Math.max(
      Math.hypot(box[0]! - lon, box[1]! - lat),
      Math.hypot(box[2]! - lon, box[1]! - lat),
      Math.hypot(box[0]! - lon, box[3]! - lat),
      Math.hypot(box[2]! - lon, box[3]! - lat),
    );
    return {
      each(skip, fn) {
        nearest(
          lon,
          lat,
          halfDiag,
          Math.max(Math.abs(box[1]!), Math.abs(box[3]!)),
          () => pairs & ~skip(),
          (i, missing) => {
            for (const f of build(i, missing)) if ((missing & (1 << f.pair)) !== 0 && meets(f, box)) fn(f);
            return true;
          },
        );
      },
    };
  };

  const pairsAt = (
    lon: number,
    lat: number,
    want: number,
    enough: (found: number) => boolean = (found) => (found & want) === want,
  ): number => {
    let found = 0;
    if (enough(found)) return found;
    nearest(
      lon,
      lat,
      0,
      Math.abs(lat),
      () => want & pairs & ~found,
      (i, missing) => {
        for (const f of build(i, missing)) {
          const bit = 1 << f.pair;
          if ((missing & bit) !== 0 && (found & bit) === 0 && footprintContains(f, lon, lat)) {
            found |= bit;
            if (enough(found)) return false;
          }
        }
        return true;
      },
    );
    return found;
  };

  return { pairs, stream, pairsAt, points };
}
