import type { Position } from 'geojson';
import { localProjection } from './local_projection.ts';
import { pointInRings, ringsBBox } from './point_in_polygon.ts';

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
 *    keeps a simple ring simple). Factors beyond 1/1.2…1.2 are not applied.
 * A ring with fewer than three vertices left (a sliver, or a hole or island thinner than about twice
 * the tolerance) is dropped. Then the whole is checked: if two edges cross (edges meeting at a shared
 * vertex, as traced rings touch at a saddle, do not count), or a ring's first vertex is inside a
 * different number of the other rings than before (a hole swept outside its outline), the input is
 * returned unchanged. Rings come out closed (last vertex = first). `tolerance_m` ≤ 0 returns the input.
 */
export function simplifyRings(
  rings: readonly Position[][],
  lon: number,
  lat: number,
  tolerance_m: number,
): Position[][] {
  if (!(tolerance_m > 0) || rings.length === 0) return rings as Position[][];
  const proj = localProjection(lon, lat);
  const out: Position[][] = [];
  /** Per ring of `out`: its ring in `rings`, and its vertices in the local plane (x, y, x, y, …). */
  const source: number[] = [];
  const planar: Float64Array[] = [];
  rings.forEach((ring, r) => {
    const n = ring.length - 1; // the last vertex repeats the first
    if (n < 3) return;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const q = proj.forward(ring[i]![0]!, ring[i]![1]!);
      xs[i] = q[0];
      ys[i] = q[1];
    }
    const keep = keptVertices(xs, ys, tolerance_m);
    let m = 0;
    for (let i = 0; i < n; i++) m += keep[i]!;
    if (m < 3) return;
    const xy = new Float64Array(2 * m);
    for (let i = 0, k = 0; i < n; i++)
      if (keep[i] === 1) {
        xy[k++] = xs[i]!;
        xy[k++] = ys[i]!;
      }
    const traced = signedArea(xs, ys);
    const { area, cx, cy } = areaCentroid(xy);
    const scale = area !== 0 && traced / area > 0 ? Math.sqrt(traced / area) : 1;
    const kept: Position[] = [];
    if (scale !== 1 && scale <= MAX_SCALE && scale >= 1 / MAX_SCALE)
      for (let k = 0; k < 2 * m; k += 2) {
        xy[k] = cx + (xy[k]! - cx) * scale;
        xy[k + 1] = cy + (xy[k + 1]! - cy) * scale;
        kept.push(proj.inverse(xy[k]!, xy[k + 1]!));
      }
    else for (let i = 0; i < n; i++) if (keep[i] === 1) kept.push(ring[i]!);
    kept.push([...kept[0]!]);
    out.push(kept);
    source.push(r);
    planar.push(xy);
  });
  if (out.length === 0 || !noCrossings(planar) || !sameNesting(rings, out, source))
    return rings as Position[][];
  return out;
}

/** Shoelace area (m², counter-clockwise positive) of a closed ring given without its repeated vertex. */
function signedArea(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length;
  let a = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) a += xs[j]! * ys[i]! - xs[i]! * ys[j]!;
  return a / 2;
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
 * Douglas–Peucker over a closed ring of n vertices (local metres): 1 for each vertex kept. The ring is
 * split at vertex 0 and at the vertex farthest from it, and each half simplified on its own.
 */
function keptVertices(xs: Float64Array, ys: Float64Array, tol: number): Uint8Array {
  const n = xs.length;
  const keep = new Uint8Array(n);
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (xs[i]! - xs[0]!) ** 2 + (ys[i]! - ys[0]!) ** 2;
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
    const ax = xs[a]!;
    const ay = ys[a]!;
    const dx = xs[b % n]! - ax;
    const dy = ys[b % n]! - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xs[i]! - ax;
      const py = ys[i]! - ay;
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
 * Whether no two edges of the rings (closed, as flat x, y, x, y, … without the repeated vertex) cross
 * properly: edges meeting at an end (neighbours along a ring, or two traced rings touching at a
 * saddle corner) do not count. Edges are bucketed in a uniform grid and compared within each cell.
 */
function noCrossings(rings: readonly Float64Array[]): boolean {
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
  const g = Math.max(1, Math.min(256, Math.ceil(Math.sqrt(m))));
  const cw = (x1 - x0) / g || 1;
  const ch = (y1 - y0) / g || 1;
  const cells: number[][] = Array.from({ length: g * g }, () => []);
  // Edge e = 4 numbers in `edges`: (ax, ay, bx, by).
  const edges = new Float64Array(4 * m);
  let e = 0;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const ax = r[2 * i]!;
      const ay = r[2 * i + 1]!;
      const bx = r[2 * j]!;
      const by = r[2 * j + 1]!;
      edges.set([ax, ay, bx, by], 4 * e);
      const c0 = Math.min(g - 1, Math.floor((Math.min(ax, bx) - x0) / cw));
      const c1 = Math.min(g - 1, Math.floor((Math.max(ax, bx) - x0) / cw));
      const r0 = Math.min(g - 1, Math.floor((Math.min(ay, by) - y0) / ch));
      const r1 = Math.min(g - 1, Math.floor((Math.max(ay, by) - y0) / ch));
      for (let row = r0; row <= r1; row++) for (let col = c0; col <= c1; col++) cells[row * g + col]!.push(e);
      e++;
    }
  }
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
      for (let j = i + 1; j < list.length; j++) if (crosses(list[i]!, list[j]!)) return false;
  return true;
}

/**
 * Whether each kept ring's first vertex lies inside as many of the other rings after simplification as
 * before (the even–odd depth that makes it an outline, a hole or an island).
 */
function sameNesting(
  before: readonly Position[][],
  after: readonly Position[][],
  source: readonly number[],
): boolean {
  if (after.length === 1 && before.length === 1) return true;
  const boxes = before.map((r) => ringsBBox([r]));
  const afterBoxes = after.map((r) => ringsBBox([r]));
  const depth = (p: Position, rings: readonly Position[][], skip: number, box: (k: number) => number[]) => {
    let d = 0;
    for (let k = 0; k < rings.length; k++) {
      if (k === skip) continue;
      const b = box(k);
      if (p[0]! < b[0]! || p[0]! > b[2]! || p[1]! < b[1]! || p[1]! > b[3]!) continue;
      if (pointInRings(p[0]!, p[1]!, [rings[k]!])) d++;
    }
    return d;
  };
  for (let k = 0; k < after.length; k++) {
    const p = after[k]![0]!;
    if (depth(p, before, source[k]!, (j) => boxes[j]!) !== depth(p, after, k, (j) => afterBoxes[j]!))
      return false;
  }
  return true;
}
