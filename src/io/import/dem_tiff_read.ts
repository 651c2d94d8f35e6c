import { UserError } from '../../core/base/errors.ts';
import type { DemGrid } from '../../core/terrain/grid_dem.ts';
import { IssueList } from '../formats/geojson_input.ts';
import { IMPORT_LIMITS } from '../formats/limits.ts';
import { geoKeys, readFirstBand, readTiffLayout, TAG } from '../formats/tiff_read.ts';
import { type Crs, resolveCrs } from './crs.ts';
import { fillVoids } from './dem_fill_voids.ts';
import { crsOf, gridOf } from './population.ts';

/** GeoKey ids read here beyond the coordinate system (GeoTIFF 1.1). */
const KEY = {
  projected: 3072,
  citation: 1026,
  projCitation: 3073,
  geogCitation: 2049,
  datum: 2050,
  transform: 3075,
  originLon: 3080,
  centreLon: 3088,
  falseEasting: 3082,
  scale: 3092,
  scaleCentre: 3093,
} as const;

/** A DEM GeoTIFF read into a lon/lat grid, with how many voids were filled and what was converted. */
export interface DemTiff {
  grid: DemGrid;
  /** Void posts filled from their neighbours (before any resampling). */
  voidsFilled: number;
  /** A projected raster: "<its CRS> → WGS 84". */
  crs?: string;
  /** Warnings about the file (no coordinate system declared, filled voids), with the file named. */
  warnings: string[];
}

/**
 * A user-defined (code 32767) transverse Mercator on VN-2000 with k = 0.9999 and a false easting of
 * 500 km is a VN-2000 TM-3 provincial zone: its central meridian read from the GeoKeys, or null.
 */
function vn2000Tm3(keys: Map<number, number | string>): number | null {
  if (keys.get(KEY.projected) !== 32767 || keys.get(KEY.transform) !== 1) return null;
  const text = [KEY.citation, KEY.projCitation, KEY.geogCitation]
    .map((k) => String(keys.get(k) ?? ''))
    .join(' ');
  const vn = keys.get(KEY.datum) === 6756 || /VN[-_ ]?2000|Vietnam[_ ]?2000/i.test(text);
  const k = keys.get(KEY.scale) ?? keys.get(KEY.scaleCentre);
  const meridian = keys.get(KEY.originLon) ?? keys.get(KEY.centreLon);
  if (!vn || k !== 0.9999 || keys.get(KEY.falseEasting) !== 500000 || typeof meridian !== 'number')
    return null;
  return meridian;
}

/**
 * Reads an elevation GeoTIFF (first band, metres) into a lon/lat grid. EPSG:4326 rasters (SRTM,
 * Copernicus GLO-30, NASADEM) keep their posts: a PixelIsPoint tie point is the post, a PixelIsArea
 * one the corner of a cell whose centre is the post. Projected rasters in a system the importer
 * converts (UTM 48N/49N on WGS 84 or VN-2000, a VN-2000 TM-3 zone) are resampled bilinearly onto a
 * lon/lat grid of about the same spacing over their extent; posts outside the raster are NaN (no
 * DEM there). Voids — the GDAL_NODATA value, −32768 and non-finite cells — are filled from their
 * neighbours first (`fillVoids`), with a warning giving the count. No georeferencing, an all-void
 * raster, or an unreadable file is a UserError naming the file.
 */
export async function demTiffGrid(buffer: ArrayBuffer, file: string): Promise<DemTiff> {
  const layout = readTiffLayout(new Uint8Array(buffer), file, IMPORT_LIMITS.rasterCells);
  const { width, height } = layout;
  const keys = geoKeys(layout);
  const { originX, originY, resX, resY } = gridOf(layout, keys, file);
  const xs = [originX, originX + width * resX];
  const ys = [originY, originY + height * resY];
  const extent: [number, number, number, number] = [
    Math.min(...xs),
    Math.min(...ys),
    Math.max(...xs),
    Math.max(...ys),
  ];
  const issues = new IssueList(file);
  const meridian = vn2000Tm3(keys);
  const crs: Crs | null =
    meridian !== null
      ? resolveCrs({ kind: 'vn2000-tm3', meridian }, file)
      : crsOf(keys, extent, file, issues);
  const nodataText = layout.text.get(TAG.gdalNodata)?.replace(/\0/g, '').trim();
  const nodata = nodataText === undefined || nodataText === '' ? null : Number(nodataText);
  const nodata32 = nodata === null || Number.isNaN(nodata) ? null : Math.fround(nodata);

  const band = await readFirstBand(buffer, width * height, file);
  // Rows from the north whatever the sign of the cell height.
  const heights = new Float32Array(width * height);
  const flip = resY > 0;
  for (let r = 0; r < height; r++) {
    const from = (flip ? height - 1 - r : r) * width;
    for (let c = 0; c < width; c++) {
      const v = band[from + c]!;
      heights[r * width + c] =
        !Number.isFinite(v) || v === -32768 || v === nodata || v === nodata32 ? Number.NaN : v;
    }
  }
  const voidsFilled = fillVoids(heights, width, height);
  if (voidsFilled < 0) {
    throw new UserError(
      `${file}: every cell of the DEM is void (${nodataText === undefined ? 'NaN or −32768' : `the nodata value ${nodataText}`}); there is no height to read.`,
    );
  }
  const warnings = issues.items.map((i) => `${file}: ${i.message}`);
  if (voidsFilled > 0)
    warnings.push(
      `${file}: ${voidsFilled.toLocaleString('en-US')} void post(s) filled from their neighbours`,
    );
  const dx = Math.abs(resX);
  const dy = Math.abs(resY);
  const north = flip ? originY + height * resY : originY;
  const west = resX > 0 ? originX : originX + width * resX;
  if (resX < 0) for (let r = 0; r < height; r++) heights.subarray(r * width, (r + 1) * width).reverse();
  if (!crs) {
    const grid: DemGrid = {
      west: west + dx / 2,
      north: north - dy / 2,
      dLon: dx,
      dLat: dy,
      cols: width,
      rows: height,
      heights,
      source: file,
    };
    return { grid, voidsFilled, warnings };
  }
  return {
    grid: resample(heights, { west, north, dx, dy, width, height }, crs, file),
    voidsFilled,
    crs: `${crs.label} → WGS 84`,
    warnings,
  };
}

interface Source {
  /** Outer corner (north-west) of the raster and its cell size, in the raster's units; rows from the north. */
  west: number;
  north: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

/** Resamples a projected raster (posts at cell centres) onto a lon/lat grid of about the same spacing. */
function resample(heights: Float32Array, s: Source, crs: Crs, file: string): DemGrid {
  const from = crs.fromWgs84;
  if (!from)
    throw new UserError(
      `${file}: the raster's coordinate system ${crs.label} cannot be resampled to lon/lat.`,
    );
  // The lon/lat box of the raster: its outline converted, 16 points a side.
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let k = 0; k <= 16; k++) {
    const t = k / 16;
    const xw = s.west + t * s.width * s.dx;
    const yn = s.north - t * s.height * s.dy;
    for (const [x, y] of [
      [xw, s.north],
      [xw, s.north - s.height * s.dy],
      [s.west, yn],
      [s.west + s.width * s.dx, yn],
    ] as const) {
      const [lon, lat] = crs.toWgs84(x, y);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  if (!(maxLon > minLon && maxLat > minLat))
    throw new UserError(`${file}: the raster's position converted from ${crs.label} is not on Earth.`);
  const midLat = (minLat + maxLat) / 2;
  const dLat = crs.projected ? s.dy / 110_574 : s.dy;
  const dLon = crs.projected ? s.dx / (111_320 * Math.cos((midLat * Math.PI) / 180)) : s.dx;
  const cols = Math.max(2, Math.ceil((maxLon - minLon) / dLon) + 1);
  const rows = Math.max(2, Math.ceil((maxLat - minLat) / dLat) + 1);
  if (cols * rows > IMPORT_LIMITS.rasterCells)
    throw new UserError(
      `${file}: resampled to lon/lat the DEM would have ${cols * rows} posts, over the limit.`,
    );
  const out = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const lat = maxLat - r * dLat;
    for (let c = 0; c < cols; c++) {
      const [x, y] = from(minLon + c * dLon, lat);
      // Fractional post position (posts at cell centres).
      const fx = (x - s.west) / s.dx - 0.5;
      const fy = (s.north - y) / s.dy - 0.5;
      out[r * cols + c] = bilinear(heights, s.width, s.height, fx, fy);
    }
  }
  return { west: minLon, north: maxLat, dLon, dLat, cols, rows, heights: out, source: file };
}

function bilinear(h: Float32Array, w: number, ht: number, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= ht - 1)) return Number.NaN;
  const c = Math.min(Math.floor(x), Math.max(0, w - 2));
  const r = Math.min(Math.floor(y), Math.max(0, ht - 2));
  const fx = x - c;
  const fy = y - r;
  const at = (rr: number, cc: number) => h[Math.min(rr, ht - 1) * w + Math.min(cc, w - 1)]!;
  return (
    (at(r, c) * (1 - fx) + at(r, c + 1) * fx) * (1 - fy) +
    (at(r + 1, c) * (1 - fx) + at(r + 1, c + 1) * fx) * fy
  );
}
