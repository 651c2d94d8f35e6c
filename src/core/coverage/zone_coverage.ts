import Flatbush from 'flatbush';
import type { Polygon, Position } from 'geojson';
import type { EngineConfig } from '../base/types.ts';
import type { CommuneLocator } from '../geometry/commune_locator.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { scanCommune } from './commune_scan.ts';
import type { CapsuleFootprint, CircleFootprint, Footprint } from './footprints.ts';
import { gapPolygons } from './gap_polygons.ts';

/** Share of each commune inside a zone (a union of discs and corridors), and the outside as polygons. */
export interface ZoneShare {
  /** Share of the commune's area inside the zone, 0–1. */
  areaShare: number;
  /** Outside-the-zone polygons (for the map), when asked for. */
  outside: Polygon[];
}

const base = { siteIndex: -1, technology: '4G' as const, operator: '', pair: 0 };

/** Discs of `radius_m` around points, as footprints for the scan. */
export function discZone(
  points: readonly { lon: number; lat: number }[],
  radius_m: number,
): CircleFootprint[] {
  return points.map((p) => {
    const dLat = radius_m / metresPerDegreeLat(p.lat);
    const dLon = radius_m / metresPerDegreeLon(Math.min(89, Math.abs(p.lat) + dLat));
    return {
      ...base,
      kind: 'circle',
      lon: p.lon,
      lat: p.lat,
      radius_m,
      bbox: [p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat],
    };
  });
}

/**
 * The corridor within `reach_m` of polylines: one capsule (a stadium) per segment; their union is the
 * exact buffer of the lines.
 */
export function corridorZone(lines: readonly Position[][], reach_m: number): CapsuleFootprint[] {
  const out: CapsuleFootprint[] = [];
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [x1, y1] = line[i] as [number, number];
      const [x2, y2] = line[i + 1] as [number, number];
      const dLat = reach_m / metresPerDegreeLat(Math.min(Math.abs(y1), Math.abs(y2)));
      const dLon = reach_m / metresPerDegreeLon(Math.min(89, Math.max(Math.abs(y1), Math.abs(y2)) + dLat));
      out.push({
        ...base,
        kind: 'capsule',
        a: [x1, y1],
        b: [x2, y2],
        radius_m: reach_m,
        bbox: [
          Math.min(x1, x2) - dLon,
          Math.min(y1, y2) - dLat,
          Math.max(x1, x2) + dLon,
          Math.max(y1, y2) + dLat,
        ],
      });
    }
  }
  return out;
}

/** Integrates a zone over every commune with the coverage engine's scanlines. */
export function zoneCoverage(
  locator: CommuneLocator,
  zone: readonly Footprint[],
  cfg: EngineConfig,
  withOutside: boolean,
): ZoneShare[] {
  let index: Flatbush | null = null;
  if (zone.length) {
    index = new Flatbush(zone.length);
    for (const f of zone) index.add(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]);
    index.finish();
  }
  return locator.rings.map((rings, ci) => {
    const bbox = locator.bboxes[ci]!;
    const nearby = index ? index.search(...bbox).map((k) => zone[k]!) : [];
    const scan = scanCommune(rings, bbox, nearby, {
      scanlines: cfg.scanlines,
      minScanlines: cfg.minScanlines,
      spacing: cfg.scanSpacingM,
      gapMasks: withOutside ? [1] : [],
      gapRows: cfg.gapGridRows,
    });
    const covered = scan.maskArea.get(1) ?? 0;
    return {
      areaShare: scan.totalArea > 0 ? covered / scan.totalArea : 0,
      outside: scan.gapGrids[0] ? gapPolygons(scan.gapGrids[0], scan.projection) : [],
    };
  });
}
