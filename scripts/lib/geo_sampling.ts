/**
 * Geometry helpers for placing synthetic points inside real commune polygons.
 * Distances are in metres on a local equirectangular approximation, which is accurate to well
 * under 1% over the few tens of kilometres a commune spans.
 */
import * as turf from '@turf/turf';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { round } from './data_io.ts';
import type { Rng } from './prng.ts';

/** A [lon, lat] position in degrees. */
export type LonLat = [number, number];

/** Decimal places of every synthetic coordinate (≈ 0.1 m). */
export const COORD_DIGITS = 6;

/** Metres per degree of latitude (mean, WGS84). */
const M_PER_DEG_LAT = 110_574;
/** Metres per degree of longitude at the equator (WGS84). */
const M_PER_DEG_LON_EQ = 111_320;

/** Rounds a position to COORD_DIGITS decimals. */
export function roundLonLat(p: LonLat): LonLat {
  return [round(p[0], COORD_DIGITS), round(p[1], COORD_DIGITS)];
}

/** Moves a position by dx metres east and dy metres north. */
export function offsetMetres(p: LonLat, dx: number, dy: number): LonLat {
  const lonScale = M_PER_DEG_LON_EQ * Math.cos((p[1] * Math.PI) / 180);
  return [p[0] + dx / lonScale, p[1] + dy / M_PER_DEG_LAT];
}

/** Displacement from a to b as [east, north] in metres. */
export function eastNorthMetres(a: LonLat, b: LonLat): [number, number] {
  const lonScale = M_PER_DEG_LON_EQ * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return [(b[0] - a[0]) * lonScale, (b[1] - a[1]) * M_PER_DEG_LAT];
}

/** Approximate distance between two positions, in metres. */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const [dx, dy] = eastNorthMetres(a, b);
  return Math.hypot(dx, dy);
}

/** Bearing from a to b in degrees clockwise from north, 0–359 (integer). */
export function bearingDegrees(a: LonLat, b: LonLat): number {
  const [dx, dy] = eastNorthMetres(a, b);
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return Math.round((deg + 360) % 360) % 360;
}

/** A polygon with a bounding box, answering point-in-polygon quickly. */
export class Shape {
  readonly feature: Feature<Polygon | MultiPolygon>;
  readonly bbox: [number, number, number, number];
  /** Geodesic area in km². */
  readonly areaKm2: number;

  constructor(geometry: Polygon | MultiPolygon) {
    this.feature = turf.feature(geometry);
    const [minX, minY, maxX, maxY] = turf.bbox(this.feature);
    this.bbox = [minX, minY, maxX, maxY];
    this.areaKm2 = turf.area(this.feature) / 1e6;
  }

  /** Radius (m) of a circle with the same area. */
  get equivalentRadiusM(): number {
    return Math.sqrt((this.areaKm2 * 1e6) / Math.PI);
  }

  /** True when the point's bounding box test and polygon test both pass (boundary counts as outside). */
  contains(p: LonLat): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (p[0] < minX || p[0] > maxX || p[1] < minY || p[1] > maxY) return false;
    return turf.booleanPointInPolygon(p, this.feature, { ignoreBoundary: true });
  }

  /** True when this shape's bounding box overlaps another's. */
  bboxOverlaps(other: Shape): boolean {
    const [a0, a1, a2, a3] = this.bbox;
    const [b0, b1, b2, b3] = other.bbox;
    return a0 <= b2 && b0 <= a2 && a1 <= b3 && b1 <= a3;
  }
}

/** Accepts or rejects a candidate position (already rounded). */
export type Acceptor = (p: LonLat) => boolean;

/**
 * Draws a position from a 2-D normal around `centre` (σ in metres), rounded, until `accept` passes.
 * Returns null after `tries` failures.
 */
export function sampleNear(
  rng: Rng,
  centre: LonLat,
  sigmaM: number,
  accept: Acceptor,
  tries = 40,
): LonLat | null {
  for (let i = 0; i < tries; i++) {
    const p = roundLonLat(offsetMetres(centre, rng.normal() * sigmaM, rng.normal() * sigmaM));
    if (accept(p)) return p;
  }
  return null;
}

/** Draws a position uniformly in the shape's bounding box, rounded, until `accept` passes; null after `tries`. */
export function sampleUniform(rng: Rng, shape: Shape, accept: Acceptor, tries = 200): LonLat | null {
  const [minX, minY, maxX, maxY] = shape.bbox;
  for (let i = 0; i < tries; i++) {
    const p = roundLonLat([rng.uniform(minX, maxX), rng.uniform(minY, maxY)]);
    if (accept(p)) return p;
  }
  return null;
}

/** Splits (Multi)LineString geometries into their single lines. */
export function lineParts(geometry: LineString | MultiLineString): Position[][] {
  return geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
}

/** Positions every `stepM` metres along a line (the first vertex included). */
export function pointsAlong(line: readonly Position[], stepM: number): LonLat[] {
  const out: LonLat[] = [];
  let carry = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (!a || !b) continue;
    const pa: LonLat = [a[0] ?? 0, a[1] ?? 0];
    const pb: LonLat = [b[0] ?? 0, b[1] ?? 0];
    const len = distanceMetres(pa, pb);
    let t = carry;
    while (t < len) {
      const f = t / len;
      out.push([pa[0] + (pb[0] - pa[0]) * f, pa[1] + (pb[1] - pa[1]) * f]);
      t += stepM;
    }
    carry = t - len;
  }
  return out;
}

/** Length of a line in metres (sum of segment lengths). */
export function lineLengthMetres(line: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (a && b) total += distanceMetres([a[0] ?? 0, a[1] ?? 0], [b[0] ?? 0, b[1] ?? 0]);
  }
  return total;
}
