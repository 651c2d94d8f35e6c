import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { type Geom, union } from 'polyclip-ts';
import type { IssueList } from '../formats/geojson_input.ts';
import type { LooseFeature } from '../formats/positions.ts';
import {
  dropDegenerate,
  lonRange,
  MIN_RING_AREA_M2,
  nestRings,
  orientRings,
  ringAreaM2,
} from './ring_checks.ts';

const NAME_KEYS = ['name', 'ten', 'ten_xa', 'commune', 'ten_don_vi'];

/** Beyond this many crossings a polygon is a scribble, not a boundary with a slip: not repaired. */
const MAX_CROSSINGS = 1000;

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/**
 * Points where two edges of the polygon(s) properly cross (edges sharing a vertex, or touching, do not
 * count), found with an R-tree over the edges; stops after `limit + 1` so a scribble costs little.
 */
function crossings(polys: Position[][][], limit: number): Position[] {
  const s: number[] = [];
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++)
        s.push(ring[i]![0]!, ring[i]![1]!, ring[i + 1]![0]!, ring[i + 1]![1]!);
    }
  }
  const n = s.length / 4;
  if (n < 2) return [];
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const [ax, ay, bx, by] = [s[4 * i]!, s[4 * i + 1]!, s[4 * i + 2]!, s[4 * i + 3]!];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const [ax, ay, bx, by] = [s[4 * i]!, s[4 * i + 1]!, s[4 * i + 2]!, s[4 * i + 3]!];
    for (const j of index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (j <= i) continue;
      const [cx, cy, dx, dy] = [s[4 * j]!, s[4 * j + 1]!, s[4 * j + 2]!, s[4 * j + 3]!];
      const o1 = orient(ax, ay, bx, by, cx, cy);
      const o2 = orient(ax, ay, bx, by, dx, dy);
      const o3 = orient(cx, cy, dx, dy, ax, ay);
      const o4 = orient(cx, cy, dx, dy, bx, by);
      if (o1 * o2 >= 0 || o3 * o4 >= 0) continue;
      const t =
        ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / ((bx - ax) * (dy - cy) - (by - ay) * (dx - cx));
      out.push([ax + t * (bx - ax), ay + t * (by - ay)]);
      if (out.length > limit) return out;
    }
  }
  return out;
}

/** Polygon rings as numbers only, or null when the structure is not usable (validation reports it). */
function polygonsOf(geometry: LooseFeature['geometry']): Position[][][] | null {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return null;
  const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown;
  if (!Array.isArray(polys) || polys.length === 0) return null;
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return null;
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 3) return null;
      for (const p of ring) {
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
        if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return null;
      }
    }
  }
  return polys as Position[][][];
}

function label(f: LooseFeature, index: number): string {
  const key = NAME_KEYS.find((k) => typeof f.properties[k] === 'string' && f.properties[k] !== '');
  return key ? `feature ${index} ("${f.properties[key]}")` : `feature ${index}`;
}

/**
 * Repairs boundary polygons in place, with a warning naming each feature repaired: an unclosed ring is
 * closed, and a polygon whose edges cross (a bow-tie, a ring folding over itself) is re-noded with a
 * polygon union (polyclip-ts), which splits it at the crossings into valid parts. A polygon that
 * cannot be repaired (more than 1,000 crossings, or nothing left) gets an error and loses its geometry,
 * so that validation rejects it. Returns how many were repaired, and the features rejected.
 */
export function repairPolygons(
  features: LooseFeature[],
  issues: IssueList,
): { repaired: number; rejected: Set<number> } {
  let repaired = 0;
  const rejected = new Set<number>();
  for (const [index, f] of features.entries()) {
    const polys = polygonsOf(f.geometry);
    if (!polys) continue;
    const path = `features[${index}].geometry`;
    let closed = 0;
    for (const poly of polys) {
      for (const ring of poly) {
        const a = ring[0]!;
        const z = ring[ring.length - 1]!;
        if (a[0] !== z[0] || a[1] !== z[1]) {
          ring.push([a[0]!, a[1]!]);
          closed++;
        }
      }
    }
    if (closed > 0)
      issues.warn(path, `${label(f, index)}: ${closed} ring(s) were not closed; closed them`, {
        field: 'geometry',
      });
    if (polys.some((poly) => poly.some((ring) => ring.length < 4))) continue;
    // Before any repair: a polygon spanning the antimeridian would make the union and the scan crawl.
    const [lo, hi] = lonRange(polys);
    if (hi - lo > 180) {
      issues.error(
        path,
        `${label(f, index)}: the polygon spans ${(hi - lo).toFixed(1)}° of longitude (${lo.toFixed(3)} to ${hi.toFixed(3)}); it crosses the antimeridian (±180°), which no boundary in Vietnam does; fix it in a GIS`,
        { field: 'geometry' },
      );
      f.geometry = null;
      rejected.add(index);
      continue;
    }
    const nested = nestRings(polys);
    if (nested.promoted.length > 0)
      issues.warn(
        path,
        `${label(f, index)}: ${nested.promoted.join(', ')} ${nested.promoted.length > 1 ? 'are holes' : 'is a hole'} outside the outer ring; made ${nested.promoted.length > 1 ? 'them outer rings' : 'it an outer ring'} of ${nested.promoted.length > 1 ? 'their' : 'its'} own (the area counts ${nested.promoted.length > 1 ? 'them' : 'it'}). Check the boundary in the source.`,
        { field: 'geometry' },
      );
    const found = crossings(nested.polys, MAX_CROSSINGS);
    if (found.length === 0 && nested.promoted.length === 0) {
      if (!finish(f, index, polys, path, issues, f.geometry!.type)) rejected.add(index);
      else if (closed > 0) repaired++;
      continue;
    }
    if (found.length === 0) {
      // The promoted rings may overlap the outer ring: dissolve them.
      let fixed: Position[][][];
      try {
        fixed = union(nested.polys[0] as Geom, ...(nested.polys.slice(1) as Geom[])) as Position[][][];
      } catch {
        fixed = nested.polys;
      }
      if (finish(f, index, fixed, path, issues)) repaired++;
      else rejected.add(index);
      continue;
    }
    const at = found[0]!;
    const where = `first at ${at[0]!.toFixed(5)}, ${at[1]!.toFixed(5)}`;
    const reject = (why: string) => {
      issues.error(
        path,
        `${label(f, index)}: the polygon crosses itself (${where}) and ${why}; fix it in a GIS`,
        {
          field: 'geometry',
        },
      );
      f.geometry = null;
      rejected.add(index);
    };
    if (found.length > MAX_CROSSINGS) {
      reject(`more than ${MAX_CROSSINGS} times, too often to repair`);
      continue;
    }
    let fixed: Position[][][];
    try {
      fixed = union(nested.polys[0] as Geom, ...(nested.polys.slice(1) as Geom[])) as Position[][][];
    } catch {
      reject('could not be repaired');
      continue;
    }
    if (fixed.length === 0) {
      reject('nothing is left once it is repaired');
      continue;
    }
    if (!finish(f, index, fixed, path, issues)) {
      rejected.add(index);
      continue;
    }
    issues.warn(
      path,
      `${label(f, index)}: the polygon crosses itself (${found.length} crossing(s), ${where}); repaired into ${fixed.length} valid part(s). Check the boundary in the source.`,
      { field: 'geometry' },
    );
    repaired++;
  }
  return { repaired, rejected };
}

/**
 * Orients the rings (outer counter-clockwise, holes clockwise), drops the rings with no area, and sets
 * the feature's geometry; a polygon with no area left, or whose holes cover its outer ring, gets an error
 * and loses its geometry. Returns whether the feature is kept.
 */
function finish(
  f: LooseFeature,
  index: number,
  polys: Position[][][],
  path: string,
  issues: IssueList,
  type?: string,
): boolean {
  const { polys: kept, dropped } = dropDegenerate(polys);
  const reject = (why: string) => {
    issues.error(path, `${label(f, index)}: ${why}; fix it in a GIS`, { field: 'geometry' });
    f.geometry = null;
    return false;
  };
  if (kept.length === 0) {
    const m2 = polys.reduce((s, poly) => s + ringAreaM2(poly[0]!), 0);
    return reject(
      `the polygon has no area (${Number.isFinite(m2) ? m2.toFixed(2) : m2} m², or fewer than 3 distinct positions)`,
    );
  }
  orientRings(kept);
  for (const [i, poly] of kept.entries()) {
    const net = poly.reduce((s, ring, k) => s + (k === 0 ? 1 : -1) * ringAreaM2(ring), 0);
    if (!(net >= MIN_RING_AREA_M2))
      return reject(
        `the holes of polygon ${i + 1} cover its outer ring (net area ${Number.isFinite(net) ? net.toFixed(2) : net} m²)`,
      );
  }
  if (dropped > 0)
    issues.warn(
      path,
      `${label(f, index)}: dropped ${dropped} ring(s) with no area (less than ${MIN_RING_AREA_M2} m², or fewer than 3 distinct positions)`,
      { field: 'geometry' },
    );
  // The type stays as the file gave it unless the repair changed the parts.
  f.geometry =
    kept.length === 1 && type !== 'MultiPolygon'
      ? { type: 'Polygon', coordinates: kept[0] }
      : { type: 'MultiPolygon', coordinates: kept };
  return true;
}
