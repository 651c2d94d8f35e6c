/**
 * GeoJSON features for the map layers, built in the worker from the analysis inputs and results.
 * Footprints are drawn the way the engine models them: the operator's polygon, a sector, or a circle of
 * the site's own or default radius (by technology and the setting of the commune it stands in).
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import type { Commune, EngineConfig, GapPolygon, Setting, Site } from '../../core/base/types.ts';
import { footprintRadius, sectorRing } from '../../core/coverage/footprints.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../core/geometry/local_projection.ts';

/** How an item stands in the scenario: from the data, or added / moved by an edit. */
export type EditState = 'base' | 'added' | 'moved';

const CIRCLE_STEPS = 48;

/** A circle of `radius_m` metres around a point, as a lon/lat ring (local ellipsoidal scale). */
export function circleRing(lon: number, lat: number, radius_m: number, steps = CIRCLE_STEPS): Position[] {
  const kx = metresPerDegreeLon(lat);
  const ky = metresPerDegreeLat(lat);
  const ring: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * (i % steps)) / steps;
    ring.push([lon + (radius_m * Math.sin(a)) / kx, lat + (radius_m * Math.cos(a)) / ky]);
  }
  return ring;
}

/** The commune outlines the choropleth fills, with `id` (feature-state key) and names. */
export function communeFeature(c: Commune): Feature {
  return {
    type: 'Feature',
    geometry: c.geometry,
    properties: { id: c.id, name: c.name, district: c.districtName, province: c.provinceName },
  };
}

/** A site as a point: operator and technologies ("4G;5G") for filters and the popup. */
export function siteFeature(s: Site, state: EditState): Feature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: {
      id: s.id,
      operator: s.operator,
      tech: s.technologies.join(';'),
      radius: s.radius_m ?? null,
      sector: s.azimuth_deg !== undefined,
      state,
    },
  };
}

/** One footprint per technology of the site, as the engine models it. */
export function footprintFeatures(s: Site, setting: Setting, cfg: EngineConfig): Feature[] {
  return s.technologies.map((technology) => {
    let geometry: Polygon | MultiPolygon;
    const radius = footprintRadius(s, technology, setting, cfg);
    const bw = s.beamwidth_deg;
    if (s.coverage) geometry = s.coverage;
    else if (s.azimuth_deg !== undefined && bw !== undefined && bw > 0 && bw < 360)
      geometry = {
        type: 'Polygon',
        coordinates: [sectorRing(s.lon, s.lat, radius, s.azimuth_deg, bw, cfg.arcSegments)],
      };
    else geometry = { type: 'Polygon', coordinates: [circleRing(s.lon, s.lat, radius)] };
    return {
      type: 'Feature',
      geometry,
      properties: { site: s.id, operator: s.operator, technology, radius },
    };
  });
}

/** A postal service point. */
export function postalFeature(p: PostalPoint, state: EditState): Feature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: {
      id: p.id,
      type: p.type,
      staffed: p.staffed,
      internet: p.internet,
      online: p.online_public_services,
      name: p.name ?? null,
      state,
    },
  };
}

/** The service circle (distance view radius) of a staffed postal point; none for unstaffed points. */
export function serviceCircleFeatures(p: PostalPoint, distanceKm: number): Feature[] {
  if (!p.staffed) return [];
  return [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [circleRing(p.lon, p.lat, distanceKm * 1000)] },
      properties: { id: p.id },
    },
  ];
}

/** A fiber (or copper) route. */
export function fiberFeature(r: FiberRoute): Feature {
  return {
    type: 'Feature',
    geometry: r.geometry,
    properties: { id: r.id, operator: r.operator, medium: r.medium, year: r.year },
  };
}

/** A commune's villages, flagged when they are dead zones (no 4G from any operator). */
export function villageFeatures(villages: readonly Village[], dead: ReadonlySet<string>): Feature[] {
  return villages.map((v) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
    properties: {
      id: v.id,
      name: v.name ?? null,
      population: v.population,
      grid: v.hasGridPower,
      dead: dead.has(v.id),
    },
  }));
}

/** A commune's gap (dead-zone) polygons. */
export function gapFeatures(gaps: readonly GapPolygon[]): Feature[] {
  return gaps.map((g) => ({
    type: 'Feature',
    geometry: g.geometry,
    properties: { unit: g.unitId, technology: g.technology, area_km2: g.area_km2, population: g.population },
  }));
}

/** A commune's areas farther than the distance-view radius from every staffed postal point. */
export function beyondFeatures(unitId: string, polygons: readonly Polygon[]): Feature[] {
  return polygons.map((geometry) => ({ type: 'Feature', geometry, properties: { unit: unitId } }));
}
