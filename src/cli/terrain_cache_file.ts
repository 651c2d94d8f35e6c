/**
 * The on-disk footprint cache of `--terrain-cache DIR`: one gzipped JSON file per DEM and model
 * (`footprints-<prefix>.json.gz`, the prefix a hash of the DEM's tiles and of the model with its radio
 * settings), holding every footprint computed over that DEM, keyed by radio cell.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { UserError } from '../core/base/errors.ts';
import type { FootprintCacheEntry } from '../core/terrain/footprint_cache.ts';
import type { TerrainContext } from '../core/terrain/terrain_context.ts';

const FORMAT = 'vungphu-terrain-footprints';

/** The cache file of a DEM and model in `dir`. */
export function terrainCacheFile(dir: string, terrain: TerrainContext): string {
  return join(dir, `footprints-${terrain.prefix}.json.gz`);
}

/** Puts the footprints stored in `dir` for this DEM and model into the terrain's cache; returns how many. */
export function loadTerrainCache(dir: string, terrain: TerrainContext): number {
  const file = terrainCacheFile(dir, terrain);
  if (!existsSync(file)) return 0;
  let entries: FootprintCacheEntry[];
  try {
    const data = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
      format?: string;
      entries?: FootprintCacheEntry[];
    };
    if (data.format !== FORMAT || !Array.isArray(data.entries)) throw new Error('not a footprint cache');
    entries = data.entries.filter((e) => e.key.startsWith(terrain.prefix));
  } catch (e) {
    throw new UserError(
      `--terrain-cache: ${file} is not a readable footprint cache (${(e as Error).message}); delete it and run again.`,
    );
  }
  terrain.cache.restore(entries);
  return entries.length;
}

/** Writes every footprint of this DEM and model held in the terrain's cache to `dir`; returns how many. */
export function saveTerrainCache(dir: string, terrain: TerrainContext): number {
  const entries = terrain.cache.entries().filter((e) => e.key.startsWith(terrain.prefix));
  mkdirSync(dir, { recursive: true });
  const file = terrainCacheFile(dir, terrain);
  const body = JSON.stringify({ format: FORMAT, dem_sources: terrain.dem.sources, entries });
  // Written aside and renamed, so that an interrupted run never leaves half a file.
  writeFileSync(`${file}.tmp`, gzipSync(body, { level: 6 }));
  renameSync(`${file}.tmp`, file);
  return entries.length;
}
