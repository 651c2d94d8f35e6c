import { contours } from 'd3';
import type { Polygon, Position } from 'geojson';
import type { GapGrid } from './commune_scan.ts';
import type { LocalProjection } from './local_projection.ts';

/**
 * Traces a commune's gap grid into lon/lat polygons (marching squares, d3-contour at the ½ level).
 * Each returned polygon is one connected gap with its holes. The trace follows cell centres, so its
 * edges are accurate to about one grid cell; the unit's gap figures come from the exact scan instead.
 */
export function gapPolygons(grid: GapGrid, projection: LocalProjection): Polygon[] {
  const [mp] = contours().size([grid.width, grid.height]).thresholds([0.5])(Array.from(grid.values));
  if (!mp) return [];
  const toLonLat = (p: number[]): Position => {
    const [lon, lat] = projection.inverse(grid.x0 + p[0]! * grid.cell, grid.y0 + p[1]! * grid.cell);
    return [round6(lon), round6(lat)];
  };
  // Grid rows run south to north, so rings come out with flipped orientation: reverse them back
  // to RFC 7946 order (outer rings counter-clockwise).
  return mp.coordinates.map((poly) => ({
    type: 'Polygon',
    coordinates: poly.map((ring) => ring.map(toLonLat).reverse()),
  }));
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
