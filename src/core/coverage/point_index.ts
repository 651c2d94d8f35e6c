import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { CircleFootprint, Footprint } from './footprints.ts';
import { footprintContains } from './footprints.ts';

/** Finds the points that fall inside a footprint or within a distance of a place. */
export interface PointIndex {
  /** Indices (ascending) of the points inside the footprint. */
  inFootprint(f: Footprint): Int32Array;
  /** Indices (ascending) of the points within `radiusM` metres (local plane) of lon/lat. */
  withinRadius(lon: number, lat: number, radiusM: number): Int32Array;
}

/**
 * Indexes lon/lat points in a uniform grid of buckets (about two points per bucket over the points'
 * bounding box, at most 4096 × 4096): a query visits the buckets its bounding box overlaps and tests
 * each point there exactly (the same test `analyze` uses). For the dense, even population grids of site
 * planning this is several times faster than an R-tree, which pays per node for every query.
 */
export function pointIndex(points: readonly { lon: number; lat: number }[]): PointIndex {
  const n = points.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.lon < minX) minX = p.lon;
    if (p.lon > maxX) maxX = p.lon;
    if (p.lat < minY) minY = p.lat;
    if (p.lat > maxY) maxY = p.lat;
  }
  const w = maxX - minX;
  const h = maxY - minY;
  const aspect = w > 0 && h > 0 ? (w * Math.cos(((minY + maxY) / 2) * (Math.PI / 180))) / h : 1;
  const buckets = Math.max(1, n / 2);
  const cols = w > 0 ? Math.min(4096, Math.max(1, Math.round(Math.sqrt(buckets * aspect)))) : 1;
  const rows = h > 0 ? Math.min(4096, Math.max(1, Math.round(buckets / cols))) : 1;
  const cw = w > 0 ? w / cols : 1;
  const ch = h > 0 ? h / rows : 1;
  const colOf = (lon: number) => Math.min(cols - 1, Math.max(0, Math.floor((lon - minX) / cw)));
  const rowOf = (lat: number) => Math.min(rows - 1, Math.max(0, Math.floor((lat - minY) / ch)));

  // Counting sort of the points into buckets (CSR): bucket b holds order[start[b] .. start[b+1]).
  const start = new Int32Array(cols * rows + 1);
  const bucketOf = new Int32Array(n);
  points.forEach((p, i) => {
    const b = rowOf(p.lat) * cols + colOf(p.lon);
    bucketOf[i] = b;
    start[b + 1]!++;
  });
  for (let b = 0; b < cols * rows; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, cols * rows);
  const order = new Int32Array(n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = fill[bucketOf[i]!]!++;
    order[at] = i;
    xs[at] = points[i]!.lon;
    ys[at] = points[i]!.lat;
  }

  const hits: number[] = [];
  const query = (
    bbox: readonly [number, number, number, number],
    test: (lon: number, lat: number) => boolean,
  ): Int32Array => {
    hits.length = 0;
    if (n === 0 || bbox[2] < minX || bbox[0] > maxX || bbox[3] < minY || bbox[1] > maxY)
      return new Int32Array(0);
    const c0 = colOf(bbox[0]);
    const c1 = colOf(bbox[2]);
    const r0 = rowOf(bbox[1]);
    const r1 = rowOf(bbox[3]);
    for (let r = r0; r <= r1; r++) {
      for (let j = start[r * cols + c0]!, end = start[r * cols + c1 + 1]!; j < end; j++) {
        const x = xs[j]!;
        const y = ys[j]!;
        if (x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3] && test(x, y)) hits.push(order[j]!);
      }
    }
    // A typed array sorts numerically without a comparator callback.
    return Int32Array.from(hits).sort();
  };

  return {
    inFootprint(f) {
      return query(
        f.bbox,
        f.kind === 'circle' ? circleTest(f) : (lon, lat) => footprintContains(f, lon, lat),
      );
    },
    withinRadius(lon, lat, radiusM) {
      const dLat = radiusM / metresPerDegreeLat(lat);
      const dLon = radiusM / metresPerDegreeLon(Math.min(89, Math.abs(lat) + dLat));
      const r2 = radiusM * radiusM;
      return query([lon - dLon, lat - dLat, lon + dLon, lat + dLat], (x, y) => {
        const m = (y + lat) / 2;
        const dx = (x - lon) * metresPerDegreeLon(m);
        const dy = (y - lat) * metresPerDegreeLat(m);
        return dx * dx + dy * dy <= r2;
      });
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
