/**
 * A cell of a site in words, for the site popup: what the input said (technology, band, azimuth,
 * beamwidth, height, status, year) and why its footprint has the shape the map draws.
 */
import type { CellInfo, CellShape } from '../state/site_info.ts';
import { fmt } from './format.ts';
import { t } from './i18n.ts';

/** Why the footprint has its shape: "sector 162°, 120° beam, radius 3.0 km", "omni, radius …", a polygon. */
export function cellShapeText(shape: CellShape): string {
  switch (shape.kind) {
    case 'sector':
      return t('cell.sector', {
        az: fmt.decimal(shape.azimuth_deg, 0, 1),
        bw: fmt.decimal(shape.beamwidth_deg, 0, 1),
        r: fmt.decimal(shape.radius_m / 1000, 1),
      });
    case 'omni':
      return t(shape.own ? 'cell.omni' : 'cell.omniDefault', { r: fmt.decimal(shape.radius_m / 1000, 1) });
    case 'polygon':
      return t('cell.polygon');
    case 'terrain':
      return shape.azimuth_deg !== null && shape.beamwidth_deg !== null
        ? t('cell.terrainSector', {
            az: fmt.decimal(shape.azimuth_deg, 0, 1),
            bw: fmt.decimal(shape.beamwidth_deg, 0, 1),
          })
        : t('cell.terrainOmni');
    default: {
      const unexpected: never = shape;
      throw new Error(`unknown cell shape ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The cell's status in words: on air (since a year), or planned (for a year), and whether it counts. */
function cellStatusText(c: CellInfo): string {
  const year = c.year === null ? null : String(c.year);
  const status =
    c.status === 'on_air'
      ? year === null
        ? t('cell.onAir')
        : t('cell.onAirYear', { year })
      : year === null
        ? t('cell.planned')
        : t('cell.plannedYear', { year });
  return c.counted ? status : `${status} (${t('cell.notCounted')})`;
}

/** The cell's facts in one line: "4G · band 1800 · 30 m high · on air since 2019". */
export function cellFactsText(c: CellInfo): string {
  return [
    c.technology,
    ...(c.band !== null ? [t('cell.band', { band: c.band })] : []),
    ...(c.height_m !== null ? [t('cell.height', { h: fmt.decimal(c.height_m, 0, 1) })] : []),
    cellStatusText(c),
  ].join(' · ');
}
