import type { Position } from 'geojson';
import { cellsOf, isSector } from '../base/site_cells.ts';
import type { Cell, EngineConfig, Setting, Site, Technology } from '../base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { pointInRings, ringsBBox, ringsOf } from '../geometry/point_in_polygon.ts';
import type { TerrainContext } from '../terrain/terrain_context.ts';

interface FootprintBase {
  siteIndex: number;
  technology: Technology;
  operator: string;
  /** Bit index of this (technology, operator) pair in coverage masks. */
  pair: number;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
}

/** A footprint that is a circle of `radius_m` metres around the site. */
export interface CircleFootprint extends FootprintBase {
  kind: 'circle';
  lon: number;
  lat: number;
  radius_m: number;
}

/**
 * A footprint given as lon/lat rings (a sector, an operator's predicted polygon, or a terrain
 * footprint over a DEM); even–odd inside.
 */
export interface PolygonFootprint extends FootprintBase {
  kind: 'polygon';
  rings: Position[][];
  /** True for sectors of at most 180°: each row then crosses it in one interval. */
  convex: boolean;
  /**
   * For a convex polygon: give each strip its exact share of the polygon's height, as circles do,
   * rather than the chord at the strip's midline. Set for the populated area's raster cells and small
   * settlements, which are often no taller than a few strips.
   */
  stripExact?: boolean;
}

/**
 * The points within `radius_m` metres of the segment a–b (a stadium: a rectangle with a half-disc at each
 * end). Convex, so each row crosses it in one interval. The fiber corridor is one per route segment.
 */
export interface CapsuleFootprint extends FootprintBase {
  kind: 'capsule';
  /** The segment's ends, [lon, lat]. */
  a: [number, number];
  b: [number, number];
  radius_m: number;
}

export type Footprint = CircleFootprint | PolygonFootprint | CapsuleFootprint;

/** The pair bit layout: technology-major, so pair = techIndex·operators + operatorIndex. */
export interface PairLayout {
  technologies: readonly Technology[];
  operators: readonly string[];
  pairOf(technology: Technology, operator: string): number;
}

/** Largest number of (technology, operator) pairs a 32-bit coverage mask can hold. */
export const MAX_PAIRS = 31;

/** Lays out one mask bit per (technology, operator) pair. */
export function pairLayout(technologies: readonly Technology[], operators: readonly string[]): PairLayout {
  const opIndex = new Map(operators.map((o, i) => [o, i]));
  const techIndex = new Map(technologies.map((t, i) => [t, i]));
  return {
    technologies,
    operators,
    pairOf(t, o) {
      return techIndex.get(t)! * operators.length + opIndex.get(o)!;
    },
  };
}

/** Footprint radius in metres for a cell: the cell's own radius, else the site's, else the configured default. */
export function footprintRadius(
  site: Site,
  technology: Technology,
  setting: Setting,
  config: EngineConfig,
  cell?: Cell,
): number {
  return cell?.radius_m ?? site.radius_m ?? config.radii[technology][setting];
}

/** Lon/lat ring of a sector of radius r (m) from azimuth a (° from north, clockwise) with beamwidth b (°). */
export function sectorRing(
  lon: number,
  lat: number,
  radius_m: number,
  azimuth: number,
  beamwidth: number,
  arcSegments: number,
): Position[] {
  const kx = metresPerDegreeLon(lat);
  const ky = metresPerDegreeLat(lat);
  const steps = Math.max(4, Math.ceil((arcSegments * beamwidth) / 360));
  const ring: Position[] = [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const a = ((azimuth - beamwidth / 2 + (beamwidth * i) / steps) * Math.PI) / 180;
    ring.push([lon + (radius_m * Math.sin(a)) / kx, lat + (radius_m * Math.cos(a)) / ky]);
  }
  ring.push([lon, lat]);
  return ring;
}

/**
 * Builds every site's footprints, one per cell (`cellsOf`: a site given as one record is one cell per
 * technology). The cell's predicted polygon wins; then a sector (azimuth and a beamwidth below 360°); then
 * a circle with the cell's, the site's or the default radius. `settingOf(site)` says whether the site
 * stands in an urban or a rural commune. With `pairs`, only the cells of those pair bits are built.
 * With `terrain` (a DEM is loaded), every cell without a predicted polygon whose site stands on the
 * DEM gets its terrain footprint instead of the sector or circle.
 */
export function buildFootprints(
  sites: readonly Site[],
  layout: PairLayout,
  config: EngineConfig,
  settingOf: (site: Site) => Setting,
  pairs = -1,
  terrain: TerrainContext | null = null,
): Footprint[] {
  const out: Footprint[] = [];
  sites.forEach((site, siteIndex) => {
    const setting = settingOf(site);
    const operator = site.operator;
    for (const cell of cellsOf(site)) {
      const technology = cell.technology;
      const pair = layout.pairOf(technology, operator);
      if ((pairs & (1 << pair)) === 0) continue;
      if (cell.coverage) {
        const rings = ringsOf(cell.coverage);
        out.push({
          kind: 'polygon',
          siteIndex,
          technology,
          operator,
          pair,
          rings,
          bbox: ringsBBox(rings),
          convex: false,
        });
        continue;
      }
      const t = terrain?.footprintOf(site, cell, setting);
      // An empty terrain footprint (nothing above the threshold) covers nothing: no footprint at all.
      if (t && t.rings.length === 0) continue;
      if (t) {
        out.push({
          kind: 'polygon',
          siteIndex,
          technology,
          operator,
          pair,
          rings: t.rings,
          bbox: [...t.bbox],
          convex: false,
        });
        continue;
      }
      const r = footprintRadius(site, technology, setting, config, cell);
      if (isSector(cell)) {
        const bw = cell.beamwidth_deg!;
        const rings = [sectorRing(site.lon, site.lat, r, cell.azimuth_deg!, bw, config.arcSegments)];
        out.push({
          kind: 'polygon',
          siteIndex,
          technology,
          operator,
          pair,
          rings,
          bbox: ringsBBox(rings),
          convex: bw <= 180,
        });
        continue;
      }
      const dLat = r / metresPerDegreeLat(site.lat);
      const dLon = r / metresPerDegreeLon(Math.min(89, Math.abs(site.lat) + dLat));
      const bbox: [number, number, number, number] = [
        site.lon - dLon,
        site.lat - dLat,
        site.lon + dLon,
        site.lat + dLat,
      ];
      out.push({
        kind: 'circle',
        siteIndex,
        technology,
        operator,
        pair,
        lon: site.lon,
        lat: site.lat,
        radius_m: r,
        bbox,
      });
    }
  });
  return out;
}

/** Whether a lon/lat point lies inside a footprint (distances in the site's local plane). */
export function footprintContains(f: Footprint, lon: number, lat: number): boolean {
  if (lon < f.bbox[0] || lon > f.bbox[2] || lat < f.bbox[1] || lat > f.bbox[3]) return false;
  if (f.kind === 'polygon') return pointInRings(lon, lat, f.rings);
  if (f.kind === 'capsule') return pointSegmentM(lon, lat, f.a[0], f.a[1], f.b[0], f.b[1]) <= f.radius_m;
  const dx = (lon - f.lon) * metresPerDegreeLon((lat + f.lat) / 2);
  const dy = (lat - f.lat) * metresPerDegreeLat((lat + f.lat) / 2);
  return dx * dx + dy * dy <= f.radius_m * f.radius_m;
}

/** Distance in metres from a point to the segment (x1, y1)–(x2, y2) (lon/lat), in the local plane at the point. */
export function pointSegmentM(
  lon: number,
  lat: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const kx = metresPerDegreeLon(lat);
  const ky = metresPerDegreeLat(lat);
  const ax = (x1 - lon) * kx;
  const ay = (y1 - lat) * ky;
  const dx = (x2 - lon) * kx - ax;
  const dy = (y2 - lat) * ky - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
  return Math.hypot(ax + t * dx, ay + t * dy);
}
