import type { Callbacks, EngineConfig } from '../base/types.ts';
import { defaultTerrainModel } from '../terrain/default_terrain_model.ts';
import type { Dem } from '../terrain/dem.ts';
import { type TerrainContext, type TerrainOptions, terrainContext } from '../terrain/terrain_context.ts';

/**
 * The terrain context an analysis over `dem` uses: the injected model (`options.terrain`), else the
 * default one for the config; null, with a warning, when this build has neither (the footprints then
 * stay circles and sectors).
 */
export function analysisTerrain(
  dem: Dem,
  cfg: EngineConfig,
  options: Callbacks & { terrain?: TerrainOptions },
): TerrainContext | null {
  if (options.terrain) return terrainContext(dem, options.terrain);
  const model = defaultTerrainModel(cfg);
  if (model) return terrainContext(dem, { model });
  options.onWarning?.(
    'A DEM is loaded but no terrain model is available in this build: footprints stay circles and sectors.',
  );
  return null;
}
