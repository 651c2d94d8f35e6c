import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';

/** One representative per occupied cell of the thinning lattice. */
export interface ThinnedPoint {
  /** Index of the chosen point in the input. */
  index: number;
  /** Lattice cell, "row_col" (row from south, column from west, of the global lattice). */
  cell: string;
}

/**
 * Thins weighted points to at most one per `spacingM` × `spacingM` cell of a lattice anchored at
 * lon/lat 0 (cell size in degrees taken at the points' mean latitude). Each occupied cell is represented
 * by its point nearest to the weighted centroid of the cell's points: a real populated place close to
 * the middle of the cell's people. Cells are returned in row, then column order; ties go to the lower index.
 */
export function thinPoints(
  points: readonly { lon: number; lat: number }[],
  weights: readonly number[],
  spacingM: number,
): ThinnedPoint[] {
  if (points.length === 0) return [];
  let latSum = 0;
  for (const p of points) latSum += p.lat;
  const latRef = latSum / points.length;
  const dLon = spacingM / metresPerDegreeLon(latRef);
  const dLat = spacingM / metresPerDegreeLat(latRef);
  const cells = new Map<
    number,
    { row: number; col: number; members: number[]; w: number; x: number; y: number }
  >();
  points.forEach((p, i) => {
    const row = Math.floor(p.lat / dLat);
    const col = Math.floor(p.lon / dLon);
    // A numeric key keeps the map fast; for spacings ≥ 1 m |row| < 2^24 and |col| < 2^25, so the key
    // stays below 2^51, exact in a double.
    const key = (row + 2 ** 24) * 2 ** 26 + (col + 2 ** 25);
    let c = cells.get(key);
    if (!c) {
      c = { row, col, members: [], w: 0, x: 0, y: 0 };
      cells.set(key, c);
    }
    const w = Math.max(weights[i] ?? 0, 1e-12);
    c.members.push(i);
    c.w += w;
    c.x += w * p.lon;
    c.y += w * p.lat;
  });
  const out: ThinnedPoint[] = [];
  for (const c of [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const cx = c.x / c.w;
    const cy = c.y / c.w;
    let best = c.members[0]!;
    let bestD = Infinity;
    for (const i of c.members) {
      const p = points[i]!;
      const d = ((p.lon - cx) / dLon) ** 2 + ((p.lat - cy) / dLat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    out.push({ index: best, cell: `${c.row}_${c.col}` });
  }
  return out;
}
