import { isSector } from '../base/site_cells.ts';
import type { Cell, Setting, Site } from '../base/types.ts';
import { bandFrequency } from './band_frequency.ts';
import type { RadioConfig } from './radio_config.ts';
import type { RadioCell } from './radio_types.ts';

/**
 * The radio parameters of one cell of a site in a commune of the given setting: the cell's own band,
 * height, EIRP, tilt, azimuth and beamwidth where it has them, else the site's (band, height, sector),
 * else the technology's defaults in `config` for the setting. `defaulted` lists what came from the
 * defaults, so outputs can say so. A beamwidth of 360° or none, or no azimuth, is an omni cell.
 */
export function resolveRadioCell(site: Site, cell: Cell, setting: Setting, config: RadioConfig): RadioCell {
  const defaults = config.technologies[cell.technology];
  const defaulted: RadioCell['defaulted'][number][] = [];
  const freq = bandFrequency(cell.band ?? site.band, cell.technology);
  if (freq.defaulted) defaulted.push('frequency');
  const ownHeight = cell.height_m ?? site.height_m;
  const height = ownHeight !== undefined && ownHeight > 0 ? ownHeight : defaults.height_m[setting];
  if (height !== ownHeight) defaulted.push('height');
  const eirp = cell.eirp_dbm ?? defaults.eirp_dbm[setting];
  if (cell.eirp_dbm === undefined) defaulted.push('eirp');
  const tilt = cell.tilt_deg ?? defaults.tilt_deg[setting];
  if (cell.tilt_deg === undefined) defaulted.push('tilt');
  const sectorOf: Cell = { ...cell };
  if (sectorOf.azimuth_deg === undefined && site.azimuth_deg !== undefined)
    sectorOf.azimuth_deg = site.azimuth_deg;
  if (sectorOf.beamwidth_deg === undefined && site.beamwidth_deg !== undefined)
    sectorOf.beamwidth_deg = site.beamwidth_deg;
  delete sectorOf.coverage;
  const out: RadioCell = {
    lon: site.lon,
    lat: site.lat,
    technology: cell.technology,
    setting,
    frequency_mhz: freq.frequency_mhz,
    height_m: height,
    eirp_dbm: eirp,
    tilt_deg: tilt,
    defaulted,
  };
  if (isSector(sectorOf)) {
    out.azimuth_deg = sectorOf.azimuth_deg!;
    out.beamwidth_deg = sectorOf.beamwidth_deg!;
  }
  if (freq.reason !== undefined) out.frequencyNote = freq.reason;
  return out;
}
