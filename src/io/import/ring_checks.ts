/**
 * Checks and fixes on a boundary's rings that the crossing repair does not see (issue #12): a polygon
 * spanning the antimeridian, holes that lie outside their outer ring, rings in the wrong orientation, and
 * rings with no area.
 */
import type { Position } from 'geojson';
import { geodesicArea } from '../../core/geometry/geodesic_area.ts';

/** Below this a ring (or a commune) has no area: 1 m². */
export const MIN_RING_AREA_M2 = 1;

/** Twice the signed area in degrees² (positive when counter-clockwise). */
export function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++)
    s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s;
}

/** Area of one ring in m², whatever its orientation. */
export function ringAreaM2(ring: Position[]): number {
  return geodesicArea({ type: 'Polygon', coordinates: [ring] }) * 1e6;
}

/** How far the longitudes of the polygons spread: [min, max]. */
export function lonRange(polys: Position[][][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        if (p[0]! < lo) lo = p[0]!;
        if (p[0]! > hi) hi = p[0]!;
      }
  return [lo, hi];
}

/** 1 inside, -1 outside, 0 on the boundary (ray casting). */
function pointInRing(p: Position, ring: Position[]): number {
  const [x, y] = [p[0]!, p[1]!];
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (
      cross === 0 &&
      Math.min(xi, xj) <= x &&
      x <= Math.max(xi, xj) &&
      Math.min(yi, yj) <= y &&
      y <= Math.max(yi, yj)
    )
      return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Whether `inner` lies inside `outer`: most of its vertices not on `outer`'s boundary are inside (a ring all on the boundary, the outer ring again, counts as inside). */
export function ringInside(inner: Position[], outer: Position[]): boolean {
  let votes = 0;
  for (let i = 0; i + 1 < inner.length; i++) votes += pointInRing(inner[i]!, outer);
  return votes >= 0;
}

export interface NestResult {
  polys: Position[][][];
  /** "ring 2 of polygon 1" for each hole that became an outer ring of its own (1-based). */
  promoted: string[];
}

/**
 * Holes (rings after the first) that do not lie inside their polygon's outer ring become outer rings
 * of polygons of their own; the caller then dissolves the parts with a union.
 */
export function nestRings(polys: Position[][][]): NestResult {
  const out: Position[][][] = [];
  const promoted: string[] = [];
  polys.forEach((poly, pi) => {
    const shell = poly[0]!;
    const holes: Position[][] = [];
    poly.slice(1).forEach((ring, hi) => {
      if (ringInside(ring, shell)) holes.push(ring);
      else {
        out.push([ring]);
        promoted.push(polys.length > 1 ? `ring ${hi + 2} of polygon ${pi + 1}` : `ring ${hi + 2}`);
      }
    });
    out.push([shell, ...holes]);
  });
  return { polys: out, promoted };
}

/** Orients rings as RFC 7946 says, in place: outer rings counter-clockwise, holes clockwise. */
export function orientRings(polys: Position[][][]): void {
  for (const poly of polys)
    poly.forEach((ring, i) => {
      const ccw = signedArea2(ring) > 0;
      if (ccw === (i !== 0)) {
        // Reverse between the first and the closing position, so that the ring still starts where it did.
        const inner = ring.slice(1, -1).reverse();
        ring.splice(1, inner.length, ...inner);
      }
    });
}

const distinct = (ring: Position[]) => new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;

/** Whether a ring has no area: fewer than 3 distinct positions, all on one line, or less than 1 m². */
export function degenerate(ring: Position[]): boolean {
  return distinct(ring) < 3 || signedArea2(ring) === 0 || !(ringAreaM2(ring) >= MIN_RING_AREA_M2);
}

/**
 * Drops the rings with no area: an outer ring with its holes, a hole alone. Returns what is left and how
 * many rings were dropped.
 */
export function dropDegenerate(polys: Position[][][]): { polys: Position[][][]; dropped: number } {
  let dropped = 0;
  const out: Position[][][] = [];
  for (const poly of polys) {
    if (degenerate(poly[0]!)) {
      dropped += poly.length;
      continue;
    }
    const keep = poly.filter((ring, i) => i === 0 || !degenerate(ring));
    dropped += poly.length - keep.length;
    out.push(keep);
  }
  return { polys: out, dropped };
}
