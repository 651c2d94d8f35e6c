import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GapPolygon } from '../../core/base/types.ts';

/** Gap polygons as a FeatureCollection (one feature per connected gap), flagged when from synthetic data. */
export function gapsGeoJSON(
  gaps: readonly GapPolygon[],
  synthetic: boolean,
): FeatureCollection<Polygon | MultiPolygon> & {
  metadata: Record<string, unknown>;
} {
  return {
    type: 'FeatureCollection',
    metadata: {
      synthetic,
      note: 'Modelled gaps (no footprint of the technology from any operator), traced on a grid; area in km², population in people.',
    },
    features: gaps.map((g, i) => ({
      type: 'Feature',
      id: i,
      properties: {
        unit_id: g.unitId,
        technology: g.technology,
        operator: 'all',
        area_km2: Math.round(g.area_km2 * 1e4) / 1e4,
        population: Math.round(g.population * 10) / 10,
        fill: '#d62728',
        stroke: '#d62728',
      },
      geometry: g.geometry,
    })),
  };
}

/** Areas farther than 3 km (straight line) from any staffed postal point, one feature per polygon. */
export function postalBeyondGeoJSON(
  polygons: readonly { unitId: string; geometry: Polygon }[],
  synthetic: boolean,
): FeatureCollection<Polygon> & { metadata: Record<string, unknown> } {
  return {
    type: 'FeatureCollection',
    metadata: {
      synthetic,
      note: 'Areas farther than 3 km in a straight line from the nearest staffed postal point.',
    },
    features: polygons.map((p, i) => ({
      type: 'Feature',
      id: i,
      properties: { unit_id: p.unitId, fill: '#9467bd', stroke: '#9467bd' },
      geometry: p.geometry,
    })),
  };
}
