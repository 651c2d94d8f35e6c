/**
 * Why a dead-zone village (no 4G) has no 4G from its nearest 4G site (issue 15): for each of the site's
 * 4G cells, the reason its footprint misses the village (the sector faces away, the village is beyond
 * the radius, outside the operator's polygon, in the terrain's shadow, or the cell is not counted), in
 * words for the unit panel's dead-zone list.
 */
import type { CellInfo, SiteInfo } from '../state/site_info.ts';
import { cellFactsText, cellShapeText } from './cell_text.ts';
import { fmt } from './format.ts';
import { t } from './i18n.ts';

/** Why one cell's footprint misses a village. */
export type MissReason =
  | { kind: 'not-counted' }
  | { kind: 'outside-polygon' }
  | { kind: 'faces-away'; azimuth_deg: number; bearing_deg: number }
  | { kind: 'beyond-radius'; radius_m: number; own: boolean }
  | { kind: 'terrain' }
  /** The cell's footprint is the propagation model's over a DEM: its distance, shadows and pattern in one. */
  | { kind: 'outside-terrain-footprint' }
  | { kind: 'unexplained' };

/** Smallest angle between two bearings, degrees in [0, 180]. */
export function angleBetweenDeg(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/**
 * Why the cell's footprint misses a village at `bearingDeg` (from the site, degrees clockwise from north)
 * and `distanceKm`: a cell not counted by the rule, outside the operator's polygon, a sector whose beam
 * (azimuth ± beamwidth / 2) does not contain the bearing, beyond the footprint radius; with the terrain
 * engine a village inside the flat shape is in the terrain's shadow.
 */
export function missReason(
  cell: CellInfo,
  bearingDeg: number,
  distanceKm: number,
  terrain: boolean,
): MissReason {
  if (!cell.counted) return { kind: 'not-counted' };
  const s = cell.shape;
  if (s.kind === 'polygon') return { kind: 'outside-polygon' };
  if (s.kind === 'terrain') return { kind: 'outside-terrain-footprint' };
  if (s.kind === 'sector' && angleBetweenDeg(bearingDeg, s.azimuth_deg) > s.beamwidth_deg / 2)
    return { kind: 'faces-away', azimuth_deg: s.azimuth_deg, bearing_deg: bearingDeg };
  if (distanceKm * 1000 > s.radius_m)
    return { kind: 'beyond-radius', radius_m: s.radius_m, own: s.kind === 'sector' || s.own };
  return terrain ? { kind: 'terrain' } : { kind: 'unexplained' };
}

/** The reason in words: "the sector faces away (azimuth 90°, village at bearing 270°)". */
export function missReasonText(r: MissReason): string {
  switch (r.kind) {
    case 'not-counted':
      return t('deadWhy.notCounted');
    case 'outside-polygon':
      return t('deadWhy.outsidePolygon');
    case 'faces-away':
      return t('deadWhy.facesAway', {
        az: fmt.decimal(r.azimuth_deg, 0, 1),
        bearing: fmt.decimal(r.bearing_deg, 0, 0),
      });
    case 'beyond-radius':
      return t(r.own ? 'deadWhy.beyondRadius' : 'deadWhy.beyondDefault', {
        r: fmt.decimal(r.radius_m / 1000, 1),
      });
    case 'terrain':
      return t('deadWhy.terrain');
    case 'outside-terrain-footprint':
      return t('deadWhy.outsideTerrain');
    case 'unexplained':
      return t('deadWhy.unexplained');
    default: {
      const unexpected: never = r;
      throw new Error(`unknown reason ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The whole explanation for a dead-zone village: the nearest 4G site's code, then each 4G cell's facts
 * (band, height), footprint kind and why it misses the village. `info` null: the site is not among the
 * loaded sites.
 */
export function deadZoneWhyText(
  siteId: string,
  info: SiteInfo | null,
  bearingDeg: number,
  distanceKm: number,
  terrain: boolean,
): string {
  if (!info) return t('deadWhy.siteMissing', { id: siteId });
  const cells = info.cells.filter((c) => c.technology === '4G');
  const parts = cells.map(
    (c) =>
      `${cellFactsText(c)}, ${cellShapeText(c.shape)}: ${missReasonText(missReason(c, bearingDeg, distanceKm, terrain))}`,
  );
  return `${t('deadWhy.site', { id: siteId })} — ${parts.join('; ')}`;
}
