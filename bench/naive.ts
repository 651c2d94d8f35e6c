/**
 * The naive way, for comparison: for one technology/operator combination, build every footprint as
 * a 64-step Turf circle, union them all with Turf, then intersect the union with each commune and
 * take area ratios with turf.area.
 */
import { area, circle, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_CONFIG } from '../src/core/base/config.ts';
import type { Commune, Site, Technology } from '../src/core/base/types.ts';

export function naiveCoverage(
  communes: readonly Commune[],
  sites: readonly Site[],
  technology: Technology,
  operator: string,
) {
  const circles: Feature<Polygon>[] = [];
  for (const s of sites) {
    if (!s.technologies.includes(technology) || (operator !== 'all' && s.operator !== operator)) continue;
    const r = s.radius_m ?? DEFAULT_CONFIG.radii[technology].rural;
    circles.push(circle([s.lon, s.lat], r / 1000, { steps: 64, units: 'kilometers' }));
  }
  const merged = circles.length > 1 ? union(featureCollection(circles)) : (circles[0] ?? null);
  return communes.map((c) => {
    if (!merged) return 0;
    const feature: Feature<Polygon | MultiPolygon> = {
      type: 'Feature',
      properties: {},
      geometry: c.geometry,
    };
    const inter = intersect(featureCollection([feature, merged as Feature<Polygon | MultiPolygon>]));
    return inter ? (100 * area(inter)) / area(feature) : 0;
  });
}
