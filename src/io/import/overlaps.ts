/**
 * Communes that overlap each other (issue #12): a commune's area and population are added into its
 * district's and province's, so two copies of one commune, or two that overlap, count the same ground
 * twice. Candidates come from an R-tree over the bounding boxes (flatbush); the exact area of the
 * intersection (polyclip-ts) is computed only for pairs whose boxes overlap by enough to matter.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Commune } from '../../core/base/types.ts';
import { geodesicArea } from '../../core/geometry/geodesic_area.ts';
import type { IssueList } from '../formats/geojson_input.ts';

/**
 * Two communes overlapping by more than this share of the smaller one's area get a warning: 10 %.
 * Simplified boundaries overlap their neighbours by slivers of a few per cent (the bundled Gia Lai and
 * Đắk Nông sample: up to 6.4 %, 0.17 km²); that is noise of the drawing, not two communes on one ground.
 */
export const OVERLAP_SHARE = 0.1;
/** Two communes overlapping by this share of both areas are the same commune twice: 99.9 %. */
export const IDENTICAL_SHARE = 0.999;

type Box = [number, number, number, number];

function bboxOf(g: Polygon | MultiPolygon): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const p of poly[0] ?? []) {
      if (p[0]! < b[0]) b[0] = p[0]!;
      if (p[1]! < b[1]) b[1] = p[1]!;
      if (p[0]! > b[2]) b[2] = p[0]!;
      if (p[1]! > b[3]) b[3] = p[1]!;
    }
  return b;
}

const rectArea = (w: number, s: number, e: number, n: number) =>
  geodesicArea({
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });

const ON_EDGE = 1e-10;

/** 1 inside, -1 outside, 0 on the boundary of a ring. */
function pointInRing(x: number, y: number, ring: Position[]): number {
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const yi = ring[i]![1]!;
    const yj = ring[j]![1]!;
    if ((y < yi - ON_EDGE && y < yj - ON_EDGE) || (y > yi + ON_EDGE && y > yj + ON_EDGE)) continue;
    const xi = ring[i]![0]!;
    const xj = ring[j]![0]!;
    const ex = xj - xi;
    const ey = yj - yi;
    // On the edge within 1e-10° (0.01 mm): shared borders are written with rounded coordinates.
    if (
      Math.min(xi, xj) - ON_EDGE <= x &&
      x <= Math.max(xi, xj) + ON_EDGE &&
      Math.abs(ex * (y - yi) - ey * (x - xi)) <= ON_EDGE * Math.sqrt(ex * ex + ey * ey)
    )
      return 0;
    if (yi > y !== yj > y && x < (ex * (y - yi)) / ey + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** 1 inside, -1 outside, 0 on the boundary of a (multi)polygon (even-odd over its rings). */
function pointIn(x: number, y: number, rings: Position[][]): number {
  let inside = false;
  for (const r of rings) {
    const v = pointInRing(x, y, r);
    if (v === 0) return 0;
    if (v > 0) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** A ring clipped to a box (Sutherland–Hodgman; exact for a convex clip window). */
function clipRing(ring: Position[], box: Box): Position[] {
  let pts = ring;
  const sides: [(p: Position) => boolean, (a: Position, b: Position) => Position][] = [
    [(p) => p[0]! >= box[0], (a, b) => cut(a, b, 0, box[0])],
    [(p) => p[0]! <= box[2], (a, b) => cut(a, b, 0, box[2])],
    [(p) => p[1]! >= box[1], (a, b) => cut(a, b, 1, box[1])],
    [(p) => p[1]! <= box[3], (a, b) => cut(a, b, 1, box[3])],
  ];
  for (const [inside, at] of sides) {
    const out: Position[] = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[(i + 1) % pts.length]!;
      if (inside(a)) {
        out.push(a);
        if (!inside(b)) out.push(at(a, b));
      } else if (inside(b)) out.push(at(a, b));
    }
    pts = out;
    if (pts.length === 0) return pts;
  }
  return pts;
}

function cut(a: Position, b: Position, axis: 0 | 1, v: number): Position {
  const t = (v - a[axis]!) / (b[axis]! - a[axis]!);
  const p: Position = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
  p[axis] = v;
  return p;
}

/** The area (km²) of a commune inside a box: no overlap inside the box can be larger. */
function areaInBox(g: Polygon | MultiPolygon, box: Box): number {
  let km2 = 0;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    poly.forEach((ring, k) => {
      const c = clipRing(ring, box);
      if (c.length >= 3)
        km2 += (k === 0 ? 1 : -1) * geodesicArea({ type: 'Polygon', coordinates: [[...c, c[0]!]] });
    });
  return km2;
}

/** Half the signed shoelace sum of a ring, degrees² (positive counter-clockwise). */
function shoelace(r: Position[]): number {
  let t = 0;
  for (let k = 0; k + 1 < r.length; k++) t += r[k]![0]! * r[k + 1]![1]! - r[k + 1]![0]! * r[k]![1]!;
  return t / 2;
}

/** The rings, outer ones counter-clockwise and holes clockwise (copies where reversed). */
function oriented(g: Polygon | MultiPolygon): Position[][] {
  const out: Position[][] = [];
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    poly.forEach((r, k) => {
      out.push(shoelace(r) > 0 === (k === 0) ? r : [...r].reverse());
    });
  return out;
}

/**
 * The area (degrees²) of the intersection of two polygons, each given by its oriented rings (no ring
 * crossing another of its own), by the boundary integral: the boundary of A ∩ B is made of the parts of
 * A's edges inside B and of B's edges inside A; a part both share counts once when both interiors lie on
 * the same side. Float arithmetic, far faster than an exact clipping library for thousands of pairs.
 */
function intersectionArea(a: Position[][], b: Position[][], box: Box): number {
  const edgesIn = (rings: Position[][]) => {
    const out: [number, number, number, number][] = [];
    for (const r of rings)
      for (let k = 0; k + 1 < r.length; k++) {
        const [ax, ay, bx, by] = [r[k]![0]!, r[k]![1]!, r[k + 1]![0]!, r[k + 1]![1]!];
        if (Math.max(ax, bx) < box[0] || Math.min(ax, bx) > box[2]) continue;
        if (Math.max(ay, by) < box[1] || Math.min(ay, by) > box[3]) continue;
        out.push([ax, ay, bx, by]);
      }
    return out;
  };
  const ea = edgesIn(a);
  const eb = edgesIn(b);
  const part = (edges: typeof ea, others: typeof ea, other: Position[][], shared: boolean) => {
    let t2 = 0;
    for (const [ax, ay, bx, by] of edges) {
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const ts = [0, 1];
      for (const [cx, cy, ex, ey] of others) {
        const fx = ex - cx;
        const fy = ey - cy;
        const den = dx * fy - dy * fx;
        if (den !== 0) {
          const t = ((cx - ax) * fy - (cy - ay) * fx) / den;
          const u = ((cx - ax) * dy - (cy - ay) * dx) / den;
          if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
        } else if ((cx - ax) * dy - (cy - ay) * dx === 0) {
          for (const [px, py] of [
            [cx, cy],
            [ex, ey],
          ] as const) {
            const t = ((px - ax) * dx + (py - ay) * dy) / len2;
            if (t > 0 && t < 1) ts.push(t);
          }
        }
      }
      ts.sort((p, q) => p - q);
      for (let k = 0; k + 1 < ts.length; k++) {
        const t0 = ts[k]!;
        const t1 = ts[k + 1]!;
        if (t1 - t0 <= 1e-12) continue;
        const tm = (t0 + t1) / 2;
        const mx = ax + tm * dx;
        const my = ay + tm * dy;
        let v = pointIn(mx, my, other);
        if (v === 0) {
          if (!shared) continue;
          // On the other's boundary too: kept when the other's interior is on the same (left) side.
          const eps = 1e3 * ON_EDGE;
          v = pointIn(mx - (dy / Math.sqrt(len2)) * eps, my + (dx / Math.sqrt(len2)) * eps, other);
        }
        if (v <= 0) continue;
        // Relative to the box's corner, so that the sum does not cancel in large coordinates.
        const x0 = ax + t0 * dx - box[0];
        const y0 = ay + t0 * dy - box[1];
        const x1 = ax + t1 * dx - box[0];
        const y1 = ay + t1 * dy - box[1];
        t2 += x0 * y1 - x1 * y0;
      }
    }
    return t2;
  };
  const twice = part(ea, eb, b, true) + part(eb, ea, a, false);
  // Edges outside the box lie outside the other polygon (its box), so they add nothing.
  return Math.max(0, twice / 2);
}

const fmtKm2 = (km2: number) => (km2 >= 0.01 ? `${km2.toFixed(2)} km²` : `${Math.round(km2 * 1e6)} m²`);

/**
 * Reports the communes that overlap: the same geometry twice is an error on the later feature, which is
 * rejected (the first is kept); an overlap above 1 % of the smaller commune's area is a warning on the
 * later feature, naming both, the overlap's area and share. Returns the positions (in `communes`) of
 * the communes rejected. `featureIndex[i]` is the feature `communes[i]` came from.
 */
export function overlappingCommunes(
  communes: readonly Commune[],
  featureIndex: readonly number[],
  issues: IssueList,
): Set<number> {
  const rejected = new Set<number>();
  if (communes.length < 2) return rejected;
  const boxes = communes.map((c) => bboxOf(c.geometry));
  const areas = communes.map((c) => geodesicArea(c.geometry));
  const index = new Flatbush(communes.length);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const name = (i: number) => `feature ${featureIndex[i]} ("${communes[i]!.name}", id ${communes[i]!.id})`;
  for (let j = 0; j < communes.length; j++) {
    const bj = boxes[j]!;
    for (const i of index.search(bj[0], bj[1], bj[2], bj[3]).sort((a, b) => a - b)) {
      if (i >= j || rejected.has(i)) continue;
      const bi = boxes[i]!;
      const smaller = Math.min(areas[i]!, areas[j]!);
      // The overlap is no larger than the boxes' overlap: most neighbours stop here.
      const w = Math.max(bi[0], bj[0]);
      const s = Math.max(bi[1], bj[1]);
      const e = Math.min(bi[2], bj[2]);
      const n = Math.min(bi[3], bj[3]);
      if (e <= w || n <= s || rectArea(w, s, e, n) <= OVERLAP_SHARE * smaller) continue;
      const box: Box = [w, s, e, n];
      const bound = Math.min(areaInBox(communes[i]!.geometry, box), areaInBox(communes[j]!.geometry, box));
      if (bound <= OVERLAP_SHARE * smaller) continue;
      // Planar area in degrees, scaled by the smaller commune's exact area: the local scale is the same
      // for both over a commune's few kilometres.
      const ri = oriented(communes[i]!.geometry);
      const rj = oriented(communes[j]!.geometry);
      const small = areas[i]! <= areas[j]! ? ri : rj;
      const planarSmall = small.reduce((t, r) => t + shoelace(r), 0);
      const overlap = planarSmall > 0 ? (intersectionArea(ri, rj, box) / planarSmall) * smaller : 0;
      if (!(overlap > OVERLAP_SHARE * smaller)) continue;
      const path = `features[${featureIndex[j]}].geometry`;
      if (overlap >= IDENTICAL_SHARE * Math.max(areas[i]!, areas[j]!)) {
        issues.error(
          path,
          `${name(j)} has the same geometry as ${name(i)} (${fmtKm2(overlap)}); rejected, so that its area and population are not counted twice`,
          { field: 'geometry' },
        );
        rejected.add(j);
        break;
      }
      issues.warn(
        path,
        `${name(j)} overlaps ${name(i)} by ${fmtKm2(overlap)} (${((100 * overlap) / smaller).toFixed(1)} % of the smaller); the overlap counts in both communes' areas and district totals. Check the boundaries in the source.`,
        { field: 'geometry' },
      );
    }
  }
  return rejected;
}
