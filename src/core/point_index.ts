import Flatbush from 'flatbush';
import { type CircleFootprint, type Footprint, footprintContains } from './footprints.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from './local_projection.ts';

/** Finds the points that fall inside a footprint or within a distance of a place. */
export interface PointIndex {
  /** Indices (ascending) of the points inside the footprint. */
  inFootprint(f: Footprint): number[];
  /** Indices (ascending) of the points within `radiusM` metres (local plane) of lon/lat. */
  withinRadius(lon: number, lat: number, radiusM: number): number[];
}

/**
 * Indexes lon/lat points in a Flatbush R-tree: a query searches the footprint's bounding box, then
 * tests each hit exactly (the same test `analyze` uses), so it costs O(log n + hits).
 */
export function pointIndex(points: readonly { lon: number; lat: number }[]): PointIndex {
  const index = new Flatbush(Math.max(1, points.length));
  for (const p of points) index.add(p.lon, p.lat, p.lon, p.lat);
  if (points.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const sorted = (hits: number[]) => hits.sort((a, b) => a - b);
  return {
    inFootprint(f) {
      if (points.length === 0) return [];
      const test =
        f.kind === 'circle' ? circleTest(f) : (lon: number, lat: number) => footprintContains(f, lon, lat);
      return sorted(
        index.search(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3], (i) => test(points[i]!.lon, points[i]!.lat)),
      );
    },
    withinRadius(lon, lat, radiusM) {
      if (points.length === 0) return [];
      const dLat = radiusM / metresPerDegreeLat(lat);
      const dLon = radiusM / metresPerDegreeLon(Math.min(89, Math.abs(lat) + dLat));
      const r2 = radiusM * radiusM;
      return sorted(
        index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat, (i) => {
          const p = points[i]!;
          const m = (p.lat + lat) / 2;
          const dx = (p.lon - lon) * metresPerDegreeLon(m);
          const dy = (p.lat - lat) * metresPerDegreeLat(m);
          return dx * dx + dy * dy <= r2;
        }),
      );
    },
  };
}

/**
 * `footprintContains` for a circle, fast: the distance is first taken with the scale at the centre's
 * latitude, which differs from the exact test's mid-latitude scale by less than `margin` (relative, in
 * squared distance); only points that close to the rim go through the exact test, so the answer is the
 * same as `footprintContains` for every point.
 */
function circleTest(f: CircleFootprint): (lon: number, lat: number) => boolean {
  const kx = metresPerDegreeLon(f.lat);
  const ky = metresPerDegreeLat(f.lat);
  const r2 = f.radius_m * f.radius_m;
  const spanRad = f.radius_m / 6_300_000;
  const tan = Math.tan((Math.min(89, Math.abs(f.lat) + (spanRad * 180) / Math.PI) * Math.PI) / 180);
  const margin = 4 * tan * spanRad + 1e-4;
  const inner = r2 * (1 - margin);
  const outer = r2 * (1 + margin);
  return (lon, lat) => {
    const dx = (lon - f.lon) * kx;
    const dy = (lat - f.lat) * ky;
    const d2 = dx * dx + dy * dy;
    if (d2 < inner) return true;
    if (d2 > outer) return false;
    return footprintContains(f, lon, lat);
  };
}
