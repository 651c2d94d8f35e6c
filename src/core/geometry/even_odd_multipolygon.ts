import type { MultiPolygon, Position } from 'geojson';
import { pointInRings } from './point_in_polygon.ts';

/**
 * Even–odd rings (as a terrain footprint has them: an outline, shadows as holes, islands beyond) as a
 * GeoJSON MultiPolygon: a ring inside an even number of the others is an outer ring, one inside an odd
 * number is a hole of the smallest outer ring holding it. Rings must not cross (the footprint tracer's
 * never do); a ring's nesting is judged by its first vertex.
 */
export function evenOddMultiPolygon(rings: readonly Position[][]): MultiPolygon {
  const depth = rings.map((r, i) => {
    const p = r[0]!;
    let d = 0;
    rings.forEach((o, j) => {
      if (j !== i && pointInRings(p[0]!, p[1]!, [o])) d++;
    });
    return d;
  });
  const area = rings.map((r) => Math.abs(planarArea(r)));
  const outers = rings.flatMap((_r, i) => (depth[i]! % 2 === 0 ? [i] : []));
  const polygons = new Map<number, Position[][]>(outers.map((i) => [i, [rings[i]!]]));
  rings.forEach((r, i) => {
    if (depth[i]! % 2 === 0) return;
    const p = r[0]!;
    let best = -1;
    for (const o of outers)
      if (pointInRings(p[0]!, p[1]!, [rings[o]!]) && (best < 0 || area[o]! < area[best]!)) best = o;
    if (best >= 0) polygons.get(best)!.push(r);
  });
  return { type: 'MultiPolygon', coordinates: [...polygons.values()] };
}

/** Shoelace area of a ring in degrees² (for ordering rings by size only). */
function planarArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a / 2;
}
