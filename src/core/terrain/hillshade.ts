import type { DemGrid } from './grid_dem.ts';

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;

/**
 * The hillshade of a lon/lat height grid, one brightness (0–255) per post, row-major from the
 * north-west like the grid. Horn's (1981) slope and aspect from the 3 × 3 posts around each post
 * (edge posts repeat their neighbour), with post spacings in metres at the post's latitude, lit by a
 * sun at `azimuthDeg` (clockwise from north, default 315°) and `altitudeDeg` above the horizon
 * (default 45°): 255 × max(0, cos Z cos S + sin Z sin S cos(A − aspect)), Z the sun's zenith angle,
 * S the slope, aspect the downhill direction clockwise from north. Void posts (NaN) are 0.
 */
export function hillshade(grid: DemGrid, azimuthDeg = 315, altitudeDeg = 45): Uint8ClampedArray {
  const { cols, rows, heights } = grid;
  const out = new Uint8ClampedArray(cols * rows);
  const rad = Math.PI / 180;
  const zenith = (90 - altitudeDeg) * rad;
  const azimuth = azimuthDeg * rad;
  const dy = grid.dLat * M_PER_DEG_LAT;
  const at = (r: number, c: number) =>
    heights[Math.min(rows - 1, Math.max(0, r)) * cols + Math.min(cols - 1, Math.max(0, c))]!;
  for (let r = 0; r < rows; r++) {
    const lat = grid.north - r * grid.dLat;
    const dx = grid.dLon * M_PER_DEG_LON_EQUATOR * Math.cos(lat * rad);
    for (let c = 0; c < cols; c++) {
      const a = at(r - 1, c - 1);
      const b = at(r - 1, c);
      const d = at(r - 1, c + 1);
      const e = at(r, c - 1);
      const f = at(r, c + 1);
      const g = at(r + 1, c - 1);
      const h = at(r + 1, c);
      const i = at(r + 1, c + 1);
      // Rise per metre eastward and northward (row 0 is the north).
      const east = (d + 2 * f + i - (a + 2 * e + g)) / (8 * dx);
      const north = (a + 2 * b + d - (g + 2 * h + i)) / (8 * dy);
      const slope = Math.atan(Math.hypot(east, north));
      // Downhill direction, clockwise from north.
      const aspect = Math.atan2(-east, -north);
      const v =
        Math.cos(zenith) * Math.cos(slope) + Math.sin(zenith) * Math.sin(slope) * Math.cos(azimuth - aspect);
      out[r * cols + c] = Number.isNaN(v) ? 0 : Math.round(255 * Math.max(0, v));
    }
  }
  return out;
}
