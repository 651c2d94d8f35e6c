import type { Dem } from './dem.ts';

/** One regular lon/lat grid of heights: row 0 is the northern edge, column 0 the western. */
export interface DemGrid {
  /** Longitude and latitude of the north-west post (the centre of cell [0, 0]), degrees. */
  west: number;
  north: number;
  /** Post spacing in degrees, east–west and north–south. */
  dLon: number;
  dLat: number;
  cols: number;
  rows: number;
  /** Heights in metres, row-major from the north-west; NaN is a void. */
  heights: Float32Array;
  /** Where the grid came from (a file name, or "synthetic: …"). */
  source: string;
}

const M_PER_DEG_LAT = 110_574;
/** How far (in posts) outside a grid's edge a point still reads the edge's height: rounding only. */
const EDGE = 1e-9;

/**
 * A DEM made of one or more lon/lat grids (a mosaic of tiles). Heights are bilinear between the four
 * posts around a point; a point in the first grid that holds it wins, so overlapping tiles (SRTM tiles
 * share their edge rows) give one height. A void post makes the points next to it NaN.
 */
export function gridDem(grids: readonly DemGrid[]): Dem {
  if (grids.length === 0) throw new Error('gridDem needs at least one grid');
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  let spacing = Infinity;
  for (const g of grids) {
    minLon = Math.min(minLon, g.west);
    maxLon = Math.max(maxLon, g.west + (g.cols - 1) * g.dLon);
    maxLat = Math.max(maxLat, g.north);
    minLat = Math.min(minLat, g.north - (g.rows - 1) * g.dLat);
    const lat = g.north - ((g.rows - 1) * g.dLat) / 2;
    spacing = Math.min(
      spacing,
      g.dLat * M_PER_DEG_LAT,
      g.dLon * M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180),
    );
  }
  const dem: Dem = {
    bbox: [minLon, minLat, maxLon, maxLat],
    spacing_m: spacing,
    sources: grids.map((g) => g.source),
    key: grids.map((g) => `${g.source}:${g.cols}x${g.rows}@${g.west},${g.north}`).join('|'),
    elevation(lon, lat) {
      for (const g of grids) {
        const v = gridElevation(g, lon, lat);
        if (!Number.isNaN(v)) return v;
      }
      return Number.NaN;
    },
  };
  GRIDS.set(dem, grids);
  return dem;
}

/**
 * The height (m) of one grid at lon/lat (degrees), bilinear between the four posts around it; NaN
 * outside the grid or next to a void post. `gridDem`'s `elevation` is the first grid's that is not NaN.
 */
export function gridElevation(g: DemGrid, lon: number, lat: number): number {
  // A point on the DEM's outer edge can land a rounding error outside it ((north − lat)/dLat = −1e-13):
  // within EDGE posts of the edge it counts as on it.
  let x = (lon - g.west) / g.dLon;
  let y = (g.north - lat) / g.dLat;
  if (!(x >= -EDGE && y >= -EDGE && x <= g.cols - 1 + EDGE && y <= g.rows - 1 + EDGE)) return Number.NaN;
  x = Math.min(Math.max(x, 0), g.cols - 1);
  y = Math.min(Math.max(y, 0), g.rows - 1);
  const c = Math.min(Math.floor(x), g.cols - 2);
  const r = Math.min(Math.floor(y), g.rows - 2);
  const fx = x - c;
  const fy = y - r;
  const h = g.heights;
  const i = r * g.cols + c;
  const a = h[i]!;
  const b = h[i + 1]!;
  const d = h[i + g.cols]!;
  const e = h[i + g.cols + 1]!;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
}

/** The grids each `gridDem` mosaic was made of. */
const GRIDS = new WeakMap<Dem, readonly DemGrid[]>();

/**
 * The grids a DEM made by `gridDem` reads, or null for any other DEM: what a caller needs to hand the
 * same heights to another thread (the CLI's footprint workers) without going through `elevation`.
 */
export function demGrids(dem: Dem): readonly DemGrid[] | null {
  return GRIDS.get(dem) ?? null;
}

/**
 * A synthetic grid for tests and benchmarks: `height(lon, lat)` sampled on posts of `dDeg` degrees
 * over the box [west, south, east, north].
 */
export function syntheticGrid(
  box: readonly [number, number, number, number],
  dDeg: number,
  height: (lon: number, lat: number) => number,
  source = 'synthetic',
): DemGrid {
  const [west, south, east, north] = box;
  const cols = Math.round((east - west) / dDeg) + 1;
  const rows = Math.round((north - south) / dDeg) + 1;
  const heights = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) heights[r * cols + c] = height(west + c * dDeg, north - r * dDeg);
  }
  return { west, north, dLon: dDeg, dLat: dDeg, cols, rows, heights, source: `synthetic: ${source}` };
}
