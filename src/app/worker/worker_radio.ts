/**
 * The radio config in the worker (issue 17): the `radio` section of a config file imported in the
 * Data tab (the CLI's `--config`, validated by `validateRadioConfig`), else `DEFAULT_RADIO`. The
 * analysis, the map's footprints, the footprint pool, the planner and the "why" card all take their
 * terrain model from here, so that they agree.
 */
import { UserError } from '../../core/base/errors.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../../core/propagation/radio_config.ts';
import { defaultTerrainModel } from '../../core/terrain/default_terrain_model.ts';
import type { Dem } from '../../core/terrain/dem.ts';
import { type TerrainContext, terrainContext } from '../../core/terrain/terrain_context.ts';
import type { TerrainModel } from '../../core/terrain/terrain_model.ts';
import { radioConfigFromJson } from '../../io/import/config_file.ts';

let current: { name: string; radio: RadioConfig } | null = null;
let model: TerrainModel | null = null;

/** The radio settings in use: the imported file's, else the defaults. */
export function currentRadio(): RadioConfig {
  return current?.radio ?? DEFAULT_RADIO;
}

/** The imported radio config's file name, or null when the defaults are used. */
export function radioFileName(): string | null {
  return current?.name ?? null;
}

/** The terrain model of the radio settings in use; its defaults line says where they came from. */
export function appTerrainModel(): TerrainModel {
  model ??= defaultTerrainModel(currentRadio(), radioFileName());
  return model;
}

/** The terrain context of the app's analyses over `dem`: the app's model, the worker's shared cache. */
export function appTerrain(dem: Dem): TerrainContext {
  return terrainContext(dem, { model: appTerrainModel() });
}

/**
 * Uses the `radio` section of a config file (JSON) from now on, or the defaults again for null.
 * A file that is not JSON, has no `radio` section or has a bad value is refused with a `UserError`
 * naming every problem (path and field); the settings in use then stay as they were.
 */
export function setRadioConfig(file: { name: string; text: string } | null): { name: string } | null {
  if (file === null) {
    current = null;
    model = null;
    return null;
  }
  const radio = radioConfigFromJson(file.text, file.name);
  if (!radio)
    throw new UserError(
      `${file.name}: no "radio" section: a radio config is a JSON object with a "radio" object (as the CLI's --config).`,
    );
  current = { name: file.name, radio };
  model = null;
  return { name: file.name };
}
