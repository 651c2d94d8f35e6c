/**
 * GeoJSON features for the map layers, built in the worker from the analysis inputs and results.
 * Footprints are drawn the way the engine models them, one per cell: the operator's polygon, a sector, or
 * a circle of the cell's, the site's or the default radius (by technology and the commune's setting).
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import { cellsOf, isSector } from '../../core/base/site_cells.ts';
import type { SpeedTest } from '../../core/base/speed_tests.ts';
import type { Cell, Commune, EngineConfig, GapPolygon, Setting, Site } from '../../core/base/types.ts';
import { type CountingRule, cellCounted, technologiesOf } from '../../core/coverage/counted_sites.ts';
import { footprintRadius, sectorRing } from '../../core/coverage/footprints.ts';
import { evenOddMultiPolygon } from '../../core/geometry/even_odd_multipolygon.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../core/geometry/local_projection.ts';
import type { Verdict } from '../../core/measured/model_agreement.ts';
import type { TerrainContext } from '../../core/terrain/terrain_context.ts';
import { quadkeyBounds } from '../../io/formats/quadkey.ts';
import type { CellInfo, CellShape } from '../state/site_info.ts';

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

/**
 * How one cell of a site is drawn and described: the engine's footprint (coverage/footprints.ts).
 * `onDem`: a DEM covers the site, so that a cell without its own polygon has a terrain footprint.
 */
export function cellInfo(
  s: Site,
  cell: Cell,
  setting: Setting,
  cfg: EngineConfig,
  rule: CountingRule,
  onDem = false,
): CellInfo {
  const radius = footprintRadius(s, cell.technology, setting, cfg, cell);
  const shape: CellShape = cell.coverage
    ? { kind: 'polygon' }
    : onDem
      ? {
          kind: 'terrain',
          azimuth_deg: isSector(cell) ? cell.azimuth_deg! : null,
          beamwidth_deg: isSector(cell) ? cell.beamwidth_deg! : null,
        }
      : isSector(cell)
        ? {
            kind: 'sector',
            azimuth_deg: cell.azimuth_deg!,
            beamwidth_deg: cell.beamwidth_deg!,
            radius_m: radius,
          }
        : { kind: 'omni', radius_m: radius, own: (cell.radius_m ?? s.radius_m) !== undefined };
  return {
    technology: cell.technology,
    band: cell.band ?? null,
    azimuth_deg: cell.azimuth_deg ?? null,
    beamwidth_deg: cell.beamwidth_deg ?? null,
    height_m: cell.height_m ?? null,
    status: cell.status,
    year: cell.year ?? null,
    counted: cellCounted(cell, rule),
    shape,
  };
}

/**
 * A site as a point: operator and technologies ("4G;5G", of every cell) for filters; `counted: false`
 * when the rule counts none of its cells (drawn grey: planned only) and `planned` (how many planned cells)
 * only when they apply. The cells themselves are asked for by the popup (worker_sites.ts): the features
 * of thousands of sites go with every load, and stay small.
 */
export function siteFeature(s: Site, state: EditState, rule: CountingRule, outside = false): Feature {
  const cells = cellsOf(s);
  const planned = cells.filter((c) => c.status === 'planned').length;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: {
      id: s.id,
      operator: s.operator,
      tech: (s.cells ? technologiesOf(cells) : s.technologies).join(';'),
      radius: s.radius_m ?? null,
      sector: cells.some(isSector),
      ...(planned > 0 ? { planned } : {}),
      ...(cells.some((c) => cellCounted(c, rule)) ? {} : { counted: false }),
      // Outside every commune of the boundary set: hidden on the map unless asked for, then greyed.
      ...(outside ? { outside: true } : {}),
      state,
    },
  };
}

/**
 * One footprint per cell of the site (a sector per azimuth), as the engine models it; `counted` false for
 * a planned cell the rule leaves out (drawn dashed, not filled). With `terrain` (a DEM is loaded), a cell
 * on the DEM without a predicted polygon is drawn as its terrain footprint (`terrain: true`), from the
 * footprint cache the analysis filled.
 */
export function footprintFeatures(
  s: Site,
  setting: Setting,
  cfg: EngineConfig,
  rule: CountingRule,
  terrain: TerrainContext | null = null,
): Feature[] {
  return cellsOf(s).map((cell) => {
    const { technology } = cell;
    let geometry: Polygon | MultiPolygon;
    const radius = footprintRadius(s, technology, setting, cfg, cell);
    const t = cell.coverage ? null : terrain?.footprintOf(s, cell, setting);
    if (cell.coverage) geometry = cell.coverage;
    else if (t) geometry = evenOddMultiPolygon(t.rings);
    else if (isSector(cell))
      geometry = {
        type: 'Polygon',
        coordinates: [
          sectorRing(s.lon, s.lat, radius, cell.azimuth_deg!, cell.beamwidth_deg!, cfg.arcSegments),
        ],
      };
    else geometry = { type: 'Polygon', coordinates: [circleRing(s.lon, s.lat, radius)] };
    return {
      type: 'Feature',
      geometry,
      properties: {
        site: s.id,
        operator: s.operator,
        technology,
        radius: t ? null : radius,
        counted: cellCounted(cell, rule),
        ...(t ? { terrain: true } : {}),
      },
    };
  });
}

/** A postal service point. */
export function postalFeature(p: PostalPoint, state: EditState, outside = false): Feature {
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
      ...(outside ? { outside: true } : {}),
      state,
    },
  };
}

/** The service circle (distance view radius) of a staffed postal point; none for unstaffed points. */
export function serviceCircleFeatures(p: PostalPoint, distanceKm: number, outside = false): Feature[] {
  if (!p.staffed) return [];
  return [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [circleRing(p.lon, p.lat, distanceKm * 1000)] },
      // A point outside every commune of the set: its circle is hidden with it (issue 14).
      properties: outside ? { id: p.id, outside: true } : { id: p.id },
    },
  ];
}

/** A fiber (or copper) route. */
export function fiberFeature(r: FiberRoute, outside = false): Feature {
  return {
    type: 'Feature',
    geometry: r.geometry,
    properties: {
      id: r.id,
      operator: r.operator,
      medium: r.medium,
      year: r.year,
      ...(outside ? { outside: true } : {}),
    },
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

/** The square of a Web Mercator tile given by its quadkey (lon/lat ring). */
function quadkeySquare(quadkey: string): Polygon {
  const [w, south, e, north] = quadkeyBounds(quadkey) ?? [0, 0, 0, 0];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, south],
        [e, south],
        [e, north],
        [w, north],
        [w, south],
      ],
    ],
  };
}

/**
 * The speed tests (measured): a point per test, a square per Ookla tile, coloured by download on the
 * map; `disagree` marks the tests the model is contradicted by (when given).
 */
export function speedTestFeatures(
  tests: readonly SpeedTest[],
  verdicts: readonly Verdict[] | null = null,
): Feature[] {
  return tests.map((t, k) => ({
    type: 'Feature',
    geometry: t.quadkey ? quadkeySquare(t.quadkey) : { type: 'Point', coordinates: [t.lon, t.lat] },
    properties: {
      id: t.id,
      technology: t.technology,
      operator: t.operator,
      download: t.downloadMbps,
      upload: t.uploadMbps,
      latency: t.latencyMs,
      tests: t.tests,
      date: t.date,
      verdict: verdicts?.[k] ?? null,
      disagree: verdicts !== null && verdicts[k] !== 'agree',
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
