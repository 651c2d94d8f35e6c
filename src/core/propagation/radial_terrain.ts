import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { Dem } from '../terrain/dem.ts';
import { type DemGrid, demGrids, gridElevation } from '../terrain/grid_dem.ts';
import { EFF_FAR_M, fillOutside } from './path_profile.ts';

/**
 * The ground along every radial of a site: `radials` radials at bearings r·360/radials (clockwise from
 * north), sampled at j·step_m for j = 0…steps (j = 0 is the site). Row r of `heights` and `outside`
 * starts at r·(steps + 1), of `prefix` at r·(steps + 2).
 */
export interface RadialTerrain {
  radials: number;
  steps: number;
  /**
   * Ground height, m; outside the DEM the last known height along the radial (as `fillOutside`).
   * Sampled out to 15 km (the effective-height window's reach) at once, further only by `ensure`.
   */
  heights: Float64Array;
  /** prefix[j] = the sum of heights 0…j − 1 along the row, m, for j up to the 15 km sample + 1. */
  prefix: Float64Array;
  /** How many of the samples 0…j fell outside the DEM (known for every j, sampled or not). */
  outside: Int32Array;
  /** Makes sure row r's heights are sampled out to sample k (≤ steps). */
  ensure(r: number, k: number): void;
}

/** The last site's terrain, with what it was sampled for; a site's cells are swept one after another. */
let last: {
  dem: WeakRef<Dem>;
  lon: number;
  lat: number;
  step: number;
  terrain: RadialTerrain;
} | null = null;

/**
 * Samples the DEM along every radial of the site at (lon, lat) out to `steps` range steps of `step_m`
 * metres, in the site's local plane (as `localProjection`, inverted with its quadratic east–west
 * scale). Beyond 15 km a row is sampled only when `ensure` asks, where its samples are known to lie
 * inside one grid of the DEM without voids (so that none falls outside); elsewhere at once.
 *
 * The result is valid until the next call for another site (its buffers are reused), and may be
 * longer than asked for: the last site's terrain is kept, and a cell of the same
 * site (same DEM, position, step and radials) that needs no more steps gets it again. A row's first
 * `steps + 1` entries are the same either way, because each height, fill and prefix sum depends only
 * on the samples before it when the site itself is on the DEM (a site off the DEM is not kept: its
 * leading samples take the first known height further out).
 */
export function radialTerrain(
  dem: Dem,
  lon: number,
  lat: number,
  step_m: number,
  radials: number,
  steps: number,
): RadialTerrain {
  const held = last;
  if (
    held &&
    held.lon === lon &&
    held.lat === lat &&
    held.step === step_m &&
    held.terrain.radials === radials &&
    held.terrain.steps >= steps &&
    held.dem.deref() === dem
  )
    return held.terrain;
  const S1 = steps + 1;
  const effEnd = Math.min(steps, Math.floor(EFF_FAR_M / step_m + 1e-6));
  // The last site's buffers are written over (they are megabytes; allocating them per site cost more
  // than reading the DEM): a RadialTerrain is valid until the next call for another site.
  if (pool.heights.length < radials * S1) {
    pool.heights = new Float64Array(radials * S1);
    pool.outside = new Int32Array(radials * S1);
    pool.prefix = new Float64Array(radials * (steps + 2));
  }
  const heights = pool.heights.subarray(0, radials * S1);
  const prefix = pool.prefix.subarray(0, radials * (steps + 2));
  const outside = pool.outside.subarray(0, radials * S1);
  const sampled = new Int32Array(radials);
  const kLat = metresPerDegreeLat(lat);
  const k0 = metresPerDegreeLon(lat);
  const k1 = metresPerDegreeLon(lat + 0.5) - metresPerDegreeLon(lat - 0.5);
  const k2 = 2 * (metresPerDegreeLon(lat + 0.5) + metresPerDegreeLon(lat - 0.5) - 2 * k0);
  const site = dem.elevation(lon, lat);
  const angStep = 360 / radials;
  const grids = Number.isNaN(site) ? null : demGrids(dem);
  // A DEM of one grid is read straight from it (the same heights as `elevation`, without the mosaic's loop).
  const mosaic = demGrids(dem);
  const one = mosaic?.length === 1 ? mosaic[0]! : null;
  const sa = new Float64Array(radials);
  const ca = new Float64Array(radials);
  const lonAt = (r: number, j: number) => {
    const dLat = (j * step_m * ca[r]!) / kLat;
    return lon + (j * step_m * sa[r]!) / (k0 + dLat * (k1 + dLat * k2));
  };
  const latAt = (r: number, j: number) => lat + (j * step_m * ca[r]!) / kLat;
  /**
   * Reads samples from..to of row r straight from the one grid when all of them lie inside it (the ends
   * do, with a margin; the radial runs monotonically between them): `gridElevation`'s bilinear formula
   * without its edge checks and clamps, which change nothing inside (so the same heights). Returns
   * false, having written nothing, otherwise.
   */
  const readInside = (r: number, from: number, to: number) => {
    if (!one || to < from) return false;
    const g = one;
    const xa = (lonAt(r, from) - g.west) / g.dLon;
    const xb = (lonAt(r, to) - g.west) / g.dLon;
    const ya = (g.north - latAt(r, from)) / g.dLat;
    const yb = (g.north - latAt(r, to)) / g.dLat;
    const inside = (x: number, n: number) => x >= 1e-6 && x <= n - 1 - 1e-6;
    if (!(inside(xa, g.cols) && inside(xb, g.cols) && inside(ya, g.rows) && inside(yb, g.rows))) return false;
    const h = g.heights;
    const cols = g.cols;
    const sr = sa[r]!;
    const cr = ca[r]!;
    const gb = r * S1;
    for (let j = from; j <= to; j++) {
      const dLat = (j * step_m * cr) / kLat;
      const x = (lon + (j * step_m * sr) / (k0 + dLat * (k1 + dLat * k2)) - g.west) / g.dLon;
      const y = (g.north - (lat + dLat)) / g.dLat;
      const c = Math.floor(x);
      const rr = Math.floor(y);
      const fx = x - c;
      const fy = y - rr;
      const i = rr * cols + c;
      heights[gb + j] =
        (h[i]! * (1 - fx) + h[i + 1]! * fx) * (1 - fy) +
        (h[i + cols]! * (1 - fx) + h[i + cols + 1]! * fx) * fy;
    }
    return true;
  };
  /** Samples row r from sample `from` (≥ 1, the row sampled before it) to `to`, filling as `fillOutside`. */
  const sample = (r: number, from: number, to: number) => {
    const gb = r * S1;
    if (readInside(r, from, to)) {
      // No void on the way (`ensure` only defers rows inside one void-free grid): nothing to fill.
      sampled[r] = to;
      return;
    }
    let known = heights[gb + from - 1]!;
    for (let j = from; j <= to; j++) {
      const h = one ? gridElevation(one, lonAt(r, j), latAt(r, j)) : dem.elevation(lonAt(r, j), latAt(r, j));
      if (Number.isNaN(h)) heights[gb + j] = known;
      else {
        heights[gb + j] = h;
        known = h;
      }
    }
    sampled[r] = to;
  };
  for (let r = 0; r < radials; r++) {
    const bearing = r * angStep;
    sa[r] = Math.sin((bearing * Math.PI) / 180);
    ca[r] = Math.cos((bearing * Math.PI) / 180);
    const gb = r * S1;
    // The samples past 15 km can wait when they all lie inside one grid without voids.
    const lazy = grids !== null && effEnd < steps && insideOneGrid(grids, r, effEnd + 1, steps, lonAt, latAt);
    const now = lazy ? effEnd : steps;
    const row = heights.subarray(gb, gb + now + 1);
    row[0] = site;
    if (!readInside(r, 1, now)) {
      if (one) for (let j = 1; j <= now; j++) row[j] = gridElevation(one, lonAt(r, j), latAt(r, j));
      else for (let j = 1; j <= now; j++) row[j] = dem.elevation(lonAt(r, j), latAt(r, j));
    }
    let n = 0;
    for (let j = 0; j <= now; j++) {
      if (Number.isNaN(row[j]!)) n++;
      outside[gb + j] = n;
    }
    for (let j = now + 1; j <= steps; j++) outside[gb + j] = n;
    fillOutside(row);
    sampled[r] = now;
    const pb = r * (steps + 2);
    prefix[pb] = 0;
    for (let j = 0; j <= effEnd; j++) prefix[pb + j + 1] = prefix[pb + j]! + row[j]!;
  }
  const terrain: RadialTerrain = {
    radials,
    steps,
    heights,
    prefix,
    outside,
    ensure(r, k) {
      if (k > sampled[r]!) sample(r, sampled[r]! + 1, Math.min(steps, k));
    },
  };
  last = Number.isNaN(site) ? null : { dem: new WeakRef(dem), lon, lat, step: step_m, terrain };
  return terrain;
}

/** The buffers of the last site's terrain (see `radialTerrain`). */
const pool = { heights: new Float64Array(0), prefix: new Float64Array(0), outside: new Int32Array(0) };

/** Grids known to have no void (NaN) post, so that every point inside one has a height. */
const VOID_FREE = new WeakMap<Float32Array, boolean>();

/**
 * Whether the samples from..to of radial r all lie inside one grid without voids: true when both ends
 * do (the radial runs monotonically in longitude and latitude, so the samples between lie in the box
 * the ends span).
 */
function insideOneGrid(
  grids: readonly DemGrid[],
  r: number,
  from: number,
  to: number,
  lonAt: (r: number, j: number) => number,
  latAt: (r: number, j: number) => number,
): boolean {
  const lon0 = lonAt(r, from);
  const lon1 = lonAt(r, to);
  const lat0 = latAt(r, from);
  const lat1 = latAt(r, to);
  for (const g of grids) {
    const x0 = (Math.min(lon0, lon1) - g.west) / g.dLon;
    const x1 = (Math.max(lon0, lon1) - g.west) / g.dLon;
    const y0 = (g.north - Math.max(lat0, lat1)) / g.dLat;
    const y1 = (g.north - Math.min(lat0, lat1)) / g.dLat;
    if (x0 >= 1 && y0 >= 1 && x1 <= g.cols - 2 && y1 <= g.rows - 2) {
      let free = VOID_FREE.get(g.heights);
      if (free === undefined) {
        const hs = g.heights;
        let i = 0;
        while (i < hs.length && !Number.isNaN(hs[i]!)) i++;
        free = i === hs.length;
        VOID_FREE.set(g.heights, free);
      }
      if (free) return true;
    }
  }
  return false;
}
