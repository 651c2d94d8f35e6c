import type { EngineConfig } from '../base/types.ts';
import type { TerrainModel } from './terrain_model.ts';

/**
 * The terrain model an analysis uses when a DEM is loaded and the caller injects none: the
 * propagation module's link budget and path-loss model with the radio settings of `config`.
 *
 * WIRING POINT (issue 17): until `src/core/propagation/terrain_footprint.ts` (terrainFootprint,
 * resolveRadioCell, DEFAULT_RADIO) is merged this returns null, and an analysis with a DEM but no
 * injected model warns and keeps circles and sectors.
 */
export function defaultTerrainModel(_config: EngineConfig): TerrainModel | null {
  return null;
}
