import { simplify } from '@turf/turf';
import { contours } from 'd3';
import type { Polygon, Position } from 'geojson';
import type { LocalProjection } from '../geometry/local_projection.ts';
import type { GapGrid } from './commune_scan.ts';

/**
 * Traces a commune's gap grid into lon/lat polygons (marching squares, d3-contour at the ½ level).
 * Each returned polygon is one connected gap with its holes. The trace follows cell centres, so its
 * edges are accurate to about one grid cell; the unit's gap figures come from the exact scan instead.
 */
export function gapPolygons(grid: GapGrid, projection: LocalProjection): Polygon[] {
  if (grid.c1 < grid.c0) return [];
  // Contour only the window of marked cells, with a one-cell empty border so rings close.
  const w = grid.c1 - grid.c0 + 3;
  const h = grid.r1 - grid.r0 + 3;
  const window = new Array<number>(w * h).fill(0);
  for (let r = grid.r0; r <= grid.r1; r++) {
    for (let c = grid.c0; c <= grid.c1; c++)
      window[(r - grid.r0 + 1) * w + (c - grid.c0 + 1)] = grid.values[r * grid.width + c]!;
  }
  const [mp] = contours().size([w, h]).thresholds([0.5])(window);
  if (!mp) return [];
  const ox = grid.x0 + (grid.c0 - 1) * grid.cell;
  const oy = grid.y0 + (grid.r0 - 1) * grid.cell;
  const toLonLat = (p: number[]): Position => {
    const [lon, lat] = projection.inverse(ox + p[0]! * grid.cell, oy + p[1]! * grid.cell);
    return [round6(lon), round6(lat)];
  };
  // Grid rows run south to north, so rings come out with flipped orientation: reverse them back
  // to RFC 7946 order (outer rings counter-clockwise).
  // Simplify in grid units (tolerance ½ cell) before projecting back: the staircase of the trace
  // carries no information finer than a cell.
  return mp.coordinates.map((poly) => {
    const simple = simplify({ type: 'Polygon', coordinates: poly }, { tolerance: 0.5, highQuality: false });
    return {
      type: 'Polygon',
      coordinates: simple.coordinates.map((ring) => ring.map(toLonLat).reverse()),
    };
  });
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
