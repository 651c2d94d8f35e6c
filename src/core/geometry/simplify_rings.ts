import type { Position } from 'geojson';
import { type FlatRings, flatRingsToPositions } from './flat_rings.ts';
import { localProjection } from './local_projection.ts';

/** Largest factor a simplified ring is scaled by to give back its traced area (beyond it: left as is). */
const MAX_SCALE = 1.2;

/**
 * Simplifies closed, even–odd lon/lat rings (a terrain footprint's outline, its shadows and islands)
 * to `tolerance_m` metres, ring by ring in the local plane at (lon, lat):
 * 1. Douglas–Peucker: vertex 0 and the vertex farthest from it are kept, and each vertex dropped lies
 *    within the tolerance of the simplified ring (and each point of that ring within it of the original).
 * 2. Its area given back: the chords of Douglas–Peucker cut inside every convex stretch (on a 10 km
 *    arc at a 90 m tolerance, about 0.8 % of the area), so each simplified ring is scaled about its
 *    centroid by √(traced area ÷ simplified area), which makes its area the traced ring's (a similarity
 *    keeps a simple ring simple).
 * A ring left with fewer than three vertices (a hole or an island thinner than about the tolerance),
 * or whose area would need a factor beyond 1/1.2…1.2, is kept as traced: no ring is dropped, so every
 * hole and island stays. Then the whole is checked, and a ring that breaks it is given back as traced,
 * until none does: two edges that cross (edges meeting at a shared vertex, as traced rings touch at a
 * saddle, do not count) give back both rings; a ring whose first vertex is no longer inside the same
 * rings as before (a hole swept outside its outline) gives back itself or the ring that changed.
 * Rings come out closed (last vertex = first). `tolerance_m` ≤ 0 returns the input.
 */
export function simplifyRings(
  rings: readonly Position[][],
  lon: number,
  lat: number,
  tolerance_m: number,
): Position[][] {
  if (!(tolerance_m > 0) || rings.length === 0) return rings as Position[][];
  const starts = new Int32Array(rings.length + 1);
  rings.forEach((ring, r) => {
    starts[r + 1] = starts[r]! + Math.max(0, ring.length - 1); // the last vertex repeats the first
  });
  const coords = new Float64Array(2 * starts[rings.length]!);
  rings.forEach((ring, r) => {
    for (let i = 0; i + starts[r]! < starts[r + 1]!; i++) {
      coords[2 * (starts[r]! + i)] = ring[i]![0]!;
      coords[2 * (starts[r]! + i) + 1] = ring[i]![1]!;
    }
  });
  const { flat, asTraced } = simplifiedRings({ coords, starts }, lon, lat, tolerance_m);
  // A ring kept as traced is the input's own array.
  return flatRingsToPositions(flat).map((ring, r) => (asTraced[r] ? (rings[r] as Position[]) : ring));
}

/**
 * `simplifyRings` on rings held flat (open, lon/lat), as a footprint is traced (`polarFlatRings`):
 * the same rings, without an array per vertex. `tolerance_m` ≤ 0 returns the input.
 */
export function simplifyFlatRings(
  rings: FlatRings,
  lon: number,
  lat: number,
  tolerance_m: number,
): FlatRings {
  if (!(tolerance_m > 0) || rings.starts.length <= 1) return rings;
  return simplifiedRings(rings, lon, lat, tolerance_m).flat;
}

/** The simplification of `simplifyRings` (tolerance > 0), with 1 for each ring kept as traced. */
function simplifiedRings(
  rings: FlatRings,
  lon: number,
  lat: number,
  tolerance_m: number,
): { flat: FlatRings; asTraced: Uint8Array } {
  const R = rings.starts.length - 1;
  const proj = localProjection(lon, lat);
  const ll = rings.coords;
  /** Per ring: its vertices as traced, lon/lat and in the plane (x, y, …, open). */
  const tracedLL: Float64Array[] = [];
  const traced: Float64Array[] = [];
  const simple: ({ xy: Float64Array; ll: Float64Array; box: number[] } | null)[] = [];
  /** 1 where the ring is kept as traced. */
  const asTraced = new Uint8Array(R);
  const boxes: number[][] = [];
  for (let r = 0; r < R; r++) {
    const a = rings.starts[r]!;
    const n = rings.starts[r + 1]! - a;
    const lonlat = ll.subarray(2 * a, 2 * (a + n));
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const q = proj.forward(lonlat[2 * i]!, lonlat[2 * i + 1]!);
      xy[2 * i] = q[0];
      xy[2 * i + 1] = q[1];
    }
    tracedLL.push(lonlat);
    traced.push(xy);
    boxes.push(flatBBox(lonlat));
    const out = n < 3 ? null : simplified(xy, tolerance_m, proj);
    simple.push(out ? { ...out, box: flatBBox(out.ll) } : null);
    asTraced[r] = out ? 0 : 1;
  }
  const ringNow = (r: number) => (asTraced[r] ? tracedLL[r]! : simple[r]!.ll);
  const boxNow = (r: number) => (asTraced[r] ? boxes[r]! : simple[r]!.box);
  const giveBack = (r: number) => {
    if (asTraced[r]) return false;
    asTraced[r] = 1;
    return true;
  };
  const all = Array.from({ length: R }, (_r, i) => i);
  // Each pass gives back at least one ring or ends, so there are at most R + 1.
  for (let pass = 0; pass <= R; pass++) {
    let changed = false;
    const ids = all.filter((i) => traced[i]!.length >= 6);
    for (const r of crossingRings(
      ids.map((i) => (asTraced[i] ? traced[i]! : simple[i]!.xy)),
      ids,
    ))
      changed = giveBack(r) || changed;
    if (changed) continue;
    for (const k of ids) {
      const now = ringNow(k);
      const px = now[0]!;
      const py = now[1]!;
      for (const j of ids) {
        if (j === k || (asTraced[j] && asTraced[k])) continue;
        const was = inBox(px, py, boxes[j]!) && pointInFlatRing(px, py, tracedLL[j]!);
        const is = inBox(px, py, boxNow(j)) && pointInFlatRing(px, py, ringNow(j));
        if (was !== is) changed = giveBack(j) || giveBack(k) || changed;
      }
    }
    if (!changed) break;
  }
  const starts = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) starts[r + 1] = starts[r]! + ringNow(r).length / 2;
  const coords = new Float64Array(2 * starts[R]!);
  for (let r = 0; r < R; r++) coords.set(ringNow(r), 2 * starts[r]!);
  return { flat: { coords, starts }, asTraced };
}

const inBox = (x: number, y: number, b: readonly number[]) =>
  x >= b[0]! && x <= b[2]! && y >= b[1]! && y <= b[3]!;

/** [minLon, minLat, maxLon, maxLat] of an open flat ring. */
function flatBBox(xy: Float64Array): number[] {
  let a = Infinity;
  let b = Infinity;
  let c = -Infinity;
  let d = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    if (x < a) a = x;
    if (y < b) b = y;
    if (x > c) c = x;
    if (y > d) d = y;
  }
  return [a, b, c, d];
}

/** Even–odd point in one open flat lon/lat ring (the edges and arithmetic of `pointInRings`). */
function pointInFlatRing(lon: number, lat: number, xy: Float64Array): boolean {
  let inside = false;
  const n = xy.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = xy[2 * i]!;
    const yi = xy[2 * i + 1]!;
    const xj = xy[2 * j]!;
    const yj = xy[2 * j + 1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * One ring simplified (Douglas–Peucker, then scaled to its traced area), in the plane and as lon/lat
 * (open); null (keep the traced ring) when fewer than three vertices are left or the area would need
 * a scale factor beyond 1/1.2…1.2.
 */
function simplified(
  xy0: Float64Array,
  tol: number,
  proj: ReturnType<typeof localProjection>,
): { xy: Float64Array; ll: Float64Array } | null {
  const n = xy0.length / 2;
  const keep = keptVertices(xy0, tol);
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i]!;
  if (m < 3) return null;
  const xy = new Float64Array(2 * m);
  for (let i = 0, k = 0; i < n; i++)
    if (keep[i] === 1) {
      xy[k++] = xy0[2 * i]!;
      xy[k++] = xy0[2 * i + 1]!;
    }
  const traced = areaCentroid(xy0).area;
  const { area, cx, cy } = areaCentroid(xy);
  const scale = area !== 0 && traced / area > 0 ? Math.sqrt(traced / area) : Number.NaN;
  if (!(scale <= MAX_SCALE && scale >= 1 / MAX_SCALE)) return null;
  const ll = new Float64Array(2 * m);
  for (let k = 0; k < 2 * m; k += 2) {
    xy[k] = cx + (xy[k]! - cx) * scale;
    xy[k + 1] = cy + (xy[k + 1]! - cy) * scale;
    const q = proj.inverse(xy[k]!, xy[k + 1]!);
    ll[k] = q[0];
    ll[k + 1] = q[1];
  }
  return { xy, ll };
}

/** Signed area and centroid of a ring given as x, y, x, y, … without its repeated vertex. */
function areaCentroid(xy: Float64Array): { area: number; cx: number; cy: number } {
  const n = xy.length / 2;
  // Relative to the first vertex, for precision.
  const x0 = xy[0]!;
  const y0 = xy[1]!;
  let a = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xj = xy[2 * j]! - x0;
    const yj = xy[2 * j + 1]! - y0;
    const xi = xy[2 * i]! - x0;
    const yi = xy[2 * i + 1]! - y0;
    const c = xj * yi - xi * yj;
    a += c;
    sx += (xj + xi) * c;
    sy += (yj + yi) * c;
  }
  if (a === 0) return { area: 0, cx: x0, cy: y0 };
  return { area: a / 2, cx: x0 + sx / (3 * a), cy: y0 + sy / (3 * a) };
}

/**
 * Douglas–Peucker over a closed ring of n vertices (local metres, x, y, x, y, …): 1 for each vertex
 * kept. The ring is split at vertex 0 and at the vertex farthest from it, and each half simplified on
 * its own.
 */
function keptVertices(xy: Float64Array, tol: number): Uint8Array {
  const n = xy.length / 2;
  const keep = new Uint8Array(n);
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (xy[2 * i]! - xy[0]!) ** 2 + (xy[2 * i + 1]! - xy[1]!) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  keep[0] = 1;
  keep[far] = 1;
  const tol2 = tol * tol;
  // Spans (a, b) of vertex indices between two kept vertices; b = n is vertex 0 again.
  const stack: number[] = [0, far, far, n];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b - a < 2) continue;
    const ax = xy[2 * a]!;
    const ay = xy[2 * a + 1]!;
    const dx = xy[2 * (b % n)]! - ax;
    const dy = xy[2 * (b % n) + 1]! - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xy[2 * i]! - ax;
      const py = xy[2 * i + 1]! - ay;
      // Distance from the segment a–b, not its line: the two ends of a span can be close together.
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const d = (px - t * dx) ** 2 + (py - t * dy) ** 2;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push(a, worst, worst, b);
  }
  return keep;
}

/**
 * The ids (`ids[k]` for ring k) of the rings (closed, flat x, y, x, y, … without the repeated vertex)
 * with an edge that properly crosses another edge: edges meeting at an end (neighbours along a ring,
 * or two traced rings touching at a saddle corner) do not count. Edges are bucketed in a uniform grid
 * and compared within each cell.
 */
function crossingRings(rings: readonly Float64Array[], ids: readonly number[]): Set<number> {
  const found = new Set<number>();
  let m = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rings) {
    m += r.length / 2;
    for (let i = 0; i < r.length; i += 2) {
      if (r[i]! < x0) x0 = r[i]!;
      if (r[i]! > x1) x1 = r[i]!;
      if (r[i + 1]! < y0) y0 = r[i + 1]!;
      if (r[i + 1]! > y1) y1 = r[i + 1]!;
    }
  }
  if (m === 0) return found;
  const g = Math.max(1, Math.min(256, Math.ceil(Math.sqrt(m))));
  const cw = (x1 - x0) / g || 1;
  const ch = (y1 - y0) / g || 1;
  const cells: number[][] = Array.from({ length: g * g }, () => []);
  // Edge e: (ax, ay, bx, by) at 4e in `edges`, its ring at e in `ringOf`.
  const edges = new Float64Array(4 * m);
  const ringOf = new Int32Array(m);
  let e = 0;
  rings.forEach((r, k) => {
    const n = r.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const ax = r[2 * i]!;
      const ay = r[2 * i + 1]!;
      const bx = r[2 * j]!;
      const by = r[2 * j + 1]!;
      edges[4 * e] = ax;
      edges[4 * e + 1] = ay;
      edges[4 * e + 2] = bx;
      edges[4 * e + 3] = by;
      ringOf[e] = k;
      const c0 = Math.min(g - 1, Math.floor((Math.min(ax, bx) - x0) / cw));
      const c1 = Math.min(g - 1, Math.floor((Math.max(ax, bx) - x0) / cw));
      const r0 = Math.min(g - 1, Math.floor((Math.min(ay, by) - y0) / ch));
      const r1 = Math.min(g - 1, Math.floor((Math.max(ay, by) - y0) / ch));
      for (let row = r0; row <= r1; row++) for (let col = c0; col <= c1; col++) cells[row * g + col]!.push(e);
      e++;
    }
  });
  const crosses = (p: number, q: number) => {
    const ax = edges[4 * p]!;
    const ay = edges[4 * p + 1]!;
    const bx = edges[4 * p + 2]!;
    const by = edges[4 * p + 3]!;
    const cx = edges[4 * q]!;
    const cy = edges[4 * q + 1]!;
    const dx = edges[4 * q + 2]!;
    const dy = edges[4 * q + 3]!;
    const o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
    const o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
    const o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
    return o1 * o2 < 0 && o3 * o4 < 0;
  };
  for (const list of cells)
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (crosses(list[i]!, list[j]!)) {
          found.add(ids[ringOf[list[i]!]!]!);
          found.add(ids[ringOf[list[j]!]!]!);
        }
  return found;
}
