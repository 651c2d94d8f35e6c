import type { MultiPolygon, Polygon, Position } from 'geojson';

/** All rings of a Polygon or MultiPolygon, flattened: the even–odd rule over them gives the inside. */
export function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  // The same array every time for the same geometry: the scan caches a commune's rows by its rings.
  let rings = flatRings.get(geometry);
  if (!rings) {
    rings = geometry.coordinates.flat();
    flatRings.set(geometry, rings);
  }
  return rings;
}

const flatRings = new WeakMap<MultiPolygon, Position[][]>();

/** Even–odd point-in-polygon test over a set of lon/lat rings (holes and islands included). */
export function pointInRings(lon: number, lat: number, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!;
      const yi = ring[i]![1]!;
      const xj = ring[j]![0]!;
      const yj = ring[j]![1]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of a set of rings. */
export function ringsBBox(rings: Position[][]): [number, number, number, number] {
  let a = Infinity;
  let b = Infinity;
  let c = -Infinity;
  let d = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < a) a = x;
      if (y < b) b = y;
      if (x > c) c = x;
      if (y > d) d = y;
    }
  }
  return [a, b, c, d];
}
