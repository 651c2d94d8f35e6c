import type { Cell, Setting, Site } from '../base/types.ts';
import type { RadioCell, TerrainFootprintFn } from '../propagation/radio_types.ts';

/**
 * A terrain propagation model with its radio settings bound: what the engine needs to turn a cell into
 * a terrain footprint. The propagation module builds one from the radio config (`--config`'s radio
 * section); tests inject their own. The engine never knows which model it runs.
 */
export interface TerrainModel {
  /** What the outputs call the model, in both languages (e.g. "Hata / COST-231 + Bullington"). */
  name: { vi: string; en: string };
  /**
   * The identity of the model and of every radio setting that is not in the resolved `RadioCell`
   * (thresholds, receiver height, sweep resolution): part of every footprint cache key.
   */
  key: string;
  /** A cell's radio parameters: its own values, else the site's, else the defaults for the setting. */
  resolve(site: Site, cell: Cell, setting: Setting): RadioCell;
  /** The cell's covered ground over the DEM. */
  footprint: TerrainFootprintFn;
  /** The defaults the model used where the input had no value, one line per language, for the outputs. */
  defaults?: { vi: string; en: string };
}
