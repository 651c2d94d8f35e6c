import type { RadioConfig } from '../propagation/radio_config.ts';
import { defaultTerrainModel } from '../terrain/default_terrain_model.ts';
import type { Dem } from '../terrain/dem.ts';
import { type TerrainContext, type TerrainOptions, terrainContext } from '../terrain/terrain_context.ts';

/**
 * The terrain context an analysis or a plan over `dem` uses: the injected model and cache
 * (`options.terrain`), else the default model (`defaultTerrainModel`) with the radio settings
 * `options.radio` and the process's shared footprint cache.
 */
export function analysisTerrain(
  dem: Dem,
  options: { terrain?: TerrainOptions; radio?: RadioConfig },
): TerrainContext {
  return terrainContext(dem, options.terrain ?? { model: defaultTerrainModel(options.radio) });
}
