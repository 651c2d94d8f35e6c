/**
 * Reference per-commune area coverage for one technology/operator, computed the slow exact way:
 * geodesic 64-gon circles and sectors, polygon-clipping union ∩ commune, ellipsoidal areas.
 */
import type { Position } from 'geojson';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Commune, Site, Technology } from '../../src/core/base/types.ts';
import { exactCoveredShare, geodesicCircle, geodesicSector } from './reference.ts';

function bboxOf(c: Commune): [number, number, number, number] {
  const pts = (c.geometry.type === 'Polygon' ? c.geometry.coordinates : c.geometry.coordinates.flat()).flat();
  return [
    Math.min(...pts.map((p) => p[0]!)),
    Math.min(...pts.map((p) => p[1]!)),
    Math.max(...pts.map((p) => p[0]!)),
    Math.max(...pts.map((p) => p[1]!)),
  ];
}

/** Reference area coverage (%) of each commune for `technology` and `operator` ("all" = any operator). */
export function referenceAreaPct(
  communes: readonly Commune[],
  sites: readonly Site[],
  technology: Technology,
  operator: string,
  settingOf: (s: Site) => 'urban' | 'rural',
): number[] {
  const fps: { ring: Position[]; bbox: [number, number, number, number] }[] = [];
  for (const s of sites) {
    if (!s.technologies.includes(technology) || (operator !== 'all' && s.operator !== operator)) continue;
    const r = s.radius_m ?? DEFAULT_CONFIG.radii[technology][settingOf(s)];
    const ring =
      s.azimuth_deg !== undefined && s.beamwidth_deg !== undefined && s.beamwidth_deg < 360
        ? geodesicSector(s.lon, s.lat, r, s.azimuth_deg, s.beamwidth_deg)
        : geodesicCircle(s.lon, s.lat, r);
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    fps.push({ ring, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
  }
  return communes.map((c) => {
    const b = bboxOf(c);
    const near = fps.filter(
      (f) => f.bbox[0] <= b[2] && f.bbox[2] >= b[0] && f.bbox[1] <= b[3] && f.bbox[3] >= b[1],
    );
    return (
      100 *
      exactCoveredShare(
        c.geometry,
        near.map((f) => f.ring),
      )
    );
  });
}
