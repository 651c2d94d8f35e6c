/**
 * `--terrain-cache DIR` and the terrain set-up of `analyze` and `plan-sites` with `--dem`: the default
 * terrain model with the config's radio settings, the footprints stored in DIR put back into the
 * process's cache, the missing ones computed on every core, and DIR written again after the run.
 */
import type { Commune, Setting, Site } from '../core/base/types.ts';
import { communeLocator } from '../core/geometry/commune_locator.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../core/propagation/radio_config.ts';
import { defaultTerrainModel } from '../core/terrain/default_terrain_model.ts';
import type { Dem } from '../core/terrain/dem.ts';
import { sharedFootprintCache } from '../core/terrain/footprint_cache.ts';
import { type TerrainOptions, terrainContext } from '../core/terrain/terrain_context.ts';
import { progressBar } from './progress.ts';
import { loadTerrainCache, saveTerrainCache } from './terrain_cache_file.ts';
import { precomputeTerrain } from './terrain_precompute.ts';

/**
 * Sets up the terrain footprints of a run over `dem`: reads `cacheDir` (when given), computes the
 * footprints of `sites` not in it with worker threads, and returns the terrain options the engine
 * takes, and `save` to write the cache back after the run. Progress and summary lines go to `write`.
 */
export async function prepareTerrain(
  dem: Dem,
  sites: readonly Site[],
  communes: readonly Commune[],
  radio: RadioConfig | undefined,
  cacheDir: string | undefined,
  write: (line: string) => void,
): Promise<{ terrain: TerrainOptions; save: () => void }> {
  const r = radio ?? DEFAULT_RADIO;
  const terrain: TerrainOptions = { model: defaultTerrainModel(r), cache: sharedFootprintCache };
  const context = terrainContext(dem, terrain);
  const restored = cacheDir ? loadTerrainCache(cacheDir, context) : 0;
  const locator = communeLocator(communes);
  const settingOf = (s: Site): Setting => {
    const i = locator.locate(s.lon, s.lat);
    return i >= 0 ? communes[i]!.setting : 'rural';
  };
  const bar = progressBar();
  const summary = await precomputeTerrain(sites, settingOf, context, r, undefined, (done, total) =>
    bar.update(done, total, 'terrain footprints'),
  );
  bar.done();
  write(
    `terrain footprints: ${summary.cells.toLocaleString('en-US')} cells on the DEM, ${summary.cached.toLocaleString('en-US')} from the cache${cacheDir ? ` (${restored.toLocaleString('en-US')} read from ${cacheDir})` : ''}, ${summary.computed.toLocaleString('en-US')} computed${summary.threads ? ` on ${summary.threads} threads` : ''} in ${summary.seconds.toFixed(1)} s`,
  );
  return {
    terrain,
    save: () => {
      if (!cacheDir) return;
      const n = saveTerrainCache(cacheDir, context);
      write(`terrain footprints: ${n.toLocaleString('en-US')} written to ${cacheDir}`);
    },
  };
}
