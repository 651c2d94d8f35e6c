/**
 * Independent reference computations for tests: exact vector geometry on the WGS84 ellipsoid.
 * Circles are geodesic 64-gons (GeographicLib Direct), unions and intersections come from
 * polyclip-ts (Martinez–Rueda sweep, the clipper Turf 7 uses), and areas from GeographicLib's ellipsoidal polygon area.
 */
import geographiclib from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as polyclip from 'polyclip-ts';

type PcMulti = [number, number][][][];

const WGS84 = geographiclib.Geodesic.WGS84;

/** Geodesic circle of radius r metres as an n-gon (closed ring). */
export function geodesicCircle(lon: number, lat: number, r: number, n = 64): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const d = WGS84.Direct(lat, lon, (360 * i) / n, r);
    ring.push([d.lon2!, d.lat2!]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** Geodesic sector polygon (apex at the site) with n segments per full turn. */
export function geodesicSector(
  lon: number,
  lat: number,
  r: number,
  az: number,
  bw: number,
  n = 64,
): Position[] {
  const steps = Math.max(4, Math.ceil((n * bw) / 360));
  const ring: Position[] = [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const d = WGS84.Direct(lat, lon, az - bw / 2 + (bw * i) / steps, r);
    ring.push([d.lon2!, d.lat2!]);
  }
  ring.push([lon, lat]);
  return ring;
}

/**
 * The points within r metres of the geodesic segment a–b as a polygon: a half 64-gon around each end
 * (GeographicLib Direct), joined by the two sides. For segments of a few km, the sides drawn as
 * straight lon/lat lines stay within millimetres of the true parallel curves.
 */
export function geodesicCapsule(a: Position, b: Position, r: number, n = 64): Position[] {
  const inv = WGS84.Inverse(a[1]!, a[0]!, b[1]!, b[0]!);
  if (!(inv.s12! > 0)) return geodesicCircle(a[0]!, a[1]!, r, n);
  const azA = inv.azi1!;
  const azB = inv.azi2!;
  const half = n / 2;
  const ring: Position[] = [];
  // Around b from its left side to its right (through the far end), then around a back to the left.
  for (let i = 0; i <= half; i++) {
    const d = WGS84.Direct(b[1]!, b[0]!, azB - 90 + (180 * i) / half, r);
    ring.push([d.lon2!, d.lat2!]);
  }
  for (let i = 0; i <= half; i++) {
    const d = WGS84.Direct(a[1]!, a[0]!, azA + 90 + (180 * i) / half, r);
    ring.push([d.lon2!, d.lat2!]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** Ellipsoidal area in m² of polygon-clipping output. */
export function ellipsoidalArea(mp: PcMulti): number {
  let total = 0;
  for (const poly of mp) {
    poly.forEach((ring, i) => {
      const p = WGS84.Polygon(false);
      for (let k = 0; k < ring.length - 1; k++) p.AddPoint(ring[k]![1]!, ring[k]![0]!);
      total += (i === 0 ? 1 : -1) * Math.abs(p.Compute(false, true).area ?? 0);
    });
  }
  return total;
}

function asPc(g: Polygon | MultiPolygon): PcMulti {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as PcMulti;
}

/** Exact covered share (0–1) of a commune by the union of footprint rings, as a ratio of ellipsoidal areas. */
export function exactCoveredShare(commune: Polygon | MultiPolygon, footprints: Position[][]): number {
  const total = ellipsoidalArea(asPc(commune));
  if (footprints.length === 0) return 0;
  const union = polyclip.union(...(footprints.map((r) => [[r]]) as [PcMulti, ...PcMulti[]]));
  const inter = polyclip.intersection(asPc(commune), union);
  return ellipsoidalArea(inter) / total;
}

/** A lon/lat rectangle as a Polygon. */
export function rect(w: number, s: number, e: number, n: number): Polygon {
  return {
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
  };
}
