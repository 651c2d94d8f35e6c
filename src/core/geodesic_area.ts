import geographiclib from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

const WGS84 = geographiclib.Geodesic.WGS84;

/** Signed-free area of one ring on the WGS84 ellipsoid, in m². */
function ringAreaM2(ring: Position[]): number {
  const poly = WGS84.Polygon(false);
  const n = ring.length;
  // A closed ring repeats its first vertex; the polygon accumulator closes it itself.
  const last = n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1] ? n - 1 : n;
  for (let i = 0; i < last; i++) poly.AddPoint(ring[i]![1]!, ring[i]![0]!);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/**
 * Geodesic area of a Polygon or MultiPolygon on the WGS84 ellipsoid, in km²
 * (outer rings minus holes), computed with GeographicLib (Karney 2013).
 */
export function geodesicArea(geometry: Polygon | MultiPolygon): number {
  const cached = areaCache.get(geometry);
  if (cached !== undefined) return cached;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let m2 = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      m2 += (i === 0 ? 1 : -1) * ringAreaM2(ring);
    });
  }
  areaCache.set(geometry, m2 / 1e6);
  return m2 / 1e6;
}

// Areas are cached per geometry object: what-if recomputation reuses the same commune geometries.
const areaCache = new WeakMap<object, number>();
