import type { MultiPolygon, Polygon, Position } from 'geojson';
import { UserError } from '../base/errors.ts';

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

/** The authalic function q(φ): y = a·q/2 is the ellipsoid's cylindrical equal-area projection. */
function authalicQ(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

/** Area of one ring in m² (unsigned), by the shoelace formula in the equal-area plane. */
function ringAreaM2(ring: Position[]): number {
  let twice = 0;
  const n = ring.length;
  let px = ring[n - 1]![0]! * RAD * A;
  let py = (A * authalicQ(ring[n - 1]![1]!)) / 2;
  for (let i = 0; i < n; i++) {
    const x = ring[i]![0]! * RAD * A;
    const y = (A * authalicQ(ring[i]![1]!)) / 2;
    twice += px * y - x * py;
    px = x;
    py = y;
  }
  return Math.abs(twice) / 2;
}

/**
 * Area of a Polygon or MultiPolygon on the WGS84 ellipsoid, in km² (outer rings minus holes).
 *
 * The rings are mapped to the ellipsoid's cylindrical equal-area projection (x = a·λ, y = a·q(φ)/2),
 * where planar area equals ellipsoidal area exactly; only the edges' shape differs from geodesics,
 * which for commune-sized edges changes the area by far less than 0.01 %. Tests check it against
 * GeographicLib's geodesic polygon area.
 */
export function geodesicArea(geometry: Polygon | MultiPolygon): number {
  const cached = areaCache.get(geometry);
  if (cached !== undefined) return cached;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let m2 = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      if (ring.length >= 3) m2 += (i === 0 ? 1 : -1) * ringAreaM2(ring);
    });
  }
  // A negative area means a hole outside its outer ring (or holes overlapping): the coverage shares
  // would be wrong. The import repairs such rings; a geometry that bypassed it is refused, not clamped,
  // since clamping to 0 would hide a wrong figure instead of a wrong input.
  if (!(m2 >= 0))
    throw new UserError(
      `a polygon has ${Number.isFinite(m2) ? `a negative area (${(m2 / 1e6).toFixed(3)} km²)` : 'no finite area'}: a hole lies outside its outer ring, or holes overlap. Import the boundaries through the import (which repairs them), or fix them in a GIS.`,
    );
  areaCache.set(geometry, m2 / 1e6);
  return m2 / 1e6;
}

// Areas are cached per geometry object: what-if recomputation reuses the same commune geometries.
const areaCache = new WeakMap<object, number>();
