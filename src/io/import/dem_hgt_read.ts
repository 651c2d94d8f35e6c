import { UserError } from '../../core/base/errors.ts';
import type { DemGrid } from '../../core/terrain/grid_dem.ts';

/** Posts per side of an SRTM tile by its byte length: 1″ (3601 × 3601) and 3″ (1201 × 1201). */
const SIZES: ReadonlyArray<{ posts: number; label: string }> = [
  { posts: 3601, label: '1″' },
  { posts: 1201, label: '3″' },
];

/** The value SRTM writes where it has no height. */
const HGT_VOID = -32768;

/**
 * The south-west corner of an SRTM tile from its file name (`N14E108.hgt`, `n14e108.SRTMGL1.hgt`,
 * case-insensitive; the folder part is ignored): [lon, lat] in whole degrees, or null.
 */
export function hgtTileCorner(file: string): [number, number] | null {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
  const m = /^([NS])(\d{2})([EW])(\d{3})(?![0-9])/i.exec(base);
  if (!m) return null;
  const lat = Number(m[2]) * (m[1]!.toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(m[4]) * (m[3]!.toUpperCase() === 'W' ? -1 : 1);
  if (lat < -90 || lat > 89 || lon < -180 || lon > 179) return null;
  return [lon, lat];
}

/**
 * Reads an SRTM `.hgt` tile (big-endian signed 16-bit heights in metres, rows from the north, the
 * tile's edges on whole degrees, −32768 for a void) into a lon/lat grid; voids become NaN (fill them
 * with `fillVoids`). The resolution comes from the byte length (1″ or 3″), the position from the
 * file name, whose south-west corner it is. A bad name or size is a UserError naming the file.
 */
export function hgtGrid(bytes: Uint8Array, file: string): DemGrid {
  const corner = hgtTileCorner(file);
  if (!corner) {
    throw new UserError(
      `${file}: an SRTM .hgt tile is placed by its file name, which must start with the latitude and longitude of its south-west corner, such as N14E108.hgt; this name does not.`,
    );
  }
  const size = SIZES.find((s) => s.posts * s.posts * 2 === bytes.byteLength);
  if (!size) {
    throw new UserError(
      `${file}: ${bytes.byteLength.toLocaleString('en-US')} bytes is not the size of an SRTM .hgt tile (1″: 25,934,402 bytes, 3601 × 3601 posts; 3″: 2,884,802 bytes, 1201 × 1201 posts).`,
    );
  }
  const n = size.posts;
  const heights = new Float32Array(n * n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n * n; i++) {
    const v = view.getInt16(2 * i, false);
    heights[i] = v === HGT_VOID ? Number.NaN : v;
  }
  const [lon, lat] = corner;
  const d = 1 / (n - 1);
  return { west: lon, north: lat + 1, dLon: d, dLat: d, cols: n, rows: n, heights, source: file };
}
