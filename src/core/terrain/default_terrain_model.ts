import { TECHNOLOGIES } from '../base/types.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../propagation/radio_config.ts';
import { resolveRadioCell } from '../propagation/resolve_radio_cell.ts';
import { terrainFootprint } from '../propagation/terrain_footprint.ts';
import type { TerrainModel } from './terrain_model.ts';

/**
 * The version of the propagation model's output, part of every footprint cache key: bump it when
 * `terrainFootprint` changes what it computes, so that footprints cached on disk are not reused.
 */
export const TERRAIN_MODEL_VERSION = 2;

/**
 * The terrain model an analysis uses when a DEM is loaded and the caller injects none: the
 * propagation module's link budget, path loss (Hata / COST-231 / TR 38.901) and Bullington
 * diffraction over the DEM (`terrainFootprint`), with the cells resolved by `resolveRadioCell`, all
 * with the radio settings `radio` (the `radio` section of `--config`; default `DEFAULT_RADIO`).
 * With `source` (the app), the outputs' defaults line starts with where the radio settings came
 * from: "radio config: file X" for a file name, "radio config: default" for null.
 */
export function defaultTerrainModel(
  radio: RadioConfig = DEFAULT_RADIO,
  source?: string | null,
): TerrainModel {
  return {
    name: {
      vi: 'quỹ đường truyền; suy hao Hata / COST-231 / 3GPP TR 38.901 và nhiễu xạ Bullington trên mặt cắt địa hình',
      en: 'link budget; Hata / COST-231 / 3GPP TR 38.901 path loss with Bullington diffraction over the terrain profile',
    },
    key: `terrain-v${TERRAIN_MODEL_VERSION}:${JSON.stringify(radio)}`,
    resolve: (site, cell, setting) => resolveRadioCell(site, cell, setting, radio),
    footprint: (cell, dem) => terrainFootprint(cell, dem, radio),
    defaults: withSource(radioDefaults(radio), source),
  };
}

/** The radio defaults a cell without its own values gets, per technology (rural / urban), per language. */
function radioDefaults(radio: RadioConfig): { vi: string; en: string } {
  const vi: string[] = [];
  const en: string[] = [];
  for (const t of TECHNOLOGIES) {
    const d = radio.technologies[t];
    const pair = (r: { rural: number; urban: number }) => `${r.rural}/${r.urban}`;
    vi.push(
      `${t}: ngưỡng ${d.threshold_dbm} dBm, EIRP ${pair(d.eirp_dbm)} dBm, cao ${pair(d.height_m)} m, nghiêng ${pair(d.tilt_deg)}°, tầm tối đa ${d.maxRange_m / 1000} km`,
    );
    en.push(
      `${t}: threshold ${d.threshold_dbm} dBm, EIRP ${pair(d.eirp_dbm)} dBm, height ${pair(d.height_m)} m, tilt ${pair(d.tilt_deg)}°, range ≤ ${d.maxRange_m / 1000} km`,
    );
  }
  return {
    vi: `${vi.join('; ')} (nông thôn/đô thị); máy thu cao ${radio.receiverHeight_m} m; k = ${radio.k.toFixed(3)}`,
    en: `${en.join('; ')} (rural/urban); receiver ${radio.receiverHeight_m} m; k = ${radio.k.toFixed(3)}`,
  };
}

/** The defaults line with the radio config's source in front (unchanged when `source` is undefined). */
function withSource(d: { vi: string; en: string }, source: string | null | undefined) {
  if (source === undefined) return d;
  return {
    vi: `cấu hình vô tuyến: ${source === null ? 'mặc định' : `tệp ${source}`}; ${d.vi}`,
    en: `radio config: ${source === null ? 'default' : `file ${source}`}; ${d.en}`,
  };
}
