import type { Position } from 'geojson';

/** Edges per latitude band, on average, that `bandedRings` aims at. */
const EDGES_PER_BAND = 8;

/**
 * The even–odd point-in-polygon test of `pointInRings` over the same lon/lat rings, with the edges
 * sorted once into horizontal bands of equal height, so that a point looks only at the edges of its
 * band: O(edges / bands) a point instead of O(edges), for the many points judged against one
 * many-vertex ring (a terrain footprint has thousands of vertices). An edge crossing the point's
 * latitude (`yi > lat !== yj > lat`) has lat in [min(yi, yj), max(yi, yj)), so it is always in the
 * point's band; the crossing is computed with the same expression, so the answers are the same.
 */
export function bandedRings(rings: readonly Position[][]): (lon: number, lat: number) => boolean {
  let n = 0;
  let south = Infinity;
  let north = -Infinity;
  for (const ring of rings) {
    n += ring.length;
    for (const p of ring) {
      south = Math.min(south, p[1]!);
      north = Math.max(north, p[1]!);
    }
  }
  const edges = new Float64Array(4 * n);
  let e = 0;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      edges[4 * e] = ring[i]![0]!;
      edges[4 * e + 1] = ring[i]![1]!;
      edges[4 * e + 2] = ring[j]![0]!;
      edges[4 * e + 3] = ring[j]![1]!;
      e++;
    }
  const bands = Math.max(1, Math.ceil(n / EDGES_PER_BAND));
  const height = (north - south) / bands || 1;
  const bandOf = (lat: number) => Math.min(bands - 1, Math.max(0, Math.floor((lat - south) / height)));
  // Edges per band (compressed rows: the edges of band b are at start[b] … start[b + 1] − 1).
  const start = new Int32Array(bands + 1);
  const span = (k: number): [number, number] => {
    const a = edges[4 * k + 1]!;
    const b = edges[4 * k + 3]!;
    return [bandOf(Math.min(a, b)), bandOf(Math.max(a, b))];
  };
  for (let k = 0; k < n; k++) {
    const [lo, hi] = span(k);
    for (let b = lo; b <= hi; b++) start[b + 1]!++;
  }
  for (let b = 0; b < bands; b++) start[b + 1]! += start[b]!;
  const list = new Int32Array(start[bands]!);
  const fill = start.slice(0, bands);
  for (let k = 0; k < n; k++) {
    const [lo, hi] = span(k);
    for (let b = lo; b <= hi; b++) list[fill[b]!++] = k;
  }
  return (lon, lat) => {
    if (!(lat >= south && lat <= north)) return false;
    const b = bandOf(lat);
    let inside = false;
    for (let m = start[b]!; m < start[b + 1]!; m++) {
      const k = 4 * list[m]!;
      const xi = edges[k]!;
      const yi = edges[k + 1]!;
      const xj = edges[k + 2]!;
      const yj = edges[k + 3]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}
